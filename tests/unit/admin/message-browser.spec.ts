/**
 * The message browser against scripted loopback brokers: which offsets it pulls from, that it filters
 * by store time, stops at the queue end, bounds results, follows OFFSET_MOVED, and how "consumed by"
 * compares committed offsets. The real-cluster proof is in tests/integration/message-browser.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../../core/admin/admin.js';
import { MessageNotFoundError } from '../../../core/admin/admin-errors.js';
import { ValidationError } from '../../../core/errors.js';
import { RequestCode } from '../../../core/protocol/codes.js';
import type { RemotingCommand } from '../../../core/remoting/command.js';
import { ScriptedServer, routeJson, type Reply } from '../support/scripted-server.js';
import { encodeStored } from './support/stored-message-encoder.js';

let ns: ScriptedServer;
let a: ScriptedServer;
let admin: MQAdmin;
/** queue 0 of broker-a holds offsets 10..19, stored at t = 1000 × offset; queue 1 is empty at 0. */
const stored = (off: number) =>
  encodeStored({
    topic: 'T',
    body: Buffer.from(`m${off}`),
    queueId: 0,
    queueOffset: BigInt(off),
    storeTimestamp: off * 1000,
    commitLogOffset: BigInt(off * 100),
  });
let committed: Record<string, number | undefined>;

function broker(cmd: RemotingCommand): Reply {
  const e = cmd.extFields ?? {};
  const q = Number(e.queueId);
  switch (cmd.code) {
    case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP:
      return { code: 0, ext: { offset: q === 0 ? String(Math.min(20, Math.max(10, Math.ceil(Number(e.timestamp) / 1000)))) : '0' } };
    case RequestCode.GET_MAX_OFFSET:
      return { code: 0, ext: { offset: q === 0 ? '20' : '0' } };
    case RequestCode.GET_MIN_OFFSET:
      return { code: 0, ext: { offset: q === 0 ? '10' : '0' } };
    case RequestCode.PULL_MESSAGE: {
      const from = Number(e.queueOffset);
      if (q !== 0 || from >= 20) return { code: 19, ext: { nextBeginOffset: String(q === 0 ? 20 : 0), minOffset: '10', maxOffset: '20' } };
      if (from < 10) return { code: 21, ext: { nextBeginOffset: '10', minOffset: '10', maxOffset: '20' } };
      const n = Math.min(Number(e.maxMsgNums), 3, 20 - from); // a broker returns fewer than asked
      const msgs = Array.from({ length: n }, (_, i) => stored(from + i));
      return { code: 0, ext: { nextBeginOffset: String(from + n), minOffset: '10', maxOffset: '20' }, body: Buffer.concat(msgs) };
    }
    case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO:
      return { code: 0, body: JSON.stringify({ groupList: Object.keys(committed) }) };
    case RequestCode.QUERY_CONSUMER_OFFSET: {
      const c = committed[e.consumerGroup!];
      return c === undefined ? { code: 22, remark: 'Not found' } : { code: 0, ext: { offset: String(c) } };
    }
  }
  return { code: 3, remark: 'not scripted' };
}

beforeEach(async () => {
  committed = {};
  a = await new ScriptedServer(broker).listen();
  ns = await new ScriptedServer(() => ({ code: 0, body: routeJson([{ name: 'broker-a', addr: a.addr, queues: 2 }]) })).listen();
  admin = MQAdmin.create({ namesrvAddr: ns.addr, mqClientApiTimeout: 1000 });
});

afterEach(async () => {
  await admin.close();
  await Promise.all([ns, a].map((x) => x.close()));
});

describe('browseByTime', () => {
  it('pulls from the offset found by timestamp, keeps only messages stored inside the range, and never commits', async () => {
    const r = await admin.browseByTime('T', { from: 12_500, to: 15_000 });
    expect(r.messages.map((m) => Number(m.queueOffset))).toEqual([13, 14, 15]);
    expect(r.messages[0]).toMatchObject({ brokerName: 'broker-a', brokerAddr: a.addr, queueId: 0, storeTimestamp: 13_000 });
    expect(r.truncated).toBe(false);
    expect(r.queues).toEqual([
      { brokerName: 'broker-a', queueId: 0, fromOffset: '13', toOffset: '20', found: 3 },
      { brokerName: 'broker-a', queueId: 1, fromOffset: '0', toOffset: '0', found: 0 },
    ]);
    const pulls = a.requests.filter((c) => c.code === RequestCode.PULL_MESSAGE);
    // stops at the first message past `to` (16), never reads to the queue end
    expect(pulls.map((c) => c.extFields!.queueOffset)).toEqual(['13', '16']);
    for (const p of pulls) expect(Number(p.extFields!.sysFlag) & 1).toBe(0);
    expect(a.count(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)).toBe(2);
  });

  it('bounds the result by max and says so', async () => {
    const r = await admin.browseByTime('T', { from: 0, to: 99_000, max: 4 });
    expect(r.messages.map((m) => Number(m.queueOffset))).toEqual([10, 11, 12, 13]);
    expect(r.truncated).toBe(true);
  });

  it('rejects a reversed range or an unbounded max before any I/O', async () => {
    await expect(admin.browseByTime('T', { from: 5, to: 4 })).rejects.toThrow(ValidationError);
    await expect(admin.browseByTime('T', { from: 0, to: 4, max: 0 })).rejects.toThrow(/max must be/);
    await expect(admin.browseByTime('T', { from: 0, to: 4, max: 1e9 })).rejects.toThrow(/max must be/);
    expect(ns.requests).toHaveLength(0);
  });
});

describe('lastMessages and messageAt', () => {
  it('reads the newest N of a queue, oldest first', async () => {
    const r = await admin.lastMessages('T', 'broker-a', 0, 4);
    expect(r.messages.map((m) => Number(m.queueOffset))).toEqual([16, 17, 18, 19]);
    expect(r.truncated).toBe(true);
    const all = await admin.lastMessages('T', 'broker-a', 0, 50);
    expect(all.messages).toHaveLength(10);
    expect(all.truncated).toBe(false);
  });

  it('follows OFFSET_MOVED and reads exactly one message at an offset', async () => {
    expect((await admin.messageAt('T', 'broker-a', 0, 17n)).body.toString()).toBe('m17');
    await expect(admin.messageAt('T', 'broker-a', 0, 5n)).rejects.toBeInstanceOf(MessageNotFoundError);
    await expect(admin.messageAt('T', 'broker-x', 0, 5n)).rejects.toThrow(/not in the route/);
  });
});

describe('consumedBy', () => {
  it('is consumed only when the committed offset is past the message offset; no commit is "not consumed"', async () => {
    committed = { past: 16, at: 15, never: undefined };
    const r = await admin.consumedBy('T', 'broker-a', 0, 15n);
    expect(r.groups).toEqual([
      { group: 'at', committedOffset: 15n, consumed: false },
      { group: 'never', committedOffset: undefined, consumed: false },
      { group: 'past', committedOffset: 16n, consumed: true },
    ]);
    expect(a.requests.find((c) => c.code === RequestCode.QUERY_CONSUMER_OFFSET)?.extFields?.setZeroIfNotFound).toBe('false');
  });
});
