import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

test('a JSON message with tags, keys, properties and {{uuid}} is sent, verified, found in History and replayed', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const composer = new ComposerPage(page);
  const marker = `e2e-${Date.now().toString(36)}`;
  await composer.fill({
    topic: E2E_TOPIC,
    tags: 'OrderCreated',
    keys: `${marker} order-{{uuid}}`,
    props: { region: 'eu-west', source: 'e2e' },
    format: 'json',
    body: '{"orderId":"{{uuid}}","amount":42,"items":["a","b"]}',
  });
  await expect(composer.t('body-error')).toHaveCount(0);
  // The resolved preview expands {{uuid}} before anything is sent.
  await expect(composer.t('preview-body')).toContainText('"amount":42');
  await expect(composer.t('preview-body')).not.toContainText('{{uuid}}');

  await page.keyboard.press('ControlOrMeta+Enter');
  await composer.expectSendOk();
  await expect(composer.t('attempt-row').first()).toHaveAttribute('data-ok', 'true');
  await expect(composer.t('result-broker')).toContainText('broker-');
  await expect(composer.t('result-offset')).toHaveText(/^\d+$/);
  const msgId = await composer.msgId();
  expect(msgId).toMatch(/^[0-9A-F]{32}(?:[0-9A-F]{24})?$/); // 56 hex when the host has a public IPv6 address

  await composer.t('verify-stored').click();
  await expect(composer.t('verify-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });

  await app.go('history');
  const history = new HistoryPage(page);
  await history.search(marker);
  await expect(history.rows()).toHaveCount(1);
  await history.openRow(0);
  await expect(history.detail().getByTestId('detail-msgId')).toHaveText(msgId);
  await expect(history.detail().getByTestId('detail-tags')).toHaveText('OrderCreated');
  await expect(history.detail().getByTestId('detail-body')).toContainText('"amount":42');

  await history.detail().getByTestId('detail-replay').click();
  await expect(history.detail().getByTestId('detail-replay-of')).toBeVisible({ timeout: 30_000 });
  await expect(history.detail().getByTestId('detail-status')).toHaveText('SEND_OK');
  await expect(history.rows()).toHaveCount(2);
  await expect(page.locator('[data-testid="history-row"][data-origin="replay"]')).toHaveCount(1);
});
