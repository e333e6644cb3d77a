/**
 * The admin core against the real 5.5.0 cluster, cross-checked with RocketMQ's own mqadmin:
 * clusterList, topicList, topicRoute, topicStatus, brokerStatus, queryMsgById, queryMsgByKey,
 * and updateTopic (a topic made by mqadmin, seen by the core). All mqadmin subcommands run in a
 * single JVM (admin-mqadmin.ts) to keep this file well under a minute and a half.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerResponseError, DefaultMQProducer, MQAdmin, type BrokerStatus, type Message, type SendResult, type TopicListing } from '../../core/index.js';
import { parseTopicRouteData } from '../../core/protocol/route-data.js';
import { decodeSendResponse, encodeSendMessage } from '../../core/protocol/requests/send-message.js';
import { javaTime, mqadminBatch, parseBrokerStatus, parseClusterList, parseMessageReport, parseQueryByKey, parseTopicStatus } from './admin-mqadmin.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';
import { cliCommand } from '../bundle/bundle.js';
import { waitFor } from '../cluster/cluster.js';

const N = 12;
const coreTopic = uniqueTopic('WbAdmCore');
const mqadminTopic = uniqueTopic('WbAdmMq');
const sharedKey = `adm-shared-${Date.now().toString(36)}`;
const group = uniqueGroup('admin_it');

const producer = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: group });
let admin: MQAdmin;
const sent: Message[] = [];
const results: SendResult[] = [];
let reports: string[] = [];
let coreTopicsBefore: TopicListing;
let coreBrokerStatus: BrokerStatus;
let brokerA: string;
/** A message stored with an LZ4 body (sysFlag 0x101), as a Java client with compressType=LZ4 sends it. */
let lz4: { offsetMsgId: string; queueId: number };
// lz4-java 1.10.3 LZ4FrameOutputStream output for LZ4_TEXT (see tests/unit/protocol/lz4-frame.spec.ts).
const LZ4_TEXT = 'RocketMQ LZ4 body: hello hello hello hello hello, world world world! 0123456789 0123456789';
const LZ4_FRAME =
  '04224D1860707340000000FF09526F636B65744D51204C5A3420626F64793A2068656C6C6F060005782C20776F726C640600F008212030313233343536373839203031323334353637383900000000';

