/**
 * Every risky action names its target (issue 14): the production confirm shows profile,
 * environment, topic and count and opens on Cancel (Ctrl+Enter then Enter never sends); a replay
 * names the profile the row was recorded under and defaults to it, or says plainly that it will
 * send to the active one.
 */
import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

test('the production confirm names its target, focuses Cancel, and Enter or Escape never sends', async ({ app, page }) => {
  await app.createProfile('PROD', MAIN_NAMESRV, { environment: 'prod' });
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, body: 'must not go out' });

  await page.keyboard.press('ControlOrMeta+Enter');
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('confirm-target-profile')).toHaveText('PROD');
  await expect(dialog.getByTestId('confirm-target-env')).toHaveText('prod (production)');
  await expect(dialog.getByTestId('confirm-target-topic')).toHaveText(E2E_TOPIC);
  await expect(dialog.getByTestId('confirm-target-count')).toHaveText('1 message');
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused();
  await expect(dialog.getByTestId('confirm-ok')).not.toBeFocused();

  // The habit that used to send to production: Ctrl+Enter, then Enter.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(c.t('result-empty')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(c.t('result-empty')).toBeVisible();

  // Nothing reached the history either.
  await app.go('history');
  await expect(page.getByTestId('history-empty')).toBeVisible();
});

test('replay names the original profile and topic, defaults to it, and says plainly when it would use the active one', async ({ app, page }) => {
  await app.createProfile('staging', MAIN_NAMESRV, { environment: 'test' });
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, body: 'recorded under staging' });
  await c.send();
  await c.expectSendOk();

  await app.createProfile('PROD', MAIN_NAMESRV, { environment: 'prod' });
  await app.go('history');
  const h = new HistoryPage(page);
  await expect(h.rows()).toHaveCount(1);
  await h.openRow(0);
  await page.getByTestId('detail-replay').click();

  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('confirm-choice-original')).toBeChecked();
  await expect(dialog.getByTestId('confirm-choice-detail')).toHaveText("Will send to 'staging' (test), where it was recorded.");
  await expect(dialog.getByTestId('confirm-target-profile')).toHaveText('staging');
  await expect(dialog.getByTestId('confirm-target-env')).toHaveText('test');
  await expect(dialog.getByTestId('confirm-target-topic')).toHaveText(E2E_TOPIC);
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused();
  await expect(dialog).toHaveAttribute('data-danger', 'false');

  // The other choice says where it goes, and turns the dialog into a production warning.
  await dialog.getByTestId('confirm-choice-active').check();
  await expect(dialog.getByTestId('confirm-choice-detail')).toHaveText("Recorded under 'staging'; will send to 'PROD' (production).");
  await expect(dialog.getByTestId('confirm-target-profile')).toHaveText('PROD');
  await expect(dialog.getByTestId('confirm-target-env')).toHaveText('prod (production)');
  await expect(dialog).toHaveAttribute('data-danger', 'true');

  // Back to the original, and replay: the new entry is recorded under staging, linked to its origin.
  await dialog.getByTestId('confirm-choice-original').check();
  await dialog.getByTestId('confirm-ok').click();
  await expect(dialog).toBeHidden();
  await expect(h.rows()).toHaveCount(2);
  await expect(page.locator('[data-testid="history-row"][data-origin="replay"]')).toHaveCount(1);
  await expect(h.detail()).toContainText('replay · staging');
  await expect(page.getByTestId('detail-replay-of')).toBeVisible();
});
