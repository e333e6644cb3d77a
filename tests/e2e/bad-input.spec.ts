import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';

test('an invalid topic, an oversize body and malformed JSON each show a clear error and send nothing', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  const problems = c.t('composer-problems');

  await c.fill({ topic: 'bad topic/name', body: 'hello' });
  await c.send();
  await expect(problems).toContainText('is not a valid topic name');
  await expect(c.t('result-blocked')).toBeVisible();

  await c.t('composer-topic').fill(E2E_TOPIC);
  await c.t('body-format-json').click();
  await c.setBody('{"orderId": 42,');
  await expect(c.t('body-error')).toContainText('not valid JSON');
  await page.keyboard.press('ControlOrMeta+Enter');
  // Said once: under the editor, not repeated in the list by the Send button.
  await expect(page.getByText(/not valid JSON/)).toHaveCount(1);
  await expect(c.t('result-blocked')).toBeVisible();

  await c.t('body-format-text').click();
  const size = 4 * 1024 * 1024 + 1;
  await c
    .t('composer-body-file')
    .setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(`${'x'.repeat(1023)}\n`.repeat(4097)).subarray(0, size) });
  await expect(c.t('body-bytes')).toHaveAttribute('data-bytes', String(size));
  await c.send();
  await expect(problems).toContainText('the limit is 4,194,304 bytes');
  await expect(problems).toContainText('maxMessageSize');
  await expect(c.t('result-blocked')).toBeVisible();

  await app.go('history');
  await expect(page.getByTestId('history-empty')).toBeVisible();
});
