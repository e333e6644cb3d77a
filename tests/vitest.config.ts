import { defineConfig } from 'vitest/config';

// Unit tests are offline and deterministic; integration tests run against the real local cluster
// that the global setup starts (or reuses) and fail — never skip — when it cannot start.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: import.meta.dirname,
          include: ['unit/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          root: import.meta.dirname,
          include: ['integration/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // One JVM cluster on two cores: files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
