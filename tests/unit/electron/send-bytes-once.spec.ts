/**
 * A message body is encoded to bytes once and those bytes go to the producer: no base64 → bytes
 * round trip on the way (there used to be two per send, for every message of bulk and data-file
 * runs too). The wire form (base64) is made once per message, for the outcome and the history row.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, SendResult } from '../../../core/index.js';
import type { ProfileView } from '../../../electron/common/contract.js';
import type { SendRecord } from '../../../electron/services/history/history-store.js';
import { DEFAULT_PRODUCER_OPTIONS } from '../../../electron/services/profiles.js';
import {
  executeSend,
  fromResolvedView,
  resolveSend,
  toResolvedView,
  type ParsedSendRequest,
  type SendingProducer,
} from '../../../electron/services/send-service.js';
import { SequenceCounters } from '../../../electron/services/template-vars.js';

const profile: ProfileView = {
  id: 'p1',
  name: 'local',
  namesrvAddrs: ['127.0.0.1:9876'],
  hasCredentials: false,
  environment: 'dev',
  readOnly: false,
  env: {},
  producer: DEFAULT_PRODUCER_OPTIONS,
  createdAt: 0,
  updatedAt: 0,
};

function request(batch: number, body = '{"n":{{seq}}}', bodyFormat: 'json' | 'text' | 'hex' = 'json'): ParsedSendRequest {
  return { profileId: 'p1', mode: 'sync', target: { kind: 'auto' }, batch, message: { topic: 'T', body, bodyFormat, properties: {} } } as ParsedSendRequest;
}

/** A producer that keeps what it was handed. */
function fakeProducer(): SendingProducer & { sent: Message[] } {
  const sent: Message[] = [];
  const result = (): SendResult => ({
    sendStatus: 'SEND_OK',
    msgId: 'M',
    offsetMsgId: 'O',
    messageQueue: { topic: 'T', brokerName: 'b', queueId: 0 },
    queueOffset: 1n,
    regionId: 'DefaultRegion',
    traceOn: false,
    brokerAddr: '127.0.0.1:10911',
    attempts: [{ attempt: 1, brokerName: 'b', addr: '127.0.0.1:10911', queueId: 0, latencyMs: 1, ok: true }],
  });
  const take = (m: Message | Message[]) => sent.push(...(Array.isArray(m) ? m : [m]));
  return {
    sent,
    send: async (m: Message | Message[]) => (take(m), result()),
    sendAsync: async (m: Message | Message[]) => (take(m), result()),
    sendOneway: async (m: Message | Message[]) => (take(m), { attempts: result().attempts }),
  } as SendingProducer & { sent: Message[] };
}

const history = () => {
  const rows: SendRecord[] = [];
  return { rows, record: (r: SendRecord) => rows.push(r) };
};

afterEach(() => vi.restoreAllMocks());

/** Counts base64 decodes (Buffer.from(s, 'base64')) and base64 encodes (buf.toString('base64')). */
function countBase64() {
  const from = vi.spyOn(Buffer, 'from');
  const toString = vi.spyOn(Buffer.prototype, 'toString');
  return {
    decodes: () => from.mock.calls.filter((c) => (c as unknown[])[1] === 'base64').length,
    encodes: () => toString.mock.calls.filter((c) => c[0] === 'base64').length,
  };
}

describe('message bytes, from the resolved send to the producer', () => {
  it('hands the producer the very bytes resolveSend encoded, for every message of a batch', async () => {
    const prepared = resolveSend(request(5), profile, new SequenceCounters());
    const producer = fakeProducer();
    const h = history();
    const count = countBase64();
    const outcome = await executeSend(producer, profile, prepared, h, { origin: 'bulk' });
    expect(outcome.status).toBe('ok');
    expect(producer.sent).toHaveLength(5);
    producer.sent.forEach((m, i) => expect(m.body).toBe(prepared.messages[i]!.body)); // same Buffer, not a copy
    expect(count.decodes()).toBe(0);
    expect(count.encodes()).toBe(5); // the wire form, once per message
    // The outcome and the history row carry the same wire form, made once.
    expect(h.rows[0]!.request).toBe(outcome.resolved);
    expect(outcome.resolved.messages.map((m) => Buffer.from(m.bodyBase64, 'base64').toString())).toEqual([
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
      '{"n":4}',
      '{"n":5}',
    ]);
  });

  it('a run that records nothing still never decodes a body', async () => {
    const producer = fakeProducer();
    const seqs = new SequenceCounters();
    const count = countBase64();
    for (let i = 0; i < 20; i++)
      await executeSend(producer, profile, resolveSend(request(1), profile, seqs), history(), { origin: 'datafile', record: 'none' });
    expect(producer.sent).toHaveLength(20);
    expect(count.decodes()).toBe(0);
  });

  it('a replay decodes each recorded body once, and the producer gets those bytes', async () => {
    const recorded = toResolvedView(resolveSend(request(2, 'héllo {{seq}}', 'text'), profile, new SequenceCounters()));
    const count = countBase64();
    const prepared = fromResolvedView(recorded);
    expect(count.decodes()).toBe(2);
    const producer = fakeProducer();
    await executeSend(producer, profile, prepared, history(), { origin: 'replay' });
    expect(count.decodes()).toBe(2);
    expect(producer.sent.map((m) => m.body.toString())).toEqual(['héllo 1', 'héllo 2']);
    expect(producer.sent[0]!.body).toBe(prepared.messages[0]!.body);
  });

  it('send:preview shows the wire form of exactly those bytes', () => {
    const prepared = resolveSend(request(1, '00 ff', 'hex'), profile, new SequenceCounters());
    const view = toResolvedView(prepared);
    expect(view.messages[0]).toMatchObject({ bodyBase64: prepared.messages[0]!.body.toString('base64'), bodySize: 2, bodyFormat: 'hex' });
    expect(fromResolvedView(view).messages[0]!.body.equals(prepared.messages[0]!.body)).toBe(true);
  });
});
