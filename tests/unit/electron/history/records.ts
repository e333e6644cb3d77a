/** SendRecords for history tests. */
import type { SendRecord } from '../../../../electron/services/history/history-store.js';

export function sendRecord(i: number, over: Partial<SendRecord> = {}): SendRecord {
  const ok = i % 5 !== 0;
  const body = `{"order":${i},"note":"payload-${i.toString(36)}"}`;
  return {
    createdAt: 1_700_000_000_000 + i * 1000,
    profileId: i % 2 ? 'p1' : 'p2',
    profileName: i % 2 ? 'one' : 'two',
    topic: `TOPIC_${i % 3}`,
    tags: `tag${i % 4}`,
    keys: `order-${i} k${i % 7}`,
    mode: 'sync',
    messageCount: 1,
    status: ok ? 'ok' : 'failed',
    latencyMs: 3 + (i % 11),
    attempts: ok
      ? [{ attempt: 1, brokerName: 'broker-a', addr: '127.0.0.1:10911', queueId: i % 4, latencyMs: 3, ok: true }]
      : [
          { attempt: 1, brokerName: 'broker-a', addr: '127.0.0.1:10911', queueId: 0, latencyMs: 3000, ok: false, error: 'timeout' },
          { attempt: 2, brokerName: 'broker-b', addr: '127.0.0.1:10921', queueId: 1, latencyMs: 5, ok: false, responseCode: 14, error: 'SYSTEM_BUSY' },
        ],
    result: ok
      ? {
          sendStatus: 'SEND_OK',
          msgId: `MSG${i.toString(16).padStart(29, '0')}`,
          offsetMsgId: 'X',
          topic: `TOPIC_${i % 3}`,
          brokerName: 'broker-a',
          queueId: i % 4,
          queueOffset: String(i),
          regionId: 'DefaultRegion',
          brokerAddr: '127.0.0.1:10911',
        }
      : undefined,
    error: ok ? undefined : { name: 'SendFailedError', code: 14, retriable: true, message: 'failed after 2 attempts' },
    origin: 'send',
    bodyText: body,
    request: {
      profileId: 'p1',
      mode: 'sync',
      target: { kind: 'auto' },
      messages: [
        {
          topic: `TOPIC_${i % 3}`,
          properties: {},
          bodyBase64: Buffer.from(body).toString('base64'),
          bodyText: body,
          bodyFormat: 'json',
          bodySize: body.length,
        },
      ],
    },
    ...over,
  };
}
