/**
 * Test connection before save, and human errors (issue 14): a working and a failing address, a
 * failing profile neither saved nor active unless "Save anyway", a missing port in plain words,
 * and an HTTP port recognised as such.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { E2E_TOPIC } from './global-setup.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

async function fillDraft(page: Page, name: string, namesrv: string): Promise<void> {
  if (!(await page.getByTestId('profile-form').isVisible())) await page.getByTestId('profile-new').click();
  const form = page.getByTestId('profile-form');
  await form.getByTestId('profile-name').fill(name);
  await form.getByTestId('profile-namesrv').fill(namesrv);
}

test('Test connection reports a working and a failing address; a failing profile is saved only with "Save anyway"', async ({ app, page }) => {
  await app.go('profiles');
  await fillDraft(page, 'local', MAIN_NAMESRV);
  await page.getByTestId('profile-test').click();
  const report = page.getByTestId('profile-test-result');
  await expect(report).toHaveAttribute('data-ok', 'true');
  await expect(report.getByTestId('profile-test-namesrv')).toHaveAttribute('data-ok', 'true');
  await expect(report.getByTestId('profile-test-namesrv')).toContainText(`${MAIN_NAMESRV} answered in`);
  await expect(report.getByTestId('profile-test-clusters')).toHaveText('DefaultCluster');
  await expect(report.getByTestId('profile-test-brokers')).toHaveText('2');
  await expect(report.getByTestId('profile-test-acl')).toHaveAttribute('data-state', 'not-required');
  // Testing saved nothing.
  await expect(page.getByTestId('profile-row-local')).toHaveCount(0);

  // A closed port: the report says so, and Save neither saves nor activates the profile.
  await page.getByTestId('profile-namesrv').fill('127.0.0.1:1');
  await expect(report).toBeHidden(); // the earlier verdict no longer applies
  await page.getByTestId('profile-test').click();
  await expect(report).toHaveAttribute('data-ok', 'false');
  await expect(report.getByTestId('profile-test-namesrv')).toHaveAttribute('data-ok', 'false');
  await expect(report.getByTestId('profile-test-problem')).toContainText('The NameServer did not answer: cannot connect to 127.0.0.1:1');
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-save-blocked')).toBeVisible();
  await expect(page.getByTestId('profile-row-local')).toHaveCount(0);
  await expect(page.getByTestId('active-profile')).toHaveCount(0); // no profile became active

  // The user insists.
  await page.getByTestId('profile-save-anyway').click();
  await expect(page.getByTestId('profile-row-local')).toBeVisible();
  await expect(page.getByTestId('active-profile')).toHaveText('local');
});

test('Save tests first: a working profile is saved and connected without an extra click', async ({ app, page }) => {
  await app.go('profiles');
  await fillDraft(page, 'main', MAIN_NAMESRV);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-row-main')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-phase', 'connected', { timeout: 30_000 });
});

test('a missing port reads as plain words, without the internal channel or field path', async ({ app, page }) => {
  await app.go('profiles');
  await fillDraft(page, 'noport', '127.0.0.1');
  await page.getByTestId('profile-save').click();
  const err = page.getByTestId('profile-error');
  await expect(err).toHaveText('NameServer address "127.0.0.1": has no port: write host:port, e.g. 127.0.0.1:9876');
  await expect(err).not.toContainText('profiles:');
  await expect(err).not.toContainText('namesrvAddrs');
  await expect(page.getByTestId('profile-row-noport')).toHaveCount(0);
});

test('an HTTP port is recognised: "answered with HTTP, not the RocketMQ remoting protocol"', async ({ app, page }) => {
  const server: Server = createServer((_req, res) => res.end('<html>dashboard</html>')).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const addr = `127.0.0.1:${(server.address() as { port: number }).port}`;
    await app.go('profiles');
    await fillDraft(page, 'dashboard', addr);
    await page.getByTestId('profile-test').click();
    const report = page.getByTestId('profile-test-result');
    await expect(report).toHaveAttribute('data-ok', 'false');
    await expect(report.getByTestId('profile-test-problem')).toContainText(
      'this address answered with HTTP, not the RocketMQ remoting protocol — is it the dashboard or proxy port?',
    );
    await expect(report).not.toContainText('1213486164');

    // A saved profile on that port says the same when it connects.
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-save-anyway').click();
    await expect(page.getByTestId('profile-row-dashboard')).toBeVisible();
    await expect(page.getByTestId('profile-row-dashboard')).toContainText('answered with HTTP, not the RocketMQ remoting protocol', { timeout: 30_000 });
  } finally {
    server.close();
  }
});

test('Reaching the cluster: TLS fields with a loud skip-verification warning, a missing CA named by Test connection; a traced profile marks its send traced', async ({
  app,
  page,
}) => {
  await app.go('profiles');
  await fillDraft(page, 'traced', MAIN_NAMESRV);
  const form = page.getByTestId('profile-form');
  await expect(form.getByTestId('profile-tls-fields')).toHaveCount(0);
  await form.getByTestId('profile-tls').check();
  await expect(form.getByTestId('profile-tls-ca')).toBeVisible();
  await expect(form.getByTestId('profile-tls-cert')).toBeVisible();
  await expect(form.getByTestId('profile-tls-key')).toBeVisible();
  await expect(form.getByTestId('profile-tls-skip-warning')).toContainText('not checked at all');
  await form.getByTestId('profile-tls-skip-verify').check();
  await expect(form.getByTestId('profile-tls-skip-box')).toHaveClass(/\bon\b/);
  await form.getByTestId('profile-tls-skip-verify').uncheck();
  await form.getByTestId('profile-tls-ca').fill('/nonexistent/ca.pem');
  await page.getByTestId('profile-test').click();
  await expect(page.getByTestId('profile-test-problem')).toHaveText('TLS CA bundle /nonexistent/ca.pem: no such file');
  await form.getByTestId('profile-tls').uncheck();

  await expect(form.getByTestId('profile-compress-type')).toHaveValue('ZLIB');
  await expect(form.getByTestId('profile-trace-topic')).toHaveValue('RMQ_SYS_TRACE_TOPIC');
  await form.getByTestId('profile-trace').check();
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-row-traced')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-phase', 'connected', { timeout: 30_000 });

  await app.go('composer');
  const composer = new ComposerPage(page);
  const marker = `e2e-trace-${Date.now().toString(36)}`;
  await composer.fill({ topic: E2E_TOPIC, keys: marker, format: 'text', body: 'traced from the browser' });
  await composer.send();
  await composer.expectSendOk();
  await expect(composer.t('result-traced')).toHaveText('traced → RMQ_SYS_TRACE_TOPIC');
  await app.go('history');
  const history = new HistoryPage(page);
  await history.search(marker);
  await expect(history.rows()).toHaveCount(1);
  await history.openRow(0);
  await expect(history.detail().getByTestId('detail-traced')).toHaveText('traced → RMQ_SYS_TRACE_TOPIC');
});
