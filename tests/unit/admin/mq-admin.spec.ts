/**
 * MQAdmin against scripted loopback peers, for what the real cluster cannot show on demand:
 * the confirmation guard, which addresses each write goes to, partial failures, hash-collision
 * filtering of index queries and verify() mismatches.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../../core/admin/admin.js';
import { ConfirmationRequiredError, MessageNotFoundError } from '../../../core/admin/admin-errors.js';
import { STATS_SAMPLE_RETRIES } from '../../../core/admin/broker-health.js';
import { BrokerResponseError, ValidationError } from '../../../core/errors.js';
import { RequestCode } from '../../../core/protocol/codes.js';
import type { RemotingCommand } from '../../../core/remoting/command.js';
import type { SendResult } from '../../../core/producer/message.js';
import { ScriptedServer, type Reply } from '../support/scripted-server.js';
import { encodeStored } from './support/stored-message-encoder.js';

let ns: ScriptedServer;
let a: ScriptedServer; // broker-a master
let s: ScriptedServer; // broker-a slave
let b: ScriptedServer; // broker-b master
let admin: MQAdmin;
let brokerHandler: (who: 'a' | 's' | 'b', cmd: RemotingCommand) => Reply;

const port = (srv: ScriptedServer) => Number(srv.addr.split(':')[1]);

function clusterJson(): string {
  return (
    `{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"${a.addr}",1:"${s.addr}"},"brokerName":"broker-a","cluster":"C1"},` +
    `"broker-b":{"brokerAddrs":{0:"${b.addr}"},"brokerName":"broker-b","cluster":"C1"}},"clusterAddrTable":{"C1":["broker-a","broker-b"]}}`
  );
}

function routeJson(): string {
  return (
    `{"brokerDatas":[{"brokerAddrs":{"0":"${a.addr}","1":"${s.addr}"},"brokerName":"broker-a","cluster":"C1"},{"brokerAddrs":{"0":"${b.addr}"},"brokerName":"broker-b","cluster":"C1"}],` +
    `"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2},{"brokerName":"broker-b","perm":6,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2}]}`
  );
}

function stored(
  srv: ScriptedServer,
  o: { topic: string; keys?: string; uniq?: string; queueId?: number; queueOffset?: bigint; commitLogOffset?: bigint; body?: string },
): Buffer {
  const props = [o.keys ? `KEYS\u0001${o.keys}` : '', o.uniq ? `UNIQ_KEY\u0001${o.uniq}` : ''].filter(Boolean).join('\u0002');
  return encodeStored({
    topic: o.topic,
    body: Buffer.from(o.body ?? 'body'),
    properties: props,
    queueId: o.queueId ?? 0,
    queueOffset: o.queueOffset ?? 0n,
    commitLogOffset: o.commitLogOffset ?? 100n,
    storePort: port(srv),
  });
}

function offsetMsgIdOf(srv: ScriptedServer, commitLogOffset: bigint): string {
  const buf = Buffer.alloc(16);
  Buffer.from([127, 0, 0, 1]).copy(buf, 0);
  buf.writeInt32BE(port(srv), 4);
  buf.writeBigInt64BE(commitLogOffset, 8);
  return buf.toString('hex').toUpperCase();
}

beforeEach(async () => {
  brokerHandler = () => ({ code: 0 });
  a = await new ScriptedServer((cmd) => brokerHandler('a', cmd)).listen();
  s = await new ScriptedServer((cmd) => brokerHandler('s', cmd)).listen();
  b = await new ScriptedServer((cmd) => brokerHandler('b', cmd)).listen();
  ns = await new ScriptedServer((cmd) => {
    if (cmd.code === RequestCode.GET_BROKER_CLUSTER_INFO) return { code: 0, body: clusterJson() };
    if (cmd.code === RequestCode.GET_ROUTEINFO_BY_TOPIC) {
      return cmd.extFields?.topic === 'Missing'
        ? { code: 17, remark: 'No topic route info in name server for the topic: Missing' }
        : { code: 0, body: routeJson() };
    }
    return { code: 0 };
  }).listen();
  admin = MQAdmin.create({ namesrvAddr: ns.addr, mqClientApiTimeout: 1000 });
});

afterEach(async () => {
  await admin.close();
  await Promise.all([ns, a, s, b].map((x) => x.close()));
});

describe('deleteTopic guard', () => {
  it('refuses without confirm: true, before any I/O', async () => {
    await expect(admin.deleteTopic('Orders', { confirm: false })).rejects.toBeInstanceOf(ConfirmationRequiredError);
    await expect(admin.deleteTopic('Orders', undefined as never)).rejects.toBeInstanceOf(ConfirmationRequiredError);
    expect(ns.requests.length + a.requests.length + b.requests.length).toBe(0);
  });

  it('refuses internal topics, including broker- and cluster-named ones', async () => {
    for (const t of ['TBW102', '%RETRY%g', 'broker-a', 'C1', 'rmq_sys_wheel_timer']) {
      await expect(admin.deleteTopic(t, { confirm: true })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(a.count(RequestCode.DELETE_TOPIC_IN_BROKER) + b.count(RequestCode.DELETE_TOPIC_IN_BROKER)).toBe(0);
  });

  it('deletes from every replica in the route, then from the NameServer', async () => {
    const r = await admin.deleteTopic('Orders', { confirm: true });
    expect(r.ok).toBe(true);
    expect(r.brokers.map((x) => x.addr).sort()).toEqual([a.addr, s.addr, b.addr].sort());
    for (const srv of [a, s, b]) expect(srv.requests.find((q) => q.code === RequestCode.DELETE_TOPIC_IN_BROKER)?.extFields).toEqual({ topic: 'Orders' });
    expect(ns.requests.find((q) => q.code === RequestCode.DELETE_TOPIC_IN_NAMESRV)?.extFields).toEqual({ topic: 'Orders' });
    expect(r.nameServers).toEqual([{ addr: ns.addr, ok: true }]);
  });

  it('with a cluster, targets that cluster and passes clusterName to the NameServer', async () => {
    await admin.deleteTopic('Missing', { confirm: true, cluster: 'C1' });
    expect(ns.requests.find((q) => q.code === RequestCode.DELETE_TOPIC_IN_NAMESRV)?.extFields).toEqual({ topic: 'Missing', clusterName: 'C1' });
    expect(s.count(RequestCode.DELETE_TOPIC_IN_BROKER)).toBe(1);
  });
});

describe('createOrUpdateTopic', () => {
  it('writes to every master of a cluster (never to slaves) with the full header', async () => {
    const r = await admin.createOrUpdateTopic({
      topic: 'Orders',
      cluster: 'C1',
      readQueueNums: 4,
      writeQueueNums: 2,
      perm: 6,
      order: true,
      attributes: { 'message.type': 'FIFO' },
    });
    expect(r.ok).toBe(true);
    expect(r.results.map((x) => x.brokerName).sort()).toEqual(['broker-a', 'broker-b']);
    expect(s.requests).toHaveLength(0);
    expect(a.requests[0]!.extFields).toEqual({
      topic: 'Orders',
      defaultTopic: 'TBW102',
      readQueueNums: '4',
      writeQueueNums: '2',
      perm: '6',
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: '0',
      order: 'true',
      attributes: '+message.type=FIFO',
    });
  });

  it('reports a broker refusal with its address, code and remark', async () => {
    brokerHandler = (who) =>
      who === 'b' ? { code: 29, remark: 'The topic[Orders] is conflict with system topic.' } : { code: 0, remark: 'not set any response code' };
    const r = await admin.createOrUpdateTopic({ topic: 'Orders', cluster: 'C1' });
    expect(r.ok).toBe(false);
    const failed = r.results.find((x) => !x.ok)!;
    expect(failed.addr).toBe(b.addr);
    expect(failed.error).toMatchObject({
      addr: b.addr,
      brokerName: 'broker-b',
      code: 29,
      name: 'BrokerResponseError',
      remark: 'The topic[Orders] is conflict with system topic.',
    });
    expect(a.requests[0]!.extFields?.readQueueNums).toBe('8'); // mqadmin's defaults
  });

  it('validates input before any I/O', async () => {
    await expect(admin.createOrUpdateTopic({ topic: 'bad topic', cluster: 'C1' })).rejects.toThrow(/illegal characters/);
    await expect(admin.createOrUpdateTopic({ topic: 'T', cluster: 'C1', brokerAddr: a.addr })).rejects.toThrow(/either brokerAddr or cluster/);
    await expect(admin.createOrUpdateTopic({ topic: 'T', cluster: 'C1', readQueueNums: -1 })).rejects.toThrow(/readQueueNums/);
    await expect(admin.createOrUpdateTopic({ topic: 'SCHEDULE_TOPIC_XXXX', brokerAddr: a.addr })).rejects.toThrow(/internal RocketMQ topic/);
    expect(a.requests).toHaveLength(0);
    await expect(admin.createOrUpdateTopic({ topic: 'T', cluster: 'Nope' })).rejects.toThrow(/cluster 'Nope' is not known/);
  });
});

describe('reads', () => {
  it('topicStatus returns what answered and names the broker that did not', async () => {
    brokerHandler = (who, cmd) =>
      who === 'a'
        ? {
            code: 0,
            body: `{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"Orders"}:{"lastUpdateTimestamp":5,"maxOffset":10,"minOffset":3}},"topicPutTps":1.5}`,
          }
        : { code: 17, remark: `topic[${cmd.extFields?.topic}] not exist` };
    const st = await admin.topicStatus('Orders');
    expect(st.queues).toEqual([{ brokerName: 'broker-a', queueId: 0, minOffset: 3n, maxOffset: 10n, messageCount: 7n, lastUpdateTimestamp: 5 }]);
    expect(st.totalMessages).toBe(7n);
    expect(st.brokers).toEqual([{ brokerName: 'broker-a', addr: a.addr, topicPutTps: 1.5 }]);
    expect(st.errors).toEqual([expect.objectContaining({ addr: b.addr, brokerName: 'broker-b', code: 17, remark: 'topic[Orders] not exist' })]);
    expect(s.requests).toHaveLength(0); // stats come from the master
  });

  it('topicRoute surfaces TOPIC_NOT_EXIST with the NameServer address, code and remark', async () => {
    const e = await admin.topicRoute('Missing').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BrokerResponseError);
    expect(e).toMatchObject({ addr: ns.addr, code: 17, remark: expect.stringContaining('No topic route info') });
  });

  it('queryMessageByKey keeps only real matches (the index is a hash) and tolerates QUERY_NOT_FOUND', async () => {
    brokerHandler = (who, cmd) => {
      if (who === 'b')
        return {
          code: 22,
          remark: 'can not find message, maybe time range not correct',
          ext: { indexLastUpdateTimestamp: '0', indexLastUpdatePhyoffset: '0' },
        };
      expect(cmd.extFields).toMatchObject({ topic: 'Orders', key: 'k1', _UNIQUE_KEY_QUERY: 'false', beginTimestamp: '0', endTimestamp: '9223372036854775807' });
      const body = Buffer.concat([
        stored(a, { topic: 'Orders', keys: 'k0 k1', queueOffset: 1n }),
        stored(a, { topic: 'Orders', keys: 'k10', queueOffset: 2n }), // hash collision
        stored(a, { topic: 'Other', keys: 'k1', queueOffset: 3n }), // other topic
      ]);
      return { code: 0, body, ext: { indexLastUpdateTimestamp: '42', indexLastUpdatePhyoffset: '9' } };
    };
    const r = await admin.queryMessageByKey('Orders', 'k1');
    expect(r.messages.map((m) => m.queueOffset)).toEqual([1n]);
    expect(r.messages[0]!.brokerName).toBe('broker-a');
    expect(r.indexLastUpdateTimestamp).toBe(42);
    expect(r.brokers).toEqual([
      { brokerName: 'broker-a', addr: a.addr, found: 1 },
      { brokerName: 'broker-b', addr: b.addr, found: 0 },
    ]);
  });

  it("lookup reads a known broker's offsetMsgId directly and a client msgId through the index", async () => {
    const uniq = '7F0000013039' + '4A35F2D2' + '12264095' + '0000';
    brokerHandler = (who, cmd) => {
      if (cmd.code === RequestCode.VIEW_MESSAGE_BY_ID)
        return { code: 0, body: stored(a, { topic: 'Orders', commitLogOffset: BigInt(cmd.extFields!.offset!) }) };
      if (cmd.code === RequestCode.QUERY_MESSAGE && who === 'b' && cmd.extFields?._UNIQUE_KEY_QUERY === 'true') {
        // the index answers by hash: a colliding message must be filtered out by the client
        return { code: 0, body: stored(b, { topic: 'Orders', uniq: uniq }) };
      }
      return { code: 22 };
    };
    const id = offsetMsgIdOf(a, 4242n);
    const byOffset = await admin.lookup(id);
    expect(byOffset.by).toBe('offsetMsgId');
    expect(byOffset.messages[0]).toMatchObject({ commitLogOffset: 4242n, brokerName: 'broker-a', offsetMsgId: id });

    await expect(admin.lookup(uniq)).rejects.toThrow(/give its topic/);
    const byMsgId = await admin.lookup(uniq, 'Orders');
    expect(byMsgId.by).toBe('msgId');
    expect(byMsgId.messages.map((m) => [m.msgId, m.brokerName])).toEqual([[uniq, 'broker-b']]);
    await expect(admin.lookup('ABCDEF0123456789ABCDEF0123456789', 'Orders')).rejects.toBeInstanceOf(MessageNotFoundError);
    await expect(admin.lookup('not-an-id')).rejects.toBeInstanceOf(ValidationError);
  });

  it('verify checks where the SendResult says the message is, and content when given', async () => {
    const uniq = '7F00000130394A35F2D2122640950001';
    brokerHandler = (_who, cmd) =>
      cmd.code === RequestCode.VIEW_MESSAGE_BY_ID
        ? {
            code: 0,
            body: stored(a, { topic: 'Orders', uniq, keys: 'k1', queueId: 1, queueOffset: 5n, commitLogOffset: BigInt(cmd.extFields!.offset!), body: 'hello' }),
          }
        : { code: 0 };
    const result: SendResult = {
      attempts: [],
      sendStatus: 'SEND_OK',
      msgId: uniq,
      offsetMsgId: offsetMsgIdOf(a, 777n),
      messageQueue: { topic: 'Orders', brokerName: 'broker-a', queueId: 1 },
      queueOffset: 5n,
      regionId: 'DefaultRegion',
      traceOn: true,
      brokerAddr: a.addr,
    };
    const ok = await admin.verify(result, { topic: 'Orders', body: 'hello', keys: ['k1'] });
    expect(ok.ok).toBe(true);
    expect(ok.messages[0]!.checks.map((c) => c.field)).toEqual(['topic', 'queueId', 'queueOffset', 'msgId (UNIQ_KEY)', 'broker', 'body', 'keys']);

    const bad = await admin.verify(
      { ...result, queueOffset: 6n, messageQueue: { ...result.messageQueue, brokerName: 'broker-b' } },
      { topic: 'Orders', body: 'other' },
    );
    expect(bad.ok).toBe(false);
    expect(bad.messages[0]!.checks.filter((c) => !c.ok).map((c) => c.field)).toEqual(['queueOffset', 'broker', 'body']);
  });
});

describe('health', () => {
  it('reports each NameServer and broker separately, with latency and typed errors', async () => {
    const dead = await new ScriptedServer(() => 'silent').listen();
    const deadAddr = dead.addr;
    await dead.close();
    const two = MQAdmin.create({ namesrvAddr: [ns.addr, deadAddr], mqClientApiTimeout: 500 });
    try {
      const nss = await two.nameServersHealth();
      expect(nss.find((x) => x.addr === ns.addr)).toMatchObject({ ok: true, brokerCount: 2 });
      expect(nss.find((x) => x.addr === deadAddr)).toMatchObject({ ok: false, error: { name: 'ConnectError', code: 10001 } });
    } finally {
      await two.close();
    }

    brokerHandler = (who) => (who === 's' ? { code: 1, remark: 'boom' } : { code: 0, body: '{"table":{"brokerVersionDesc":"V5_5_0","putTps":"1.0 2.0 3.0"}}' });
    const h = await admin.brokersHealth();
    expect(h.map((x) => [x.brokerName, x.role, x.ok])).toEqual([
      ['broker-a', 'MASTER', true],
      ['broker-a', 'SLAVE', false],
      ['broker-b', 'MASTER', true],
    ]);
    expect(h[0]!.info?.putTps.tps60s).toBe(2);
    expect(h[1]!.error).toMatchObject({ addr: s.addr, code: 1, remark: 'boom' });
    expect(h.every((x) => x.latencyMs >= 0)).toBe(true);

    const c = admin.clientStatus();
    expect(c.namesrvAddrs).toEqual([ns.addr]);
    expect(c.connections).toEqual(expect.arrayContaining([ns.addr, a.addr, s.addr, b.addr]));
  });

  it('a broker that has not sampled its stats yet (just started) is asked again; any other error is not', async () => {
    // A 5.5.0 broker answers this until StoreStatsService's first 1 s sample (LinkedList.getLast).
    const notSampled = { code: 1, remark: 'java.util.NoSuchElementException, java.base/java.util.LinkedList.getLast(LinkedList.java:261)' };
    let calls = 0;
    brokerHandler = () => (++calls <= 2 ? notSampled : { code: 0, body: '{"table":{"brokerVersionDesc":"V5_5_0"}}' });
    const st = await admin.brokerStatus(a.addr);
    expect(calls).toBe(3);
    expect(st.info.brokerVersionDesc).toBe('V5_5_0');

    calls = 0;
    brokerHandler = () => (++calls, notSampled);
    await expect(admin.brokerStatus(a.addr)).rejects.toMatchObject({ code: 1, remark: notSampled.remark });
    expect(calls).toBe(1 + STATS_SAMPLE_RETRIES);

    calls = 0;
    brokerHandler = () => (++calls, { code: 1, remark: 'boom' });
    await expect(admin.brokerStatus(a.addr)).rejects.toMatchObject({ remark: 'boom' });
    expect(calls).toBe(1);
  });

  it('a closed admin refuses further calls', async () => {
    await admin.close();
    expect(() => admin.clientStatus()).toThrow(/closed/);
  });
});
