/**
 * request() against scripted brokers on the manual clock: the request's properties, the reply
 * pushed by the broker (PUSH_REPLY_MESSAGE_TO_CLIENT) decoded and answered SUCCESS, the timeout
 * error naming topic and timeout at exactly the deadline, a cluster without a reply topic refused
 * before sending, and an unmatched reply still answered SUCCESS.
 */
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DefaultMQProducer, RequestReplyTimeoutError, type RequestReply } from '../../../core/index.js';
import { createRequest, type RemotingCommand } from '../../../core/remoting/command.js';
import { decodeProperties, encodeProperties } from '../../../core/protocol/message-properties.js';
import { ManualClock } from '../support/manual-clock.js';
import { Harness, ROUTE, SEND, until } from '../support/producer-cluster.js';
import { routeJson, sendOk, type Reply } from '../support/scripted-server.js';

const PUSH_REPLY = 326;

const h = new Harness();
afterEach(() => h.dispose());

async function setup(opts: { replyTopic?: boolean } = {}) {
  const broker = await h.server((c) => ((c.flag & 1) !== 0 ? 'silent' : c.code === SEND ? sendOk(c) : { code: 0 }));
  const brokers = [{ name: 'broker-a', addr: broker.addr }];
  const ns = await h.server((c): Reply => {
    if (c.code !== ROUTE) return { code: 0 };
    if (c.extFields?.topic === 'DefaultCluster_REPLY_TOPIC' && opts.replyTopic === false)
      return { code: 17, remark: 'No topic route info in name server for the topic: DefaultCluster_REPLY_TOPIC' };
    return { code: 0, body: routeJson(brokers) };
  });
  const clock = new ManualClock();
  const producer = h.track(new DefaultMQProducer({ namesrvAddr: ns.addr, producerGroup: 'req_group', clock }));
  await producer.start();
  return { broker, ns, clock, producer };
}

function pushReply(props: Record<string, string>, body: Buffer, sysFlag = 0): RemotingCommand {
  const cmd = createRequest(
    PUSH_REPLY,
    {
      producerGroup: 'responder',
      topic: 'DefaultCluster_REPLY_TOPIC',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: '4',
      queueId: '0',
      sysFlag: String(sysFlag),
      bornTimestamp: '1700000000123',
      flag: '0',
      properties: encodeProperties({ MSG_TYPE: 'reply', ...props }),
      reconsumeTimes: '0',
      unitMode: 'false',
      bornHost: '127.0.0.1:50000',
      storeHost: '127.0.0.1:10911',
      storeTimestamp: '1700000000200',
    },
    body,
  );
  cmd.opaque = 4711;
  return cmd;
}

describe('request-reply', () => {
  it('sends CORRELATION_ID, REPLY_TO_CLIENT and TTL and resolves with the pushed reply (inflated), answering SUCCESS', async () => {
    const { broker, producer, clock } = await setup();
    let result: RequestReply | undefined;
    let error: unknown;
    producer.request({ topic: 'RpcTopic', body: 'ping' }, 5000).then(
      (r) => (result = r),
      (e: unknown) => (error = e),
    );
    await until('the request on the broker', () => broker.count(SEND) === 1);
    const props = decodeProperties(broker.requests.find((r) => r.code === SEND)!.extFields!.i);
    expect(props.CORRELATION_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(props.REPLY_TO_CLIENT).toBe(producer.client.clientId);
    expect(props.TTL).toBe('5000');
    await clock.advance(120);
    broker.push(
      pushReply(
        { CORRELATION_ID: props.CORRELATION_ID!, REPLY_TO_CLIENT: props.REPLY_TO_CLIENT!, TTL: '5000', KEYS: 'k1' },
        deflateSync(Buffer.from('pong')),
        0x301,
      ),
    );
    await until('the reply', () => result !== undefined || error !== undefined);
    expect(error).toBeUndefined();
    expect(result!.reply.body.toString()).toBe('pong');
    expect(result!.reply.properties).toMatchObject({ MSG_TYPE: 'reply', CORRELATION_ID: props.CORRELATION_ID, KEYS: 'k1', ARRIVE_TIME: String(clock.now()) });
    expect(result!.reply.bornHost).toBe('127.0.0.1:50000');
    expect(result!.request?.msgId).toBe(props.UNIQ_KEY);
    expect(result!.latencyMs).toBe(120);
    await until('the SUCCESS answer', () => broker.requests.some((r) => (r.flag & 1) !== 0 && r.opaque === 4711));
    expect(broker.requests.find((r) => (r.flag & 1) !== 0 && r.opaque === 4711)!.code).toBe(0);
    expect(producer.client.requestFutures.size).toBe(0);
  });

  it('times out at the deadline with an error naming the topic and the timeout, and forgets the request', async () => {
    const { broker, producer, clock } = await setup();
    let error: unknown;
    producer.request({ topic: 'RpcTopic', body: 'ping' }, 3000).catch((e: unknown) => (error = e));
    await until('the request on the broker', () => broker.count(SEND) === 1);
    await clock.advance(2990);
    expect(error).toBeUndefined();
    await clock.advance(20);
    expect(error).toBeInstanceOf(RequestReplyTimeoutError);
    expect((error as Error).message).toContain('send request message to <RpcTopic> OK, but wait reply message timeout, 3000 ms');
    expect((error as RequestReplyTimeoutError).code).toBe(10006);
    // The broker confirmed the request before the deadline: the error says where it was stored.
    expect((error as RequestReplyTimeoutError).request).toMatchObject({ sendStatus: 'SEND_OK', messageQueue: { topic: 'RpcTopic', brokerName: 'broker-a' } });
    expect(producer.client.requestFutures.size).toBe(0);
  });

  it('answers an unmatched or undecodable reply without completing anything', async () => {
    const { broker, producer } = await setup();
    await producer.send({ topic: 'RpcTopic', body: 'warm up' });
    const seen: boolean[] = [];
    producer.events.on('request:reply', (e) => seen.push(e.matched));
    broker.push(pushReply({ CORRELATION_ID: 'nobody-waits' }, Buffer.from('late')));
    const bad = pushReply({}, Buffer.from('x'));
    bad.opaque = 4712;
    delete bad.extFields!.topic;
    broker.push(bad);
    await until('two answers', () => broker.requests.filter((r) => (r.flag & 1) !== 0).length === 2);
    const answers = broker.requests.filter((r) => (r.flag & 1) !== 0);
    expect(answers.find((r) => r.opaque === 4711)!.code).toBe(0);
    expect(answers.find((r) => r.opaque === 4712)).toMatchObject({ code: 1, remark: 'process reply message fail' });
    expect(seen).toEqual([false]);
  });

  it('refuses a request when the cluster has no reply topic, before sending', async () => {
    const { broker, producer } = await setup({ replyTopic: false });
    const e = await producer.request({ topic: 'RpcTopic', body: 'ping' }, 3000).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/cluster DefaultCluster has no reply topic DefaultCluster_REPLY_TOPIC.*<RpcTopic>.*nothing was sent/);
    expect(broker.count(SEND)).toBe(0);
  });

  it('calls the async form back once with the timeout error', async () => {
    const { broker, producer, clock } = await setup();
    const calls: (Error | null)[] = [];
    producer.requestAsync({ topic: 'RpcTopic', body: 'ping' }, 1000, (err) => calls.push(err));
    await until('the request on the broker', () => broker.count(SEND) === 1);
    await clock.advance(1000);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeInstanceOf(RequestReplyTimeoutError);
    expect(calls[0]!.message).toContain('<RpcTopic>');
    expect(calls[0]!.message).toContain('1000 ms');
  });
});
