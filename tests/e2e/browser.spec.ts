/**
 * The message browser against the real cluster: it finds messages by store-time range, and for a
 * group that the official Java client really consumed with (tests/java-peer Consume), "consumed by"
 * says consumed for the messages that group read and not for one sent after it left; from History,
 * one click opens a sent message's stored copy.
 */
import { DefaultMQProducer, MQAdmin } from '../../core/index.js';
import { waitFor } from '../cluster/cluster.js';
import { runJavaPeer } from '../java-peer/java-peer.js';
import { expect, MAIN_NAMESRV, test, uniqueTopic } from './fixtures.js';
import { BrowserPage } from './pages/browser.page.js';
import { ComposerPage } from './pages/composer.page.js';
import { HistoryPage } from './pages/history.page.js';

test('finds messages by time range and shows "consumed by" for a group a real Java consumer consumed with', async ({ app, page }) => {
  test.setTimeout(180_000);
  const topic = uniqueTopic('E2EBrowse');
  const group = `e2e_browse_${Date.now().toString(36)}`;
  const admin = MQAdmin.create({ namesrvAddr: MAIN_NAMESRV });
  const producer = new DefaultMQProducer({ namesrvAddr: MAIN_NAMESRV, producerGroup: `${group}_p` });
  const t0 = Date.now();
  let consumedIds: string[];
  try {
    expect((await admin.createOrUpdateTopic({ topic, cluster: 'DefaultCluster', readQueueNums: 2, writeQueueNums: 2 })).ok).toBe(true);
    await waitFor('the topic on both brokers', 15_000, async () => ((await admin.topicRoute(topic)).queues.length === 2 ? true : undefined));
    await producer.start();
    consumedIds = [];
    for (let i = 0; i < 3; i++)
      consumedIds.push(
        (await producer.send({ topic, body: `{"n":${i},"who":"e2e"}`, keys: [`browse-${i}`], tags: 'Early', properties: { stage: 'before-consume' } })).msgId,
      );
    const out = await runJavaPeer('Consume', [MAIN_NAMESRV, topic, group, '3', '--timeout-ms', '60000'], { timeoutMs: 120_000 });
    expect(out).toContain('"consumed":3,"complete":true');
  } finally {
    await producer.shutdown();
    await admin.close();
  }

  // A message sent from the workbench after the consumer left: recorded in History, not consumed.
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic, tags: 'Late', keys: 'browse-late', body: 'late message' });
  await composer.send();
  await composer.expectSendOk();
  const lateId = await composer.msgId();
  // Every message above was stored before its send was acknowledged, so before this instant
  // (rounded up: the range inputs take whole seconds).
  const afterLastStore = Math.ceil((Date.now() + 1) / 1000) * 1000;

  await app.go('browser');
  const b = new BrowserPage(page);
  await b.byTime(topic, t0 - 60_000, Date.now() + 60_000);
  await expect(b.rows()).toHaveCount(4);
  for (const id of [...consumedIds, lateId]) await expect(b.row(id)).toHaveCount(1);

  await b.row(consumedIds[0]!).click();
  const d = b.t('browser-detail');
  await expect(d).toHaveAttribute('data-msgid', consumedIds[0]!);
  await expect(b.t('browser-detail-keys')).toHaveText('browse-0');
  await expect(b.t('browser-detail-store-host')).toHaveText(/^\S+:\d+$/);
  await expect(b.t('browser-detail-props')).toContainText('before-consume');
  await expect(b.t('browser-detail-body')).toHaveText('{"n":0,"who":"e2e"}');
  await b.t('browser-body-json').click();
  await expect(b.t('browser-detail-body')).toContainText('"who": "e2e"');
  await b.t('browser-body-hex').click();
  await expect(b.t('browser-detail-body')).toContainText('00000000  7b 22 6e 22');
  await expect(b.consumedRow(group)).toHaveAttribute('data-consumed', 'true');

  await b.row(lateId).click();
  await expect(d).toHaveAttribute('data-msgid', lateId);
  await expect(b.consumedRow(group)).toHaveAttribute('data-consumed', 'false');

  // A range that starts after the last store leaves every message out.
  await b.byTime(topic, afterLastStore, afterLastStore + 60_000);
  await expect(b.rows()).toHaveCount(0);

  // From History: one click to the stored copy of the sent message.
  await app.go('history');
  const history = new HistoryPage(page);
  await history.search('key:browse-late');
  await expect(history.rows()).toHaveCount(1);
  await history.openRow(0);
  await history.detail().getByTestId('detail-open-stored').click();
  await expect(page.getByTestId('browser-view')).toBeVisible();
  await expect(b.t('browser-detail')).toHaveAttribute('data-msgid', lateId);
  await expect(b.t('browser-detail-body')).toHaveText('late message');
  await expect(b.consumedRow(group)).toHaveAttribute('data-consumed', 'false');
});
