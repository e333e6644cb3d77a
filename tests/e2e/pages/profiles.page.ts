import { expect, type Page } from '@playwright/test';

export class ProfilesPage {
  constructor(readonly page: Page) {}

  /** `saveAnyway`: the address is meant to fail, so Save's connection test blocks and the test insists. */
  async create(p: {
    name: string;
    namesrv: string;
    environment?: 'dev' | 'test' | 'prod';
    retries?: number;
    timeoutMs?: number;
    saveAnyway?: boolean;
  }): Promise<void> {
    if (!(await this.page.getByTestId('profile-form').isVisible())) await this.page.getByTestId('profile-new').click();
    const form = this.page.getByTestId('profile-form');
    await form.getByTestId('profile-name').fill(p.name);
    await form.getByTestId('profile-namesrv').fill(p.namesrv);
    if (p.environment) await form.getByTestId('profile-environment').selectOption(p.environment);
    if (p.retries !== undefined) await form.getByTestId('profile-retries').fill(String(p.retries));
    if (p.timeoutMs !== undefined) await form.getByTestId('profile-timeout').fill(String(p.timeoutMs));
    await form.getByTestId('profile-save').click();
    if (p.saveAnyway) await form.getByTestId('profile-save-anyway').click();
    await expect(this.page.getByTestId(`profile-row-${p.name}`)).toBeVisible();
  }
}
