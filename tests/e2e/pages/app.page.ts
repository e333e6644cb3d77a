/** The shell: open the app, wait for readiness, navigate, theme, screenshots. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { ProfilesPage } from './profiles.page.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

export type ViewId = 'composer' | 'topics' | 'brokers' | 'live' | 'runner' | 'history' | 'transactions' | 'browser' | 'templates' | 'profiles';

export class AppPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.ready();
  }

  async go(view: ViewId): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click();
    await expect(this.page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
  }

  /** Creates a profile through the Profiles view, selects and connects it. */
  async createProfile(
    name: string,
    namesrv: string,
    opts: { environment?: 'dev' | 'test' | 'prod'; retries?: number; timeoutMs?: number } = {},
  ): Promise<void> {
    await this.go('profiles');
    const profiles = new ProfilesPage(this.page);
    await profiles.create({ name, namesrv, ...opts });
    await expect(this.page.getByTestId('active-profile')).toHaveText(name);
    await expect(this.page.getByTestId('connection-state')).toHaveAttribute('data-phase', 'connected', { timeout: 30_000 });
  }

  async setTheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: scheme });
    await expect(this.page.locator(`[data-theme="${scheme}"]`).first()).toBeAttached();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = resolve(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
