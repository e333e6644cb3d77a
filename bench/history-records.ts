/** The rows the history benches write: one shape, shared by bench/history.ts and bench/history-variants.ts. */
import type { SendRecord } from '../electron/services/history/history-store.js';

export const WORDS = ['order', 'payment', 'refund', 'invoice', 'shipment', 'customer', 'priority', 'express', 'warehouse', 'berlin', 'paris', 'tokyo'];
export const TOPICS = ['orders', 'payments', 'shipments', 'audit', 'WorkbenchBench'];

/** Row i of a run whose first row was created at `base` (10 ms apart). */
export function benchRecord(i: number, base: number): SendRecord {
  const words = WORDS;
  const topics = TOPICS;
  const topic = topics[i % topics.length]!;
  const bodyText = `{"id":${i},"event":"${words[i % 12]}","city":"${words[(i * 7) % 12]}","note":"${words[(i * 13) % 12]}-${i.toString(36)}"}`;
  const ok = i % 50 !== 0;
  const r: SendRecord = {
    createdAt: base + i * 10,
    profileId: 'local',
    profileName: 'Local cluster',
    topic,
    tags: i % 3 === 0 ? 'TagA' : undefined,
    keys: `order-${i}`,
    mode: 'sync',
    messageCount: 1,
    status: ok ? 'ok' : 'failed',
    latencyMs: 1 + (i % 17),
    attempts: [{ attempt: 1, brokerName: i % 2 ? 'broker-a' : 'broker-b', addr: '127.0.0.1:10911', queueId: i % 8, latencyMs: 1 + (i % 17), ok }],
    result: ok
      ? ({
          sendStatus: 'SEND_OK',
          msgId: `AC110002000000000000${i.toString(16).padStart(12, '0')}`,
          offsetMsgId: '7F00000100002A9F0000000000000000',
          topic,
          brokerName: 'broker-a',
          queueId: i % 8,
          queueOffset: String(i),
          regionId: 'DefaultRegion',
          brokerAddr: '127.0.0.1:10911',
        } satisfies SendRecord['result'])
      : undefined,
    error: ok ? undefined : ({ name: 'SendFailedError', code: 10007, retriable: true, message: 'send timed out' } as SendRecord['error']),
    origin: i % 10 === 0 ? 'bulk' : 'send',
    bodyText,
    request: {
      profileId: 'local',
      mode: 'sync',
      target: { kind: 'auto' },
      // Two user properties per message, as a typical send carries: a few values shared by
      // many rows (region) and one shared by about a thousand (tenant).
      messages: [
        {
          topic,
          properties: { region: words[9 + (i % 3)]!, tenant: `tenant${i % 1000}` },
          bodyBase64: Buffer.from(bodyText).toString('base64'),
          bodyText,
          bodyFormat: 'json',
          bodySize: bodyText.length,
        },
      ],
    } as unknown as SendRecord['request'],
  };
  return r;
}
