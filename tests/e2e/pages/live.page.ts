import type { Locator, Page } from '@playwright/test';

export class LivePage {
  constructor(readonly page: Page) {}

  faultPanel(): Locator {
    return this.page.getByTestId('fault-window');
  }

  faultRow(broker: string): Locator {
    return this.page.locator(`[data-testid="fault-row"][data-broker="${broker}"]`);
  }

  /**
   * One broker's row read in a single step (isolated flag, ms left, countdown text): a 10 s window
   * can end between separate reads on a loaded host. null when the core has no item for it.
   */
  async faultRowState(broker: string): Promise<{ isolated: boolean; remainingMs: number; countdown: string } | null> {
    return this.page.evaluate((b) => {
      const row = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="fault-row"]')).find((r) => r.dataset.broker === b);
      if (!row) return null;
      const countdown = row.querySelector('[data-testid="fault-countdown"]')?.textContent?.trim() ?? '';
      return { isolated: row.dataset.isolated === 'true', remainingMs: Number(row.dataset.remainingMs), countdown };
    }, broker);
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

  /** The time axis' span, both bounds read at once (a tick may redraw between two separate reads). */
  async axisSpanMs(): Promise<number> {
    return this.chartFacts().evaluate((el) => Number((el as HTMLElement).dataset.xMax) - Number((el as HTMLElement).dataset.xMin));
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
