import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { TemplatesPage } from './pages/templates.page.js';

test('a template saved with Ctrl/Cmd+S survives a reload, opens in the composer and sends', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic: E2E_TOPIC, tags: 'Tpl', keys: 'tpl-{{seq}}', props: { kind: 'template' }, body: 'hello from a template {{now}}' });
  const templates = new TemplatesPage(page);
  await templates.saveFromComposer('order created', 'orders');

  await app.reload();
  await app.go('templates');
  await expect(templates.row('order created')).toBeVisible();
  await expect(page.getByTestId('folder-orders')).toBeVisible();
  await templates.open('order created');

  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await expect(composer.t('composer-topic')).toHaveValue(E2E_TOPIC);
  await expect(composer.t('composer-tags')).toHaveValue('Tpl');
  await expect(composer.t('prop-key-0')).toHaveValue('kind');
  await expect(page.locator('[data-testid="composer-body"] .view-lines')).toContainText('hello from a template');
  await composer.send();
  await composer.expectSendOk();

  // The command palette (Ctrl/Cmd+K) reaches views and templates from the keyboard.
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByTestId('palette-input').fill('History');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-history')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByTestId('palette-input').fill('orders/order created');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await expect(composer.t('composer-tags')).toHaveValue('Tpl');
});
