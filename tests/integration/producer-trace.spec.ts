/** Message trace written in the Java client's format, read by RocketMQ's own mqadmin queryMsgTraceById. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer } from '../../core/index.js';
import { mqadmin, waitFor } from '../cluster/cluster.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';

const topic = uniqueTopic('WbTrace');
let producer: DefaultMQProducer;

beforeAll(async () => {
  expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2']).status).toBe(0);
  producer = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('WbTraceGroup'), traceEnabled: true, traceFlushIntervalMs: 200 });
  await producer.start();
});
afterAll(async () => {
  await producer?.shutdown();
});

describe('message trace (traceEnabled)', () => {
  it('mqadmin queryMsgTraceById shows our Pub trace for each sync and async send: group and success', async () => {
    const r = await producer.send({ topic, body: 'traced body', tags: 'TagT', keys: ['trace-key-1'] });
    const r2 = await producer.sendAsync({ topic, body: 'second', tags: 'TagU' });
    await producer.trace!.drain();
    expect(producer.trace!.sent).toBeGreaterThanOrEqual(1);
    expect(producer.trace!.failed).toBe(0);
    for (const res of [r, r2]) {
      // The broker indexes the trace message by its keys (our msgId) shortly after storing it
      // (its index dispatch is asynchronous): ask until the record is there.
      const pub = await waitFor(`the trace of ${res.msgId} in mqadmin queryMsgTraceById`, 60_000, () => {
        const q = mqadmin(['queryMsgTraceById', '-i', res.msgId]);
        if (q.status !== 0) throw new Error(q.stderr.slice(-500));
        return q.stdout.split('\n').find((l) => /^Pub\b/.test(l.trim()));
      });
      // mqadmin prints Type, ProducerGroup, ClientHost, SendTime, CostTimes, Status of each record
      // it could decode; the field order it decodes is TraceDataEncoder's (unit-tested byte for byte).
      expect(pub!.trim()).toMatch(
        new RegExp(`^Pub\\s+${producer.group}\\s+127\\.0\\.0\\.1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d+ms\\s+success$`),
      );
    }
  });

  it('a send to a topic that cannot exist still fails only for its own reason; tracing never fails a send', async () => {
    await expect(producer.send({ topic: 'bad topic', body: 'x' })).rejects.toThrow(/illegal characters/);
    expect(producer.trace!.failed).toBe(0);
  });
});
