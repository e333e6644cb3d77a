import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import type { Page } from '@playwright/test';

async function runFromPalette(page: Page, id: string, query: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId('palette-input').fill(query);
  await page.locator(`[data-testid="palette-item"][data-id="${id}"]`).click();
  await expect(page.getByTestId('palette')).toBeHidden();
}

test('the palette sends, verifies, starts a run, refreshes, opens a new profile form and switches profile', async ({ app, page }) => {
  await app.createProfile('first', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, body: 'sent from the palette {{seq}}' });

  // Verify before anything was sent says why it cannot.
  await runFromPalette(page, 'action:verify', 'verify');
  await expect(page.getByText('nothing sent from this tab yet').first()).toBeVisible();

  await app.go('history');
  await runFromPalette(page, 'action:send', 'send the');
  await expect(page.getByTestId('nav-composer')).toHaveAttribute('aria-current', 'page');
  await c.expectSendOk();
  await runFromPalette(page, 'action:verify', 'verify');
  await expect(c.t('verify-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });

  // A small run: the bulk form keeps its values, and the palette starts a run with them.
  await app.go('runner');
  await page.getByTestId('bulk-count').fill('20');
  await app.go('composer');
  await runFromPalette(page, 'action:run', 'start a run');
  await expect(page.getByTestId('nav-runner')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('bulk-progress')).toHaveAttribute('data-pct', '100', { timeout: 30_000 });

  // Refresh re-fetches the current view: Topics' fetch time moves on.
  await app.go('topics');
  const fetched = page.getByTestId('topics-fetched');
  await expect(fetched).not.toHaveAttribute('data-at', '');
  const before = Number(await fetched.getAttribute('data-at'));
  await runFromPalette(page, 'action:refresh', 'refresh');
  await expect.poll(async () => Number(await page.getByTestId('topics-fetched').getAttribute('data-at'))).toBeGreaterThan(before);

  await runFromPalette(page, 'action:new-profile', 'new profile');
  await expect(page.getByTestId('nav-profiles')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('profile-form')).toBeVisible();
  const form = page.getByTestId('profile-form');
  await form.getByTestId('profile-name').fill('second');
  await form.getByTestId('profile-namesrv').fill(MAIN_NAMESRV);
  await form.getByTestId('profile-save').click();
  await expect(page.getByTestId('active-profile')).toHaveText('second');

  await page.keyboard.press('ControlOrMeta+K');
  await page.getByTestId('palette-input').fill('first');
  await expect(page.locator('[data-testid="palette-item"]').first()).toContainText('Switch profile');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('active-profile')).toHaveText('first');
});
