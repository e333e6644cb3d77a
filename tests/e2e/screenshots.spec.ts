/**
 * Screenshots of every view, light and dark, as test artifacts (tests/e2e/artifacts/) and as
 * docs/screenshots/<view>-<scheme>.png, the images the README shows.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import type { ViewId } from './pages/app.page.js';
import { BrowserPage } from './pages/browser.page.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';
import { TemplatesPage } from './pages/templates.page.js';
import { TopicsPage } from './pages/topics.page.js';

const DOCS = resolve(import.meta.dirname, '../../docs/screenshots');
/** The views the README shows: every one. */
const README_VIEWS: readonly ViewId[] = ['composer', 'topics', 'brokers', 'live', 'runner', 'history', 'transactions', 'browser', 'templates', 'profiles'];

test('every view, light and dark', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.createProfile('local', MAIN_NAMESRV, { environment: 'test' });
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({
    topic: E2E_TOPIC,
    tags: 'OrderCreated',
    keys: 'order-{{seq}}',
    props: { region: 'eu-west' },
    format: 'json',
    body: '{"orderId":"{{uuid}}","amount":42.5,"currency":"EUR","lines":[{"sku":"A-1","qty":2}]}',
  });
  await c.t('body-format-json-pretty').click();
  const t0 = Date.now();
  for (let i = 0; i < 3; i++) {
    await c.send();
    await c.expectSendOk();
  }
  const lastId = await c.msgId();
  await new TemplatesPage(page).saveFromComposer('order created', 'orders');

  const views: ViewId[] = ['composer', 'topics', 'brokers', 'live', 'runner', 'history', 'transactions', 'browser', 'templates', 'profiles'];
  mkdirSync(DOCS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await app.setTheme(scheme);
    for (const v of views) {
      await app.go(v);
      if (v === 'topics') await new TopicsPage(page).openRoute(E2E_TOPIC);
      if (v === 'brokers') await expect(page.getByTestId('broker-row')).toHaveCount(2, { timeout: 30_000 });
      if (v === 'history') await new HistoryPage(page).openRow(0);
      if (v === 'browser') {
        const b = new BrowserPage(page);
        // The messages just sent, by store time; the newest one open in the detail pane.
        await b.byTime(E2E_TOPIC, t0 - 5_000, Date.now() + 60_000);
        await b.row(lastId).click();
        await expect(b.t('browser-detail')).toHaveAttribute('data-msgid', lastId);
      }
      if (v === 'transactions') await expect(page.getByTestId('tx-policy')).toBeVisible();
      if (v === 'templates') await expect(page.getByTestId('template-row')).toHaveCount(1);
      if (v === 'composer') await expect(page.locator('[data-testid="composer-body"] .monaco-editor')).toBeVisible();
      await app.screenshot(`${v}-${scheme}`);
      if (README_VIEWS.includes(v)) await page.screenshot({ path: resolve(DOCS, `${v}-${scheme}.png`) });
    }
  }
});
