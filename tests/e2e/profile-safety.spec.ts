import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';

test('a production profile asks before sending; a read-only profile disables every write', async ({ app, page }) => {
  await app.createProfile('prod-eu', MAIN_NAMESRV, { environment: 'prod' });
  await expect(page.getByTestId('active-profile').locator('..').getByTestId('env-badge')).toHaveAttribute('data-env', 'prod');
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, body: 'careful' });

  await c.send();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('production');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(c.t('result-empty')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+Enter');
  await dialog.getByTestId('confirm-ok').click();
  await c.expectSendOk();

  await app.go('profiles');
  await page.getByTestId('profile-row-prod-eu').getByTestId('profile-edit').click();
  await page.getByTestId('profile-readonly').check();
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('readonly-badge').first()).toBeVisible();

  await app.go('composer');
  await expect(c.t('composer-readonly')).toBeVisible();
  await expect(c.t('composer-send')).toBeDisabled();
  await app.go('topics');
  await expect(page.getByTestId('topics-create')).toBeDisabled();
  await app.go('runner');
  await expect(page.getByTestId('bulk-start')).toBeDisabled();
  await app.go('history');
  await page.getByTestId('history-row').first().click();
  await expect(page.getByTestId('detail-replay')).toBeDisabled();
});
