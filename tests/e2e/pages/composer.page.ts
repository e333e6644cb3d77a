/** Composer: fill the message, send, read the result. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface Draft {
  topic: string;
  tags?: string;
  keys?: string;
  props?: Record<string, string>;
  body: string;
  format?: 'text' | 'json' | 'hex' | 'base64';
}

export class ComposerPage {
  constructor(readonly page: Page) {}

  t(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** The body editor (Monaco). */
  editor(): Locator {
    return this.page.locator('[data-testid="composer-body"] .monaco-editor');
  }

  /** The body text as Monaco renders it (non-breaking spaces normalised). */
  async bodyText(): Promise<string> {
    return ((await this.page.locator('[data-testid="composer-body"] .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
  }

  tab(title: string): Locator {
    return this.page.locator(`[data-testid="composer-tab"][data-title="${title}"]`);
  }

  activeTab(): Locator {
    return this.page.locator('[data-testid="composer-tab"][data-active="true"]');
  }

  async setBody(text: string): Promise<void> {
    const editor = this.editor();
    await expect(editor).toBeVisible();
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    // insertText is one input event: Monaco's auto-closing brackets and quotes do not interfere.
    if (text) await this.page.keyboard.insertText(text);
  }

  async fill(d: Draft): Promise<void> {
    await this.t(`body-format-${d.format ?? 'text'}`).click();
    await this.t('composer-topic').fill(d.topic);
    await this.t('composer-tags').fill(d.tags ?? '');
    await this.t('composer-keys').fill(d.keys ?? '');
    let i = 0;
    for (const [k, v] of Object.entries(d.props ?? {})) {
      await this.t('prop-add').click();
      await this.t(`prop-key-${i}`).fill(k);
      await this.t(`prop-value-${i}`).fill(v);
      i++;
    }
    await this.setBody(d.body);
  }

  async send(): Promise<void> {
    await this.t('composer-send').click();
  }

  async expectSendOk(): Promise<void> {
    await expect(this.t('result-sendStatus')).toHaveText('SEND_OK', { timeout: 30_000 });
  }

  async msgId(): Promise<string> {
    return (await this.t('result-msgId').textContent())?.trim() ?? '';
  }
}