function javaProps(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.trim().replace(/^\{/, '').replace(/\}$/, '').split(', ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

beforeAll(async () => {
  await producer.start();
  // Same ClientConfig as the producer ⇒ the same MQClientInstance and connections.
  admin = MQAdmin.create({ namesrvAddr: NAMESRV });

  const created = await admin.createOrUpdateTopic({ topic: coreTopic, cluster: 'DefaultCluster', readQueueNums: 4, writeQueueNums: 4, perm: 6 });
  expect(created.ok).toBe(true);
  await waitFor('the core-created topic on both brokers', 15_000, async () => ((await admin.topicRoute(coreTopic)).queues.length === 2 ? true : undefined));

  for (let i = 0; i < N; i++) {
    const m: Message = {
      topic: coreTopic,
      body: i === 0 ? `compressed ${'z'.repeat(6000)}` : `admin message ${i} ✓`,
      tags: i % 2 === 0 ? 'Even' : 'Odd',
      keys: [`adm-${i}`, sharedKey],
      properties: { seq: String(i) },
    };
    sent.push(m);
    results.push(await producer.send(m));
  }

  const cluster = await admin.clusterList();
  brokerA = cluster.brokers.find((b) => b.brokerName === 'broker-a')!.masterAddr!;
  const raw = encodeSendMessage(
    {
      producerGroup: group,
      topic: coreTopic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0x101,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: 'KEYS\u0001lz4-key\u0002WAIT\u0001true',
      batch: false,
      brokerName: 'broker-a',
    },
    Buffer.from(LZ4_FRAME, 'hex'),
  );
  const sentLz4 = decodeSendResponse(brokerA, await admin.instance.remoting.invoke(brokerA, raw, 3000));
  lz4 = { offsetMsgId: sentLz4.offsetMsgId, queueId: sentLz4.queueId };
  coreTopicsBefore = await admin.topicList();
  reports = mqadminBatch(NAMESRV, [
    ['clusterList'],
    ['topicList'],
    ['topicRoute', '-t', coreTopic],
    ['topicStatus', '-t', coreTopic],
    ['brokerStatus', '-b', brokerA],
    ['queryMsgById', '-t', coreTopic, '-i', results[0]!.offsetMsgId],
    ['queryMsgByKey', '-t', coreTopic, '-k', sharedKey],
    ['queryMsgById', '-t', coreTopic, '-i', lz4.offsetMsgId],
    ['updateTopic', '-c', 'DefaultCluster', '-t', mqadminTopic, '-r', '3', '-w', '2', '-p', '6'],
  ]);
  coreBrokerStatus = await admin.brokerStatus(brokerA);
}, 120_000);

afterAll(async () => {
  await producer.shutdown();
  await admin?.close();
});

describe('admin core agrees with mqadmin', () => {
  it('clusterList: clusters, broker names, ids, addresses and versions', async () => {
    const rows = parseClusterList(reports[0]!);
    const core = await admin.clusterList();
    const health = await admin.brokersHealth();
    const coreRows = core.brokers.flatMap((b) =>
      b.replicas.map((r) => ({
        cluster: b.cluster,
        brokerName: b.brokerName,
        brokerId: r.brokerId,
        addr: r.addr,
        version: health.find((h) => h.addr === r.addr)?.info?.brokerVersionDesc,
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(coreRows).toEqual(rows);
    expect(core.clusters.map((c) => c.name)).toEqual([...new Set(rows.map((r) => r.cluster))].sort());
    expect(health.every((h) => h.ok && h.role === 'MASTER' && h.latencyMs >= 0)).toBe(true);
  });

  it('topicList: the same topics, system ones marked', () => {
    const listed = new Set(
      reports[1]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0),
    );
    const core = coreTopicsBefore.topics.map((t) => t.topic);
    for (const t of core) expect(listed, `mqadmin topicList lacks ${t}`).toContain(t); // others' tests may add topics in between
    expect(core).toContain(coreTopic);
    const kind = (t: string) => coreTopicsBefore.topics.find((x) => x.topic === t)?.kind;
    expect([kind('TBW102'), kind('DefaultCluster'), kind('broker-a'), kind('RMQ_SYS_TRANS_HALF_TOPIC'), kind(coreTopic)]).toEqual([
      'SYSTEM',
      'CLUSTER',
      'BROKER',
      'SYSTEM',
      'NORMAL',
    ]);
    expect(coreTopicsBefore.topics.filter((t) => t.system).every((t) => listed.has(t.topic))).toBe(true);
  });

  it('topicRoute: a topic the core created shows in mqadmin with its brokers, queues and perm', async () => {
    const theirs = parseTopicRouteData(reports[2]!); // fastjson bare-key JSON, tabs and all
    const ours = await admin.topicRoute(coreTopic);
    const brokers = theirs.brokerDatas
      .map((b) => ({ brokerName: b.brokerName, addrs: [...b.brokerAddrs].sort() }))
      .sort((x, y) => x.brokerName.localeCompare(y.brokerName));
    expect(ours.brokers.map((b) => ({ brokerName: b.brokerName, addrs: b.addrs.map((a) => [a.brokerId, a.addr]) }))).toEqual(brokers);
    expect(ours.queues.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm.perm, q.topicSysFlag])).toEqual(
      theirs.queueDatas.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm, q.topicSysFlag]).sort(),
    );
    expect(ours.queues.map((q) => [q.readQueueNums, q.writeQueueNums, q.perm.text, q.perm.readable, q.perm.writable, q.perm.inheritable])).toEqual([
      [4, 4, 'RW-', true, true, false],
      [4, 4, 'RW-', true, true, false],
    ]);
  });

  it(`topicStatus: min/max offsets and last update per queue after ${N} sends`, async () => {
    const theirs = parseTopicStatus(reports[3]!);
    const ours = await admin.topicStatus(coreTopic);
    expect(ours.errors).toEqual([]);
    expect(
      ours.queues.map((q) => ({
        brokerName: q.brokerName,
        queueId: q.queueId,
        minOffset: q.minOffset,
        maxOffset: q.maxOffset,
        lastUpdated: q.lastUpdateTimestamp > 0 ? javaTime(q.lastUpdateTimestamp) : '',
      })),
    ).toEqual(theirs);
    expect(ours.totalMessages).toBe(BigInt(N + 1));
    const where = [...results.map((r) => r.messageQueue), { brokerName: 'broker-a', queueId: lz4.queueId }];
    for (const q of ours.queues) {
      const mine = where.filter((w) => w.brokerName === q.brokerName && w.queueId === q.queueId);
      expect(q.maxOffset).toBe(BigInt(mine.length));
      expect(q.messageCount).toBe(BigInt(mine.length));
    }
    const one = ours.queues.find((q) => q.maxOffset > 0n)!;
    expect(await admin.queueOffsets(coreTopic, one.brokerName, one.queueId)).toMatchObject({ minOffset: one.minOffset, maxOffset: one.maxOffset });
  });

  it('brokerStatus: the same runtime keys and stable values, typed', () => {
    const theirs = parseBrokerStatus(reports[4]!);
    const ours = coreBrokerStatus.info;
    expect(Object.keys(ours.raw).sort()).toEqual(Object.keys(theirs).sort());
    for (const k of [
      'brokerVersionDesc',
      'bootTimestamp',
      'brokerActive',
      'sendThreadPoolQueueCapacity',
      'pullThreadPoolQueueCapacity',
      'EndTransactionThreadPoolQueueCapacity',
      'remainTransientStoreBufferNumbs',
    ]) {
      expect(ours.raw[k], k).toBe(theirs[k]);
    }
    expect(ours.brokerVersionDesc).toBe('V5_5_0');
    expect(ours.bootTimestamp).toBe(Number(theirs.bootTimestamp));
    expect(ours.commitLogDiskRatio).toBeGreaterThan(0);
    expect(ours.commitLogDiskRatio).toBeLessThan(1);
    expect(ours.commitLogMaxOffset! >= BigInt(theirs.commitLogMaxOffset!)).toBe(true);
    expect(typeof ours.putTps.tps10s).toBe('number');
    expect(ours.pageCacheLockTimeMills).toBeGreaterThanOrEqual(0);
    expect(coreBrokerStatus.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('queryMsgById: the decoded stored message (compressed body inflated) matches field by field', async () => {
    const r = results[0]!;
    const f = parseMessageReport(reports[5]!);
    const m = await admin.viewMessage(r.offsetMsgId);
    expect(m.compression).toBe('ZLIB');
    expect({
      OffsetID: m.offsetMsgId,
      Topic: m.topic,
      Tags: `[${m.tags}]`,
      Keys: `[${m.keys.join(' ')}]`,
      'Queue ID': String(m.queueId),
      'Queue Offset': m.queueOffset.toString(),
      'CommitLog Offset': m.commitLogOffset.toString(),
      'Reconsume Times': String(m.reconsumeTimes),
      'Born Timestamp': javaTime(m.bornTimestamp),
      'Store Timestamp': javaTime(m.storeTimestamp),
      'Born Host': m.bornHost,
      'Store Host': m.storeHost,
      'System Flag': String(m.sysFlag & ~1), // the Java decoder clears COMPRESSED_FLAG after inflating
    }).toEqual(Object.fromEntries(Object.entries(f).filter(([k]) => !['Properties', 'Message Body Path', 'WARN'].includes(k))));
    expect(m.properties).toEqual(javaProps(f.Properties!));
    expect(m.body.equals(readFileSync(f['Message Body Path']!))).toBe(true);
    expect(m.body.toString('utf8')).toBe(sent[0]!.body);

    // the same message by client msgId (QUERY_MESSAGE on the unique-key index) and through lookup()
    const byId = await admin.lookup(r.msgId, coreTopic);
    expect(byId.by).toBe('msgId');
    expect(byId.messages.map((x) => x.offsetMsgId)).toEqual([r.offsetMsgId]);
    expect((await admin.lookup(r.offsetMsgId)).by).toBe('offsetMsgId');
  });

  it('LZ4-compressed bodies inflate the same as the Java client does', async () => {
    const f = parseMessageReport(reports[7]!);
    const m = await admin.viewMessage(lz4.offsetMsgId);
    expect([m.compression, m.bodyDecompressed, m.sysFlag]).toEqual(['LZ4', true, 0x101]);
    expect(f['System Flag']).toBe(String(0x100));
    expect(m.body.toString('utf8')).toBe(LZ4_TEXT);
    expect(readFileSync(f['Message Body Path']!).toString('utf8')).toBe(LZ4_TEXT);
    expect(m.keys).toEqual(['lz4-key']);
  });

  it('queryMsgByKey: the same messages, found across both brokers', async () => {
    const theirs = parseQueryByKey(reports[6]!)
      .map((x) => `${x.msgId}/${x.queueId}/${x.queueOffset}`)
      .sort();
    const ours = await admin.queryMessageByKey(coreTopic, sharedKey);
    expect(ours.brokers.every((b) => !b.error)).toBe(true);
    expect(ours.messages.map((m) => `${m.msgId}/${m.queueId}/${m.queueOffset}`).sort()).toEqual(theirs);
    expect(theirs).toEqual(results.map((r) => `${r.msgId}/${r.messageQueue.queueId}/${r.queueOffset}`).sort());
    expect(new Set(ours.messages.map((m) => m.brokerName))).toEqual(new Set(results.map((r) => r.messageQueue.brokerName)));
    const one = await admin.queryMessageByKey(coreTopic, 'adm-3');
    expect(one.messages.map((m) => m.msgId)).toEqual([results[3]!.msgId]);
  });

  it('verify(sendResult) confirms every message is stored where the SendResult says', async () => {
    const v = await Promise.all(results.map((r, i) => admin.verify(r, sent[i])));
    for (const x of v) expect(x.messages[0]!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.every((x) => x.ok)).toBe(true);
    const wrong = await admin.verify({ ...results[1]!, queueOffset: results[1]!.queueOffset + 1000n });
    expect(wrong.ok).toBe(false);
  });

  it('updateTopic by mqadmin: the core sees the new topic with its queue numbers', async () => {
    expect(reports[8]).toMatch(/create topic to .* success/);
    const route = await waitFor('the mqadmin-created route', 15_000, async () => {
      const r = await admin.topicRoute(mqadminTopic).catch(() => undefined);
      return r && r.queues.length === 2 ? r : undefined;
    });
    expect(route.queues.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm.text])).toEqual([
      ['broker-a', 3, 2, 'RW-'],
      ['broker-b', 3, 2, 'RW-'],
    ]);
    expect((await admin.topicList()).topics.find((t) => t.topic === mqadminTopic)).toEqual({ topic: mqadminTopic, kind: 'NORMAL', system: false });
  });

  it("runs on the producer's client instance: heartbeats, broker versions, NameServer health", async () => {
    const status = await waitFor('a heartbeat to both masters', 15_000, async () => {
      const s = admin.clientStatus();
      return s.heartbeats.filter((h) => h.ok).length >= 2 ? s : undefined;
    });
    expect(status.producerGroups).toContain(group);
    expect(status.brokerVersions.map((v) => v.versionDesc)).toEqual(status.brokerVersions.map(() => 'V5_5_0'));
    expect(status.connections).toContain(brokerA);
    const ns = await admin.nameServersHealth();
    expect(ns).toEqual([expect.objectContaining({ addr: NAMESRV, ok: true, current: true })]);
  });

  it('the CLI prints the same status and message as JSON (64-bit values as strings)', async () => {
    const [node, bundle] = cliCommand();
    const cli = (args: string[]) =>
      JSON.parse(
        execFileSync(node, [...bundle, ...args, '--namesrv', NAMESRV], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
    const status = cli(['status', coreTopic]);
    const ours = await admin.topicStatus(coreTopic);
    expect(status.queues.map((q: { maxOffset: string }) => q.maxOffset)).toEqual(ours.queues.map((q) => q.maxOffset.toString()));
    expect(status.totalMessages).toBe(String(N + 1));
    const found = cli(['lookup', results[2]!.msgId, '--topic', coreTopic]);
    expect(found.messages[0].body).toBe(sent[2]!.body);
  });

  it('deletes both topics (guarded) from brokers and NameServer', async () => {
    await expect(admin.deleteTopic(coreTopic, { confirm: false })).rejects.toThrow(/confirm: true/);
    for (const t of [coreTopic, mqadminTopic]) {
      const d = await admin.deleteTopic(t, { confirm: true });
      expect(d.ok).toBe(true);
      expect(d.brokers.map((b) => b.brokerName).sort()).toEqual(['broker-a', 'broker-b']);
      const gone = await admin.topicRoute(t).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(BrokerResponseError);
      expect((gone as BrokerResponseError).code).toBe(17);
    }
  });
});
