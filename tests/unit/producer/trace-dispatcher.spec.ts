/** Message trace: the Java Pub record byte for byte, and a dispatcher that batches and never blocks or fails a send. */
import { describe, expect, it } from 'vitest';
import { encodeEndTransactionTrace, encodePubTrace, pubTraceKeys, traceKeys, type PubTraceContext } from '../../../core/protocol/trace-codec.js';
import { TraceDispatcher, type TraceSender } from '../../../core/producer/trace-dispatcher.js';
import type { Message, SendResult } from '../../../core/producer/message.js';
import { silentLogger } from '../../../core/logger.js';
import { ManualClock } from '../support/manual-clock.js';

const ctx = (i: number, over: Partial<PubTraceContext> = {}): PubTraceContext => ({
  timeStamp: 1700000000000 + i,
  regionId: 'DefaultRegion',
  groupName: 'G',
  topic: 'T',
  msgId: `ID${i}`,
  tags: 'A',
  keys: `k${i} order-${i}`,
  storeHost: '127.0.0.1:10911',
  bodyLength: 5,
  costTime: 3,
  msgType: 0,
  offsetMsgId: `OFF${i}`,
  success: true,
  ...over,
});

class FakeSender implements TraceSender {
  sent: Message[] = [];
  started = 0;
  fail = false;
  pending: (() => void)[] = [];
  async start(): Promise<void> {
    this.started++;
  }
  sendAsync(msg: Message): Promise<SendResult> {
    this.sent.push(msg);
    return this.fail ? Promise.reject(new Error('broker down')) : Promise.resolve({} as SendResult);
  }
  async shutdown(): Promise<void> {}
}

describe('TraceDataEncoder (Pub)', () => {
  it('writes the fields in the Java order, \\u0001 between them and \\u0002 after, "null" for a missing tag or key', () => {
    expect(encodePubTrace(ctx(1))).toBe(
      'Pub\u00011700000000001\u0001DefaultRegion\u0001G\u0001T\u0001ID1\u0001A\u0001k1 order-1\u0001127.0.0.1:10911\u00015\u00013\u00010\u0001OFF1\u0001true\u0002',
    );
    expect(encodePubTrace(ctx(2, { tags: undefined, keys: undefined, success: false, msgType: 3 }))).toBe(
      'Pub\u00011700000000002\u0001DefaultRegion\u0001G\u0001T\u0001ID2\u0001null\u0001null\u0001127.0.0.1:10911\u00015\u00013\u00013\u0001OFF2\u0001false\u0002',
    );
    expect(pubTraceKeys(ctx(1))).toEqual(['ID1', 'k1', 'order-1']);
  });
});

describe('TraceDataEncoder (EndTransaction)', () => {
  it('writes the Java EndTransaction fields: msgType 2, transactionId, state name, fromTransactionCheck', () => {
    const c = {
      traceType: 'EndTransaction' as const,
      timeStamp: 1700000000000,
      regionId: 'DefaultRegion',
      groupName: 'G',
      topic: 'T',
      msgId: 'ID1',
      tags: undefined,
      keys: 'k1',
      storeHost: '127.0.0.1:10911',
      transactionId: 'ID1',
      transactionState: 'ROLLBACK_MESSAGE' as const,
      fromTransactionCheck: true,
    };
    expect(encodeEndTransactionTrace(c)).toBe(
      'EndTransaction\u00011700000000000\u0001DefaultRegion\u0001G\u0001T\u0001ID1\u0001null\u0001k1\u0001127.0.0.1:10911\u00012\u0001ID1\u0001ROLLBACK_MESSAGE\u0001true\u0002',
    );
    expect(traceKeys(c)).toEqual(['ID1', 'k1']);
  });
});

describe('TraceDispatcher', () => {
  it('sends a full batch at once and a partial one after the flush interval, keyed by msgIds and keys', async () => {
    const clock = new ManualClock();
    const s = new FakeSender();
    const d = new TraceDispatcher(s, { traceTopic: 'RMQ_SYS_TRACE_TOPIC', clock, log: silentLogger, batchNum: 3, flushIntervalMs: 1000 });
    for (let i = 0; i < 4; i++) d.append(ctx(i));
    await Promise.resolve();
    await Promise.resolve();
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]!.topic).toBe('RMQ_SYS_TRACE_TOPIC');
    expect(s.sent[0]!.body).toBe(encodePubTrace(ctx(0)) + encodePubTrace(ctx(1)) + encodePubTrace(ctx(2)));
    expect(s.sent[0]!.keys).toEqual(['ID0', 'k0', 'order-0', 'ID1', 'k1', 'order-1', 'ID2', 'k2', 'order-2']);
    await clock.advance(999);
    expect(s.sent).toHaveLength(1); // the 4th waits for its batch…
    await clock.advance(1);
    expect(s.sent).toHaveLength(2); // …at most the flush interval
    expect(s.sent[1]!.body).toBe(encodePubTrace(ctx(3)));
    expect(s.started).toBe(1);
  });

  it('drops records past the queue size instead of waiting, and a failing trace producer only counts failures', async () => {
    const clock = new ManualClock();
    const s = new FakeSender();
    s.fail = true;
    const d = new TraceDispatcher(s, { traceTopic: 'X', clock, log: silentLogger, batchNum: 20, queueSize: 5, flushIntervalMs: 60_000 });
    for (let i = 0; i < 8; i++) expect(() => d.append(ctx(i))).not.toThrow();
    expect(d.dropped).toBe(3);
    await d.drain();
    expect(d.failed).toBe(1);
    expect(s.sent[0]!.body).toBe([0, 1, 2, 3, 4].map((i) => encodePubTrace(ctx(i))).join(''));
  });

  it('splits a batch whose body passes maxMsgSize, and shutdown flushes what is queued', async () => {
    const s = new FakeSender();
    const d = new TraceDispatcher(s, { traceTopic: 'X', clock: new ManualClock(), log: silentLogger, batchNum: 20, maxMsgSize: 150, flushIntervalMs: 60_000 });
    for (let i = 0; i < 4; i++) d.append(ctx(i));
    expect(s.sent).toHaveLength(0);
    await d.shutdown();
    expect(s.sent.length).toBeGreaterThan(1);
    expect(s.sent.map((m) => m.body).join('')).toBe([0, 1, 2, 3].map((i) => encodePubTrace(ctx(i))).join(''));
    d.append(ctx(9)); // after shutdown: ignored, no throw
    expect(s.sent.map((m) => m.body).join('')).not.toContain('ID9');
  });
});
