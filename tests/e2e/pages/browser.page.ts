/** Message browser: query by time range or last N, open a message, read "consumed by". */
import { expect, type Locator, type Page } from '@playwright/test';

/** datetime-local text for an epoch ms in the browser's (= this machine's) time zone. */
export function localInput(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

export class BrowserPage {
  constructor(readonly page: Page) {}

  t(id: string): Locator {
    return this.page.getByTestId(id);
  }

  rows(): Locator {
    return this.t('browser-row');
  }

  row(msgId: string): Locator {
    return this.page.locator(`[data-testid="browser-row"][data-msgid="${msgId}"]`);
  }

  async byTime(topic: string, from: number, to: number): Promise<void> {
    await this.t('browser-topic').fill(topic);
    await this.t('browser-mode').selectOption('time');
    await this.t('browser-from').fill(localInput(from));
    await this.t('browser-to').fill(localInput(to));
    await this.t('browser-search').click();
    await expect(this.t('browser-summary')).toBeVisible({ timeout: 30_000 });
  }

  consumedRow(group: string): Locator {
    return this.page.locator(`[data-testid="browser-consumed-row"][data-group="${group}"]`);
  }
}
