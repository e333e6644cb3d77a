import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer } from '../../core/index.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';
import { queryMsgById } from './mqadmin.js';

describe('first send, read back by mqadmin', () => {
  const producer = new DefaultMQProducer({ namesrvAddr: NAMESRV, producerGroup: uniqueGroup('first_send') });
  beforeAll(() => producer.start());
  afterAll(() => producer.shutdown());

  it('stores body, tags, keys and a user property that mqadmin queryMsgById shows', async () => {
    const topic = uniqueTopic('WbFirst');
    const body = `hello ${topic} ✓`;
    const r = await producer.send({ topic, body, tags: 'TagA', keys: ['k1', 'order-42'], properties: { color: 'blue' } });
    expect(r.sendStatus).toBe('SEND_OK');
    // 32 hex with an IPv4 host address, 56 with a public IPv6 one (UtilAll.getIP, as the Java client).
    expect(r.msgId).toMatch(/^[0-9A-F]{32}(?:[0-9A-F]{24})?$/);
    expect(r.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
    expect(r.messageQueue.topic).toBe(topic);
    expect(['broker-a', 'broker-b']).toContain(r.messageQueue.brokerName);

    const m = queryMsgById(topic, r.offsetMsgId);
    expect(m.fields.Topic).toBe(topic);
    expect(m.fields.Tags).toBe('[TagA]');
    expect(m.fields.Keys).toBe('[k1 order-42]');
    expect(m.fields['Queue ID']).toBe(String(r.messageQueue.queueId));
    expect(m.fields['Queue Offset']).toBe(r.queueOffset.toString());
    expect(m.properties.color).toBe('blue');
    expect(m.properties.UNIQ_KEY).toBe(r.msgId);
    expect(m.body?.toString('utf8')).toBe(body);
  });
});
