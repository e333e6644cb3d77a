import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { TemplatesPage } from './pages/templates.page.js';

test('composer tabs keep their own drafts (across a reload); a template opens in a new tab; tabs rename and close', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, tags: 'First', body: 'first draft' });
  await expect(c.activeTab()).toHaveAttribute('data-title', E2E_TOPIC);

  await c.t('composer-tab-new').click();
  await expect(c.t('composer-tab')).toHaveCount(2);
  await expect(c.t('composer-topic')).toHaveValue('');
  await c.fill({ topic: 'OtherTopic', tags: 'Second', format: 'json', body: '{"second": true}' });

  await c.tab(E2E_TOPIC).locator('button.label').click();
  await expect(c.t('composer-tags')).toHaveValue('First');
  await expect.poll(() => c.bodyText()).toBe('first draft');
  await expect(c.t('body-format-text')).toHaveClass(/on/);

  // Rename by double-click.
  await c.tab('OtherTopic').locator('button.label').dblclick();
  await c.t('composer-tab-rename-input').fill('json one');
  await page.keyboard.press('Enter');
  // The first click of the double-click made it the active tab.
  await expect(c.tab('json one')).toHaveAttribute('data-active', 'true');
  await expect(c.t('composer-tags')).toHaveValue('Second');

  // A template never overwrites the draft in front of the user: it opens a new tab.
  await c.tab(E2E_TOPIC).locator('button.label').click();
  const templates = new TemplatesPage(page);
  await templates.saveFromComposer('tabbed');
  await c.setBody('first draft, edited after saving');
  await app.go('templates');
  await templates.open('tabbed');
  await expect(c.t('composer-tab')).toHaveCount(3);
  await expect(c.activeTab()).toHaveAttribute('data-origin', 'template');
  await expect(c.activeTab()).toHaveAttribute('data-title', 'tabbed');
  await expect.poll(() => c.bodyText()).toBe('first draft');

  await app.reload();
  await app.go('composer');
  await expect(c.t('composer-tab')).toHaveCount(3);
  await c.tab('json one').locator('button.label').click();
  await expect(c.t('composer-topic')).toHaveValue('OtherTopic');
  await expect.poll(() => c.bodyText()).toBe('{"second": true}');
  await c.tab(E2E_TOPIC).locator('button.label').click();
  await expect.poll(() => c.bodyText()).toBe('first draft, edited after saving');

  // Each tab has its own result.
  await c.send();
  await c.expectSendOk();
  await c.tab('json one').locator('button.label').click();
  await expect(c.t('result-empty')).toBeVisible();
  await c.tab(E2E_TOPIC).locator('button.label').click();
  await expect(c.t('result-sendStatus')).toHaveText('SEND_OK');

  await c.tab('json one').getByTestId('composer-tab-close').click();
  await expect(c.t('composer-tab')).toHaveCount(2);
  await expect(c.tab('json one')).toHaveCount(0);
});
