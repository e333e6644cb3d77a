/**
 * The message browser's core calls against the real 5.5.0 cluster, checked from the other side:
 * what it finds by time range and by "last N" is what the official Java client reads back
 * (ReadTopic), "consumed by" reflects offsets a real Java consumer committed (Consume), and browsing
 * itself commits nothing (the broker lists no new group for the topic afterwards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer, MQAdmin, type SendResult } from '../../core/index.js';
import { waitFor } from '../cluster/cluster.js';
import { readTopic, runJavaPeer, type TopicReadout } from '../java-peer/java-peer.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';

const topic = uniqueTopic('WbBrowse');
const group = uniqueGroup('wb_browse_consumer');
const producer = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('wb_browse_p') });
let admin: MQAdmin;
const results: SendResult[] = [];
let t0 = 0;
let t1 = 0;
let java: TopicReadout;

beforeAll(async () => {
  await producer.start();
  admin = MQAdmin.create({ namesrvAddr: NAMESRV });
  expect((await admin.createOrUpdateTopic({ topic, cluster: 'DefaultCluster', readQueueNums: 2, writeQueueNums: 2, perm: 6 })).ok).toBe(true);
  await waitFor('the topic on both brokers', 15_000, async () => ((await admin.topicRoute(topic)).queues.length === 2 ? true : undefined));
  t0 = Date.now();
  for (let i = 0; i < 8; i++)
    results.push(await producer.send({ topic, body: `browse ${i}`, keys: [`bk-${i}`], tags: 'Browse', properties: { n: String(i) } }));
  t1 = Date.now();
  java = await readTopic(NAMESRV, topic);
}, 180_000);

afterAll(async () => {
  await producer.shutdown();
  await admin?.close();
});

describe('browse', () => {
  it('by store-time range finds exactly what the Java client reads, with the same store times and offsets', async () => {
    const r = await admin.browseByTime(topic, { from: t0 - 1000, to: t1 + 1000, max: 100 });
    expect(r.errors).toEqual([]);
    expect(r.truncated).toBe(false);
    expect(r.messages.map((m) => m.msgId).sort()).toEqual(results.map((x) => x.msgId).sort());
    const seen = new Map(java.messages.map((m) => [m.msgId, m]));
    for (const m of r.messages) {
      const j = seen.get(m.msgId)!;
      expect([m.brokerName, m.queueId, Number(m.queueOffset), m.storeTimestamp, m.bornTimestamp, m.offsetMsgId, m.properties.n]).toEqual([
        j.broker,
        j.queueId,
        j.queueOffset,
        j.storeTimestamp,
        j.bornTimestamp,
        j.offsetMsgId,
        j.properties.n,
      ]);
    }
    for (let i = 1; i < r.messages.length; i++) expect(r.messages[i]!.storeTimestamp).toBeGreaterThanOrEqual(r.messages[i - 1]!.storeTimestamp);
  });

  it('leaves out messages stored outside the range and bounds the count', async () => {
    const times = java.messages.map((m) => m.storeTimestamp).sort((a, b) => a - b);
    const mid = times[4]!;
    const r = await admin.browseByTime(topic, { from: mid, to: t1 + 1000 });
    expect(r.messages.map((m) => m.msgId).sort()).toEqual(
      java.messages
        .filter((m) => m.storeTimestamp >= mid)
        .map((m) => m.msgId)
        .sort(),
    );
    expect((await admin.browseByTime(topic, { from: t1 + 60_000, to: t1 + 120_000 })).messages).toEqual([]);
    const capped = await admin.browseByTime(topic, { from: t0 - 1000, to: t1 + 1000, max: 3 });
    expect(capped.messages).toHaveLength(3);
    expect(capped.truncated).toBe(true);
  });

  it('last N of one queue and one message at an offset match the Java read', async () => {
    const q = java.queues.find((x) => x.maxOffset - x.minOffset >= 2)!;
    const tail = java.messages.filter((m) => m.broker === q.broker && m.queueId === q.queueId).sort((a, b) => a.queueOffset - b.queueOffset);
    const r = await admin.lastMessages(topic, q.broker, q.queueId, 2);
    expect(r.messages.map((m) => m.msgId)).toEqual(tail.slice(-2).map((m) => m.msgId));
    const one = await admin.messageAt(topic, q.broker, q.queueId, BigInt(tail[0]!.queueOffset));
    expect(one.msgId).toBe(tail[0]!.msgId);
    expect(one.body.toString()).toMatch(/^browse \d$/);
  });
});

describe('consumed by', () => {
  it('shows a group as consumed only after a real Java consumer committed past the message, and browsing commits nothing', async () => {
    const first = results[0]!;
    const at = () => admin.consumedBy(topic, first.messageQueue.brokerName, first.messageQueue.queueId, first.queueOffset);
    const before = await at();
    expect(before.groups).toEqual([]); // browsing above left no group on the topic

    const out = await runJavaPeer('Consume', [NAMESRV, topic, group, String(results.length), '--timeout-ms', '60000'], { timeoutMs: 120_000 });
    expect(out).toContain(`"consumed":${results.length},"complete":true`);

    const after = await at();
    const g = after.groups.find((x) => x.group === group);
    expect(g).toMatchObject({ consumed: true });
    expect(g!.committedOffset! > first.queueOffset).toBe(true);
    expect(after.groups.map((x) => x.group)).not.toContain('TOOLS_CONSUMER');

    // A message sent after the consumer left is not consumed by it.
    const late = await producer.send({ topic, body: 'late' });
    const lateView = await admin.consumedBy(topic, late.messageQueue.brokerName, late.messageQueue.queueId, late.queueOffset);
    expect(lateView.groups.find((x) => x.group === group)).toMatchObject({ consumed: false });
  });
});
