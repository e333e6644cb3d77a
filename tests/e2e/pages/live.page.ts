import type { Locator, Page } from '@playwright/test';

export class LivePage {
  constructor(readonly page: Page) {}

  faultRow(broker: string): Locator {
    return this.page.locator(`[data-testid="fault-row"][data-broker="${broker}"]`);
  }

  retries(): Locator {
    return this.page.getByTestId('live-retries');
  }
}
