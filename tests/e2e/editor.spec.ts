import type { Page } from '@playwright/test';
import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import type { ViewId } from './pages/app.page.js';

/** Hovers a line of the body editor near its start (the text starts at the line's left edge). */
async function hoverLine(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-topic').hover();
  await page
    .locator('[data-testid="composer-body"] .view-line')
    .filter({ hasText: text })
    .hover({ position: { x: 24, y: 8 } });
}

/** Every uncaught page error and console error, as text. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** A profile with environment values, created through the form. */
async function createProfileWithEnv(page: Page, name: string, env: string): Promise<void> {
  await page.getByTestId('nav-profiles').click();
  const form = page.getByTestId('profile-form');
  if (!(await form.isVisible())) await page.getByTestId('profile-new').click();
  await form.getByTestId('profile-name').fill(name);
  await form.getByTestId('profile-namesrv').fill(MAIN_NAMESRV);
  await form.getByTestId('profile-env').fill(env);
  await form.getByTestId('profile-save').click();
  await expect(page.getByTestId('active-profile')).toHaveText(name);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-phase', 'connected', { timeout: 30_000 });
}

test('{{ completes template and profile variables; hovers resolve them; {{seq}} advances after a send', async ({ app, page }) => {
  const errors = collectErrors(page);
  await createProfileWithEnv(page, 'vars', 'REGION=eu-west-1');
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.t('composer-topic').fill(E2E_TOPIC);
  await c.setBody('id=');
  // Typed key by key: the `{` trigger character must open the suggestions.
  await page.keyboard.type('{{');
  const suggest = page.locator('[data-testid="composer-body"] .suggest-widget, .monaco-editor .suggest-widget').first();
  await expect(suggest).toBeVisible();
  for (const v of ['{{uuid}}', '{{seq}}', '{{now:iso}}', '{{randomInt 1 100}}', '{{env.REGION}}']) await expect(suggest).toContainText(v);
  await page.keyboard.type('se');
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('{{seq}}');
  await page.keyboard.press('Enter');
  await expect.poll(() => c.bodyText()).toBe('id={{seq}}');

  // A profile variable, completed after typing part of its name.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{REG');
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('{{env.REGION}}');
  await page.keyboard.press('Enter');
  await expect.poll(() => c.bodyText()).toBe('id={{seq}}{{env.REGION}}');

  // Hovers show what the host resolves now.
  await c.setBody('{{env.REGION}}\n{{seq}}');
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await hoverLine(page, '{{env.REGION}}');
  await expect(hover).toContainText('eu-west-1');
  await hoverLine(page, '{{seq}}');
  await expect(hover).toContainText('resolves to');
  await expect(hover).toContainText(/\b1\b/);

  await expect(c.t('preview-body')).toHaveText('eu-west-1\n1');
  await c.send();
  await c.expectSendOk();
  await expect(c.t('resolved-body')).toHaveText('eu-west-1\n1');
  // The counter moved on: the preview (and a hover) now show the next value.
  await expect(c.t('preview-body')).toHaveText('eu-west-1\n2');
  await hoverLine(page, '{{seq}}');
  await expect(hover).toContainText(/\b2\b/);
  expect(errors).toEqual([]);
});

test('a JSON error is one marker and one message with its line and column; Ctrl+K in the editor opens the palette', async ({ app, page }) => {
  const errors = collectErrors(page);
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, format: 'json', body: '{\n"a": 1,\n"b" 2\n}' });
  // Monaco's auto-indent may indent the line: the column is read from what the editor holds.
  const line3 = ((await page.locator('[data-testid="composer-body"] .view-line').filter({ hasText: '"b" 2' }).textContent()) ?? '').replace(/\u00a0/g, ' ');
  const column = line3.indexOf('"b" 2') + 5;
  expect(column).toBeGreaterThan(4);
  await expect(c.t('body-error')).toHaveText(`The body is not valid JSON at line 3, column ${column}: expected ':' after the property name but found '2'.`);
  await expect(page.locator('[data-testid="composer-body"] .squiggly-error')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(c.t('result-blocked')).toBeVisible();
  // Said once, under the editor — not again in the list by the Send button.
  await expect(page.getByText(/not valid JSON/)).toHaveCount(1);

  // Variables are values once expanded: no marker for them.
  await c.setBody('{"n": {{seq}}, "id": "{{uuid}}"}');
  await expect(c.t('body-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="composer-body"] .squiggly-error')).toHaveCount(0);

  await c.editor().click();
  await page.keyboard.press('ControlOrMeta+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toBeHidden();

  // Ctrl+S inside the editor still opens "save template".
  await c.editor().click();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByTestId('save-template-dialog')).toBeVisible();
  expect(errors).toEqual([]);
});

test('no page or console errors over a walk through every view, with JSON mode switched on and off and tabs switched', async ({ app, page }) => {
  const errors = collectErrors(page);
  await app.createProfile('local', MAIN_NAMESRV);
  const views: ViewId[] = ['composer', 'topics', 'brokers', 'live', 'runner', 'history', 'templates', 'profiles'];
  const c = new ComposerPage(page);
  for (let round = 0; round < 2; round++) {
    await app.go('composer');
    await c.fill({ topic: E2E_TOPIC, format: 'json', body: '{"round": ' + round + '}' });
    await c.t('body-format-text').click();
    await c.t('body-format-json').click();
    await c.t('composer-tab-new').click();
    await c.t('body-format-json').click();
    await c.setBody('{"second": true}');
    await page.locator('[data-testid="composer-tab"]').first().locator('button.label').click();
    await expect(c.editor()).toBeVisible();
    for (const v of views) {
      await app.go(v);
      await expect(page.getByTestId('view-title')).not.toHaveText('');
    }
  }
  await app.go('composer');
  await c.send();
  await c.expectSendOk();
  await app.go('history');
  await app.go('composer');
  await expect(c.editor()).toBeVisible();
  expect(errors).toEqual([]);
});
