import { expect, type Locator, type Page } from '@playwright/test';

export class TemplatesPage {
  constructor(readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(`[data-testid="template-row"][data-name="${name}"]`);
  }

  /** Saves the composer's message with Ctrl/Cmd+S. */
  async saveFromComposer(name: string, folder = ''): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+S');
    const dialog = this.page.getByTestId('save-template-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('template-name').fill(name);
    await dialog.getByTestId('template-folder').fill(folder);
    await dialog.getByTestId('template-save').click();
    await expect(dialog).toBeHidden();
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByTestId('template-open').click();
  }
}
