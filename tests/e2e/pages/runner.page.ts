import { expect, type Page } from '@playwright/test';

export class RunnerPage {
  constructor(readonly page: Page) {}

  async startDuration(seconds: number, rate: number, concurrency = 4): Promise<void> {
    await this.page.getByTestId('bulk-by-duration').click();
    await this.page.getByTestId('bulk-duration').fill(String(seconds));
    await this.page.getByTestId('bulk-rate').fill(String(rate));
    await this.page.getByTestId('bulk-concurrency').fill(String(concurrency));
    await this.page.getByTestId('bulk-record').selectOption('failures');
    await this.page.getByTestId('bulk-start').click();
    await expect(this.page.getByTestId('bulk-phase')).toHaveAttribute('data-phase', 'running');
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('bulk-cancel').click();
    await expect(this.page.getByTestId('bulk-phase')).not.toHaveAttribute('data-phase', 'running');
  }
}
