/**
 * The runtime half of the wire boundary: each mapping in services/to-wire.ts turns core's 64-bit
 * values and bytes into strings, so its result survives JSON (the WebSocket host) unchanged — the
 * dispatcher no longer deep-copies results to paper over a bigint or a Buffer.
 */
import { describe, expect, it } from 'vitest';
import type { BrokerRuntimeInfo, ConsumedByResult, MessageView, TopicStatus } from '../../../core/index.js';
import { consumedByToWire, messageToWire, runtimeInfoToWire, topicStatusToWire, verifyToWire } from '../../../electron/services/to-wire.js';

const jsonRoundTrip = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

const message: MessageView = {
  storeSize: 200,
  magicCode: -626843477,
  bodyCRC: 1,
  queueId: 3,
  flag: 0,
  queueOffset: 9007199254740993n, // above 2^53: must not go through a number
  commitLogOffset: 123n,
  sysFlag: 0,
  bornTimestamp: 1,
  bornHost: '127.0.0.1:1',
  storeTimestamp: 2,
  storeHost: '127.0.0.1:10911',
  reconsumeTimes: 0,
  preparedTransactionOffset: 0n,
  body: Buffer.from([0xff, 0x00, 0x41]),
  compression: undefined,
  bodyDecompressed: true,
  topic: 'T',
  properties: { a: 'b' },
  offsetMsgId: 'O',
  msgId: 'M',
  tags: undefined,
  keys: ['k'],
  transactionType: 'NOT_TYPE',
  brokerAddr: '127.0.0.1:10911',
  brokerName: 'broker-a',
};

describe('to-wire mappings', () => {
  it('a stored message: offsets as exact decimal strings, the body as base64 with its size, no text for binary', () => {
    const w = messageToWire(message);
    expect(w).toMatchObject({ queueOffset: '9007199254740993', commitLogOffset: '123', preparedTransactionOffset: '0', bodyBase64: '/wBB', bodySize: 3 });
    expect(w.bodyText).toBeUndefined();
    expect(jsonRoundTrip(w)).toEqual(w); // nothing JSON would turn into something else
    expect(Object.values(w).some((v) => typeof v === 'bigint' || Buffer.isBuffer(v))).toBe(false);
  });

  it('topic status, runtime info and consumed-by survive JSON with every 64-bit value as a string', () => {
    const status: TopicStatus = {
      topic: 'T',
      queues: [{ brokerName: 'b', queueId: 0, minOffset: 1n, maxOffset: 2n ** 60n, messageCount: 2n ** 60n - 1n, lastUpdateTimestamp: 5 }],
      totalMessages: 2n ** 60n - 1n,
      brokers: [{ brokerName: 'b', addr: 'a', topicPutTps: undefined }],
      errors: [],
    };
    expect(jsonRoundTrip(topicStatusToWire(status))).toMatchObject({
      totalMessages: '1152921504606846975',
      queues: [{ minOffset: '1', maxOffset: '1152921504606846976' }],
    });

    const info = {
      commitLogMinOffset: 7n,
      commitLogMaxOffset: undefined,
      dispatchBehindBytes: 0n,
      raw: { x: 'y' },
    } as Partial<BrokerRuntimeInfo> as BrokerRuntimeInfo;
    expect(jsonRoundTrip(runtimeInfoToWire(info))).toEqual({ commitLogMinOffset: '7', dispatchBehindBytes: '0', raw: { x: 'y' } });

    const consumed: ConsumedByResult = {
      topic: 'T',
      brokerName: 'b',
      queueId: 0,
      queueOffset: 42n,
      groups: [
        { group: 'g', committedOffset: 43n, consumed: true },
        { group: 'h', committedOffset: undefined, consumed: false },
      ],
      errors: [],
    };
    expect(jsonRoundTrip(consumedByToWire(consumed))).toEqual({
      topic: 'T',
      brokerName: 'b',
      queueId: 0,
      queueOffset: '42',
      groups: [
        { group: 'g', committedOffset: '43', consumed: true },
        { group: 'h', consumed: false },
      ],
      errors: [],
    });
  });

  it('verify: each message read back becomes a MessageViewDTO, and the history id is named', () => {
    const w = verifyToWire({ ok: true, messages: [{ msgId: 'M', offsetMsgId: 'O', ok: true, checks: [], message }] }, 7);
    expect(w.historyId).toBe(7);
    expect(w.messages[0]!.message?.bodyBase64).toBe('/wBB');
    expect(() => JSON.stringify(w)).not.toThrow();
  });
});
