import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  constructor(readonly page: Page) {}

  item(topic: string): Locator {
    return this.page.locator(`[data-testid="topic-item"][data-topic="${topic}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('topics-search').fill(text);
  }

  async openRoute(topic: string): Promise<Locator> {
    await this.search(topic);
    await this.item(topic).click();
    const panel = this.page.locator(`[data-testid="route-panel"][data-topic="${topic}"]`);
    await expect(panel).toBeVisible();
    return panel;
  }

  async create(topic: string, queues = 4): Promise<void> {
    await this.page.getByTestId('topics-create').click();
    const form = this.page.getByTestId('create-topic-form');
    await form.getByTestId('create-topic-name').fill(topic);
    await form.getByTestId('create-topic-read').fill(String(queues));
    await form.getByTestId('create-topic-write').fill(String(queues));
    await form.getByTestId('create-topic-submit').click();
    await expect(form).toBeHidden({ timeout: 30_000 });
  }
}
