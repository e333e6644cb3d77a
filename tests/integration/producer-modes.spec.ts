import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer, MQAdmin, selectMessageQueueByHash, type ClientEvents } from '../../core/index.js';
import { mqadmin } from '../cluster/cluster.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';
import { queryMsgById } from './mqadmin.js';

/** A topic created on every master, so round robin really spans both brokers. */
function createTopicEverywhere(topic: string): void {
  const r = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}

describe('producer modes against the real cluster', () => {
  const producer = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('modes') });
  const binary = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('modes_bin'), serializeType: 'ROCKETMQ' });
  const topic = uniqueTopic('WbModes');
  const events: { type: keyof ClientEvents; e: unknown }[] = [];

  beforeAll(async () => {
    createTopicEverywhere(topic);
    await producer.start();
    await binary.start();
    for (const type of ['send:start', 'send:attempt', 'send:end', 'route:changed', 'heartbeat', 'connection'] as const) {
      producer.events.on(type, (e) => events.push({ type, e }));
    }
  });
  afterAll(async () => {
    await producer.shutdown();
    await binary.shutdown();
  });

  it('sync, async, oneway, compressed and batch sends are all stored (read back by mqadmin)', async () => {
    // The oneway goes first, before anything else loads the broker: a broker under flow control
    // drops oneway requests silently, as RocketMQ does by design.
    const onewayKey = `k-oneway-${Date.now()}`;
    await producer.sendOneway({ topic, body: 'oneway-body', tags: 'O', keys: onewayKey });
    const sync = await producer.send({ topic, body: 'sync-body', tags: 'S', keys: 'k-sync', properties: { mode: 'sync' } });
    const asyncR = await producer.sendAsync({ topic, body: 'async-body', tags: 'A', keys: 'k-async' });
    const big = 'compress-me '.repeat(1000);
    const compressed = await producer.send({ topic, body: big, tags: 'Z' });
    const batch = await producer.send([
      { topic, body: 'batch-0', tags: 'B', keys: 'kb0' },
      { topic, body: 'batch-1', tags: 'B', keys: 'kb1', properties: { member: '1' } },
    ]);
    for (const r of [sync, asyncR, compressed, batch]) expect(r.sendStatus).toBe('SEND_OK');
    expect(batch.msgId.split(',')).toHaveLength(2);
    expect(batch.offsetMsgId.split(',')).toHaveLength(2);

    const s = queryMsgById(topic, sync.offsetMsgId);
    expect([s.fields.Tags, s.fields.Keys, s.properties.mode, s.body?.toString()]).toEqual(['[S]', '[k-sync]', 'sync', 'sync-body']);
    const a = queryMsgById(topic, asyncR.offsetMsgId);
    expect([a.fields.Tags, a.body?.toString()]).toEqual(['[A]', 'async-body']);
    const z = queryMsgById(topic, compressed.offsetMsgId);
    // mqadmin inflates the body and clears bit 0, but the ZLIB type bits we set stay: 0x300.
    expect(Number(z.fields['System Flag']) & 0x700).toBe(0x300);
    expect(z.body?.toString()).toBe(big);
    const b1 = queryMsgById(topic, batch.offsetMsgId.split(',')[1]!);
    expect([b1.fields.Keys, b1.properties.member, b1.properties.UNIQ_KEY, b1.body?.toString()]).toEqual(['[kb1]', '1', batch.msgId.split(',')[1], 'batch-1']);

    // The key index is built asynchronously after the store: wait for it with the cheap core
    // query, then let mqadmin confirm.
    const admin = MQAdmin.create({ namesrvAddr: NAMESRV });
    try {
      let found = 0;
      for (let i = 0; i < 40 && found === 0; i++) {
        found = (await admin.queryMessageByKey(topic, onewayKey)).messages.length;
        if (found === 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(found).toBe(1);
    } finally {
      await admin.close();
    }
    const o = mqadmin(['queryMsgByKey', '-t', topic, '-k', onewayKey]);
    expect(o.status).toBe(0);
    expect(o.stdout).toMatch(/[0-9A-F]{32}/);
  });

  it('ordered sends with one key all land on one queue; round robin spreads over both brokers', async () => {
    const ordered = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await producer.send({ topic, body: `ordered-${i}` }, { selector: selectMessageQueueByHash, arg: 'customer-42' });
      ordered.add(`${r.messageQueue.brokerName}/${r.messageQueue.queueId}`);
    }
    expect(ordered.size).toBe(1);
    const brokers = new Set<string>();
    for (let i = 0; i < 12; i++) brokers.add((await producer.send({ topic, body: `rr-${i}` })).messageQueue.brokerName);
    expect(brokers).toEqual(new Set(['broker-a', 'broker-b']));
  });

  it('a topic unknown to the NameServer is auto-created through TBW102', async () => {
    const fresh = uniqueTopic('WbAuto');
    const r = await producer.send({ topic: fresh, body: 'auto' });
    expect(r.sendStatus).toBe('SEND_OK');
    expect(r.messageQueue.topic).toBe(fresh);
  });

  it('sends with ROCKETMQ binary headers', async () => {
    const r = await binary.send({ topic, body: 'binary-header', tags: 'BIN', properties: { via: 'rocketmq' } });
    expect(r.sendStatus).toBe('SEND_OK');
    expect(r.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
  });

  it('delay level and deliver-at time are stored as properties the broker acts on', async () => {
    const delayed = await producer.send({ topic, body: 'delayed', delayTimeLevel: 3 });
    const at = Date.now() + 60_000;
    const timed = await producer.send({ topic, body: 'timed', deliverTimeMs: at });
    const d = queryMsgById(topic, delayed.offsetMsgId);
    expect(d.properties.DELAY).toBe('3');
    expect(d.fields.Topic).toBe('SCHEDULE_TOPIC_XXXX');
    expect(d.properties.REAL_TOPIC).toBe(topic);
    const t = queryMsgById(topic, timed.offsetMsgId);
    expect(t.properties.TIMER_DELIVER_MS).toBe(String(at));
    expect(t.properties.REAL_TOPIC).toBe(topic);
  });

  it('emits typed events for sends, routes, heartbeats and connections', async () => {
    await producer.send({ topic, body: 'evented' });
    await producer.client.sendHeartbeatToAllBrokers();
    const types = new Set(events.map((x) => x.type));
    for (const t of ['send:start', 'send:attempt', 'send:end', 'route:changed', 'heartbeat', 'connection'] as const) expect(types).toContain(t);
    const end = events.filter((x) => x.type === 'send:end').at(-1)!.e as ClientEvents['send:end'];
    expect(end).toMatchObject({ topic, ok: true, status: 'SEND_OK', attempts: 1 });
    const hb = events.filter((x) => x.type === 'heartbeat').map((x) => x.e as ClientEvents['heartbeat']);
    expect(hb.every((h) => h.ok)).toBe(true);
    expect(producer.client.brokerVersionTable.size).toBe(2);
  });

  it('rejects invalid input before any I/O with an actionable message', async () => {
    await expect(producer.send({ topic: 'bad topic!', body: 'x' })).rejects.toThrow(/illegal characters/);
    await expect(producer.send({ topic, body: '' })).rejects.toThrow(/length is zero/);
    await expect(producer.send({ topic, body: Buffer.alloc(4 * 1024 * 1024 + 1) })).rejects.toThrow(/over max value/);
  });
});

describe('producer options against the real cluster', () => {
  it('namespace wraps the topic on the wire and unwraps it in the result', async () => {
    const p = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('ns'), namespace: 'wbns' });
    await p.start();
    try {
      const topic = uniqueTopic('WbNs');
      const r = await p.send({ topic, body: 'namespaced' });
      expect(r.messageQueue.topic).toBe(topic);
      const m = queryMsgById(`wbns%${topic}`, r.offsetMsgId);
      expect(m.fields.Topic).toBe(`wbns%${topic}`);
      expect(m.properties.INSTANCE_ID).toBe('wbns');
    } finally {
      await p.shutdown();
    }
  });

  it('the VIP channel sends through port − 2', async () => {
    const p = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('vip'), vipChannelEnabled: true });
    await p.start();
    try {
      const r = await p.send({ topic: uniqueTopic('WbVip'), body: 'vip' });
      expect(r.sendStatus).toBe('SEND_OK');
      expect(['127.0.0.1:10909', '127.0.0.1:10919']).toContain(r.brokerAddr);
    } finally {
      await p.shutdown();
    }
  });
});
