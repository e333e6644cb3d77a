/**
 * Transactions end to end (issue 15), on the `tx` cluster (check-back every 2 s after 3 s): a
 * transactional message composed with "leave unknown", the broker's check shown in the check-back
 * inbox and committed there, the History row's timeline, and the message found on the broker by
 * RocketMQ's own mqadmin only after the commit.
 */
import { createInterface } from 'node:readline';
import { mqadmin, PROFILES, startCluster, stopCluster } from '../cluster/cluster.js';
import { ensureJavaPeer, spawnJavaPeer } from '../java-peer/java-peer.js';
import { expect, test, uniqueTopic } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

const TX_NAMESRV = `127.0.0.1:${PROFILES.tx!.namesrvPort}`;

/** Client msgIds mqadmin queryMsgByKey finds in the (real) topic under `key`. */
function storedByKey(topic: string, key: string): string[] {
  const r = mqadmin(['queryMsgByKey', '-t', topic, '-k', key], { profile: 'tx' });
  return [...r.stdout.matchAll(/^\s*([0-9A-F]{32}(?:[0-9A-F]{24})?)\s+\d+\s+\d+/gm)].map((m) => m[1]!);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await startCluster('tx');
});

// Two idle brokers still cost CPU on a 2-core machine: never leave the tx cluster running behind
// these tests (docs/testing.md, also for apache/rocketmq#10966).
test.afterAll(async () => {
  test.setTimeout(60_000);
  await stopCluster('tx');
});

test('a transaction left unknown is answered from the check-back inbox, committed in History and on the broker', async ({ app, page }) => {
  test.setTimeout(300_000);
  const topic = uniqueTopic('E2ETx');
  const made = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2'], { profile: 'tx' });
  expect(made.status, made.stdout + made.stderr).toBe(0);
  await app.createProfile('tx', TX_NAMESRV);

  await app.go('composer');
  const composer = new ComposerPage(page);
  const key = `e2e-tx-${Date.now().toString(36)}`;
  await composer.fill({ topic, keys: key, body: 'pay order 42' });
  await composer.t('mode-transaction').click();
  await composer.t('tx-local-outcome').selectOption('unknown');
  await composer.send();
  await expect(composer.t('tx-status')).toHaveText(/ok · local transaction: unknown/, { timeout: 60_000 });
  await expect(composer.t('tx-end')).toContainText('sent to 127.0.0.1:');
  const txId = (await composer.t('tx-id').textContent())!.trim();
  expect(txId).toMatch(/^[0-9A-F]{32}/);

  await app.go('transactions');
  const check = page.locator(`[data-testid="tx-check"][data-transaction-id="${txId}"]`);
  await expect(check).toBeVisible({ timeout: 90_000 });
  await expect(check).toHaveAttribute('data-status', 'waiting');
  await expect(check.getByTestId('tx-check-body')).toHaveText('pay order 42');
  await expect(check.getByTestId('tx-check-keys')).toHaveText(key);
  // Still a half message: the real topic does not have it.
  expect(storedByKey(topic, key)).toEqual([]);

  await check.getByTestId('tx-commit').click();
  await expect(check.getByTestId('tx-answered')).toHaveText('committed by you');
  await expect(check).toHaveAttribute('data-status', 'answered');

  // On the broker, seen by RocketMQ's own tool (the key index is built a moment after the store).
  await expect.poll(() => storedByKey(topic, key), { timeout: 90_000, intervals: [2000] }).toEqual([txId]);

  await app.go('history');
  const history = new HistoryPage(page);
  await history.search(key);
  await expect(history.rows()).toHaveCount(1);
  await history.openRow(0);
  const timeline = history.detail().getByTestId('history-timeline');
  await expect(timeline.locator('[data-kind="half-sent"]')).toHaveCount(1);
  await expect(timeline.locator('[data-kind="end-sent"][data-state="UNKNOW"]')).toHaveCount(1);
  await expect(timeline.locator('[data-kind="check-received"]').first()).toBeVisible();
  await expect(timeline.locator('[data-kind="check-answered"][data-state="COMMIT_MESSAGE"]')).toHaveCount(1);
  await expect(timeline.locator('[data-kind="check-answered"][data-state="COMMIT_MESSAGE"]')).toContainText('by you');
});

test("request mode: no responder is a timeout naming topic and timeout; the Java responder's reply shows next to the request and in History", async ({
  app,
  page,
}) => {
  test.setTimeout(300_000);
  const topic = uniqueTopic('E2ERpc');
  const made = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2'], { profile: 'tx' });
  expect(made.status, made.stdout + made.stderr).toBe(0);
  await app.createProfile('tx', TX_NAMESRV);
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic, keys: 'rpc-e2e', body: 'ping' });
  await composer.t('mode-request').click();
  await composer.t('request-timeout').fill('2000');
  await composer.send();
  await expect(composer.t('request-error')).toContainText(`send request message to <${topic}> OK, but wait reply message timeout, 2000 ms`, {
    timeout: 60_000,
  });

  await ensureJavaPeer();
  const responder = spawnJavaPeer('Reply', [TX_NAMESRV, topic, `e2e_rpc_${Date.now().toString(36)}`]);
  try {
    await new Promise<void>((res, rej) => {
      const t = setTimeout(() => rej(new Error('the Java responder did not start within 120 s')), 120_000);
      createInterface({ input: responder.stdout! }).on('line', (l) => l.includes('"kind":"ready"') && (clearTimeout(t), res()));
    });
    // The responder's first rebalance takes a moment: a generous reply timeout.
    await composer.t('request-timeout').fill('60000');
    await composer.setBody('ping 2');
    await composer.send();
    await expect(composer.t('request-status')).toContainText('ok · reply after', { timeout: 90_000 });
    await expect(composer.t('reply-body')).toHaveText('reply:ping 2');
    await expect(composer.t('reply-properties')).toContainText('java-peer');
    await composer.t('reply-body-format-hex').click();
    await expect(composer.t('reply-body')).toContainText('72 65 70 6c 79');
  } finally {
    responder.kill('SIGKILL');
  }
  await app.go('history');
  const history = new HistoryPage(page);
  await history.search('rpc-e2e');
  await expect(history.rows()).toHaveCount(2);
  await history.openRow(0);
  await expect(history.detail().getByTestId('history-timeline').locator('[data-kind="reply-received"]')).toHaveCount(1);
  await history.openRow(1);
  await expect(history.detail().getByTestId('history-timeline').locator('[data-kind="reply-timeout"]')).toHaveCount(1);
});
