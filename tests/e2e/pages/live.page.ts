import type { Locator, Page } from '@playwright/test';

export class LivePage {
  constructor(readonly page: Page) {}

  faultPanel(): Locator {
    return this.page.getByTestId('fault-window');
  }

  faultRow(broker: string): Locator {
    return this.page.locator(`[data-testid="fault-row"][data-broker="${broker}"]`);
  }

  /** "broker-x chosen again at …" after an isolation. */
  faultReturn(broker: string): Locator {
    return this.page.locator(`[data-testid="fault-return"][data-broker="${broker}"]`);
  }

  /** Facts of the latency chart's own data for one broker: data-points, data-gaps. */
  latencySeries(broker: string): Locator {
    return this.page.locator(`[data-testid="latency-series"][data-broker="${broker}"]`);
  }

  /** data-x-min / data-x-max: the time axis the charts were given. */
  chartFacts(): Locator {
    return this.page.getByTestId('latency-facts');
  }

  async gaps(broker: string): Promise<number> {
    const s = this.latencySeries(broker);
    return (await s.count()) ? Number(await s.getAttribute('data-gaps')) : 0;
  }

  async points(broker: string): Promise<number> {
    const s = this.latencySeries(broker);
    return (await s.count()) ? Number(await s.getAttribute('data-points')) : 0;
  }

  retries(): Locator {
    return this.page.getByTestId('live-retries');
  }
}
