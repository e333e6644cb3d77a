import { defineConfig } from 'vitest/config';

// Unit tests are offline and deterministic; integration tests run against the real local clusters
// (started or reused by the files that name them) and fail — never skip — when one cannot start.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: import.meta.dirname,
          include: ['unit/**/*.spec.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          // Both cores: with vitest's default of one worker here the unit files took 83 s at ~60 %
          // CPU, with two 48 s (each file has its own temp dirs and ports).
          maxWorkers: 2,
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
          // After the unit tests, two files at a time: most of an integration file's time is
          // spent waiting on brokers (restarts, timeouts, check-backs), not on the two cores.
          // Three at a time ran the box at load ~20 and starved the JVM tools (mqadmin, the Java
          // reader) past their own deadlines. Files that share a cluster use their own topics and
          // groups; a file that kills or pauses nodes has a cluster profile of its own.
          sequence: { groupOrder: 1 },
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
