import { expect, type Locator, type Page } from '@playwright/test';

export class HistoryPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('history-row');
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('history-search').fill(text);
  }

  async openRow(index = 0): Promise<void> {
    await this.rows().nth(index).click();
    await expect(this.page.getByTestId('history-detail')).toBeVisible();
  }

  detail(): Locator {
    return this.page.getByTestId('history-detail');
  }
}
