/**
 * History against the real cluster: exact key match (prefix only with key:abc*), search in property
 * values, a send refused before reaching a broker recorded as 'not sent' with its reason, Edit &
 * replay linked to its origin, and an export served by the host (CSV downloaded, rows checked).
 */
import { readFileSync } from 'node:fs';
import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';
import { ProfilesPage } from './pages/profiles.page.js';

test('exact key and property search, linked Edit & replay, host-served export', async ({ app, page }) => {
  test.setTimeout(150_000);
  const m = `hk${Date.now().toString(36)}`;
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic: E2E_TOPIC, keys: m, props: { region: `reg${m}` }, body: 'first' });
  await composer.send();
  await composer.expectSendOk();
  await composer.fill({ topic: E2E_TOPIC, keys: `${m}x other`, body: 'second' });
  await composer.send();
  await composer.expectSendOk();

  await app.go('history');
  const history = new HistoryPage(page);
  const keysShown = () => history.rows().getByTestId('history-row-keys').allTextContents();
  await history.search(`key:${m}`);
  await expect(history.rows()).toHaveCount(1);
  expect(await keysShown()).toEqual([m]);
  await history.search(`key:${m}*`);
  await expect(history.rows()).toHaveCount(2);
  await history.search(`reg${m}`); // a property value, in neither keys nor body
  await expect(history.rows()).toHaveCount(2);
  await expect(page.getByTestId('history-count')).toContainText('2 of 2 rows');
  // the time column shows the date too
  await expect(history.rows().first().getByTestId('history-row-time')).toHaveText(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/);

  // Edit & replay: opens a composer tab; the send is recorded as a replay linked to its origin.
  await history.search(`key:${m}`);
  await expect(history.rows()).toHaveCount(1);
  await history.openRow(0);
  const originId = await history.detail().getAttribute('data-id');
  await history.detail().getByTestId('detail-edit').click();
  await expect(page.getByTestId('composer-topic')).toHaveValue(E2E_TOPIC);
  await composer.send();
  await composer.expectSendOk();
  await app.go('history');
  await history.search(`key:${m}`);
  await expect(history.rows()).toHaveCount(2);
  await expect(page.locator('[data-testid="history-row"][data-origin="replay"]')).toContainText(`replay of #${originId}`);
  await page.locator('[data-testid="history-row"][data-origin="replay"]').click();
  await expect(history.detail().getByTestId('detail-origin-link')).toHaveText(`#${originId}`);

  // Export: the host serves the rows; the download holds the header and the three matching rows.
  await history.search(m);
  await expect(history.rows()).toHaveCount(3);
  await page.getByTestId('history-export-format').selectOption('csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toMatch(/^id,createdAt,profile,topic/);
  expect(csv).toHaveLength(4);
  expect(csv.slice(1).every((l) => l.includes(E2E_TOPIC))).toBe(true);

  // The detail pane collapses and the table takes the width.
  await page.getByTestId('history-detail-toggle').click();
  await expect(history.detail()).toHaveCount(0);
});

test("a send refused before reaching a broker is recorded as 'not sent' with its reason", async ({ app, page }) => {
  await app.go('profiles');
  // Nothing listens on port 1: the connect fails with "no NameServer answered".
  await new ProfilesPage(page).create({ name: 'dead', namesrv: '127.0.0.1:1', timeoutMs: 1000, saveAnyway: true });
  await page.getByTestId('sidebar-profile-dead').click();
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic: E2E_TOPIC, keys: 'never-sent', body: 'refused' });
  await composer.send();
  await app.go('history');
  const history = new HistoryPage(page);
  await page.getByTestId('history-status').selectOption('not sent');
  await expect(history.rows()).toHaveCount(1);
  await expect(history.rows().first()).toHaveAttribute('data-status', 'not sent');
  await history.openRow(0);
  await expect(history.detail()).toContainText('NameServer');
});
