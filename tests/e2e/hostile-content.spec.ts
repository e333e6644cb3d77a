import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';

test('a message whose body, keys, tags and properties hold HTML renders inert, as text', async ({ app, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({
    topic: E2E_TOPIC,
    tags: '<b>bold</b>',
    keys: `${IMG} ${SCRIPT}`,
    props: { '<i>p</i>': SCRIPT },
    body: `${IMG}\n${SCRIPT}\n<a href="javascript:window.__xss=9">x</a>`,
  });
  await c.send();
  await c.expectSendOk();

  await app.go('history');
  const h = new HistoryPage(page);
  await h.openRow(0);
  await expect(h.detail().getByTestId('detail-body')).toContainText(IMG);
  await expect(h.detail().getByTestId('detail-body')).toContainText(SCRIPT);
  await expect(h.detail().getByTestId('detail-tags')).toHaveText('<b>bold</b>');
  await expect(h.rows().first().getByTestId('history-row-keys')).toContainText('<img');

  // Nothing from the message became markup, and nothing ran.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('#app script')).toHaveCount(0);
  await expect(page.getByTestId('history-view').locator('b, i, img, script')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
