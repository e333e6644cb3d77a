/**
 * Browser end-to-end tests: Debian's Chromium (never a downloaded browser) drives the real renderer
 * served by the headless web host, against the real local RocketMQ cluster.
 * Run: npx playwright test -c tests/e2e/playwright.config.ts
 */
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './global-setup.ts',
  // 2-core machine and one shared cluster: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: resolve(root, 'out/test-results/playwright'),
  reporter: [['list'], ['json', { outputFile: resolve(root, 'out/test-results/playwright.json') }]],
  use: {
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
