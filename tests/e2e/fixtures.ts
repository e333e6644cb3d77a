/** Playwright fixtures: a fresh headless host (own data dir) per test, and the app page object. */
import { test as base, expect } from '@playwright/test';
import { AppPage } from './pages/app.page.js';
import { startHost, type Host } from './support/host.js';

export const MAIN_NAMESRV = '127.0.0.1:9876';
export const E2E_NAMESRV = '127.0.0.1:9906';

export const test = base.extend<{ host: Host; app: AppPage }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
  app: async ({ page, host }, use) => {
    const app = new AppPage(page, host.url);
    await app.open();
    await use(app);
  },
});

export { expect };

/** A unique, valid topic name per test run. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
