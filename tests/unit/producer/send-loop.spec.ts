import { afterEach, describe, expect, it } from 'vitest';
import { SendFailedError, type AttemptRecord } from '../../../core/index.js';
import { Harness, SEND } from '../support/producer-cluster.js';
import { sendOk } from '../support/scripted-server.js';

const h = new Harness();
afterEach(() => h.dispose());
const cluster = (opts: Parameters<Harness['cluster']>[0]) => h.cluster(opts);

const msg = { topic: 'UnitTopic', body: 'x' };

describe('sync send loop', () => {
  it('retries a retriable broker code on the other broker', async () => {
    const { producer, a } = await cluster({ a: () => ({ code: 1, remark: 'store error' }), b: (c) => sendOk(c) });
    for (let i = 0; i < 6; i++) {
      const r = await producer.send(msg);
      const attempts: AttemptRecord[] = r.attempts;
      expect(r.messageQueue.brokerName).toBe('broker-b');
      if (attempts.length === 2) {
        expect(attempts[0]).toMatchObject({ brokerName: 'broker-a', ok: false, responseCode: 1 });
        expect(attempts[1]).toMatchObject({ brokerName: 'broker-b', ok: true });
      } else {
        expect(attempts).toMatchObject([{ brokerName: 'broker-b', ok: true }]);
      }
    }
    expect(a.count(SEND)).toBeGreaterThan(0);
  });

  it('does not retry a non-retriable code and reports it', async () => {
    const { producer } = await cluster({ a: () => ({ code: 13, remark: 'msg body illegal' }) });
    const err = await producer.send(msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendFailedError);
    expect((err as SendFailedError).code).toBe(13);
    expect((err as SendFailedError).attempts).toHaveLength(1);
    expect((err as Error).message).toMatch(/MESSAGE_ILLEGAL \(13\): msg body illegal/);
  });

  it('makes 1 + retryTimesWhenSendFailed attempts when every broker fails', async () => {
    const { producer, a } = await cluster({ a: () => ({ code: 14, remark: 'not writable' }), producer: { retryTimesWhenSendFailed: 4 } });
    const err = (await producer.send(msg).catch((e: unknown) => e)) as SendFailedError;
    expect(err.attempts).toHaveLength(5);
    expect(err.brokersSent).toEqual(['broker-a']);
    expect(a.count(SEND)).toBe(5);
  });

  it('keeps one UNIQ_KEY across retries', async () => {
    const { producer, a, b } = await cluster({ a: () => ({ code: 1 }), b: (c) => sendOk(c) });
    const r = await producer.send(msg);
    // eslint-disable-next-line no-control-regex -- \u0001 separates a property's name from its value
    const ids = [...a.requests, ...b!.requests].filter((c) => c.code === SEND).map((c) => /UNIQ_KEY\u0001([0-9A-F]+)/.exec(c.extFields!.i!)![1]);
    expect(new Set(ids)).toEqual(new Set([r.msgId]));
  });

  it('spends one timeout budget across attempts: a silent broker fails the send at the budget', async () => {
    const { producer, clock } = await cluster({ a: () => 'silent', producer: { sendMsgTimeout: 3000 } });
    const p = producer.send(msg).catch((e: unknown) => e);
    await clock.advance(2999);
    let settled = false;
    void p.then(() => (settled = true));
    await clock.advance(0);
    expect(settled).toBe(false);
    await clock.advance(1);
    const err = (await p) as SendFailedError;
    expect(err).toBeInstanceOf(SendFailedError);
    expect(err.message).toMatch(/timed out/);
    expect(err.attempts).toHaveLength(1);
    expect(err.code).toBe(10002);
  });

  it('treats FLUSH_DISK_TIMEOUT as a status, not an error', async () => {
    const { producer } = await cluster({ a: (c) => sendOk(c, 10) });
    const r = await producer.send(msg);
    expect(r.sendStatus).toBe('FLUSH_DISK_TIMEOUT');
  });

  it('retryAnotherBrokerWhenNotStoreOK moves on after a non-OK status', async () => {
    const { producer } = await cluster({ a: (c) => sendOk(c, 11), b: (c) => sendOk(c), producer: { retryAnotherBrokerWhenNotStoreOK: true } });
    for (let i = 0; i < 4; i++) expect((await producer.send(msg)).sendStatus).toBe('SEND_OK');
  });
});

describe('async and oneway', () => {
  it('async does not retry a broker error code', async () => {
    const { producer, a } = await cluster({ a: () => ({ code: 1 }) });
    await expect(producer.sendAsync(msg)).rejects.toThrow(/SYSTEM_ERROR/);
    expect(a.count(SEND)).toBe(1);
  });

  it('async retries a transport failure on another broker and calls the callback', async () => {
    let dropped = false;
    const { producer, a } = await cluster({
      a: () => {
        dropped = true;
        setImmediate(() => a.dropConnections());
        return 'silent';
      },
      b: (c) => sendOk(c),
    });
    const results: string[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise<void>((resolve) =>
        producer.sendAsync(msg, {}, (err, r) => {
          results.push(err ? `error ${err.message}` : r!.messageQueue.brokerName);
          resolve();
        }),
      );
    }
    expect(dropped).toBe(true);
    expect(results).toEqual(['broker-b', 'broker-b', 'broker-b', 'broker-b']);
  });

  it('oneway sets the oneway flag and waits for no answer', async () => {
    const { producer, a } = await cluster({ a: () => 'silent' });
    await producer.sendOneway(msg);
    await new Promise((r) => setTimeout(r, 50));
    const sent = a.requests.filter((c) => c.code === SEND);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.flag & 2).toBe(2);
  });
});

describe('latency fault avoidance', () => {
  it('isolates a failing broker for the window, then chooses it again', async () => {
    let aHealthy = false;
    const { producer, a, clock } = await cluster({
      a: (c) => (aHealthy ? sendOk(c) : { code: 1 }),
      b: (c) => sendOk(c),
      producer: { sendLatencyFaultEnable: true },
    });
    const seen = new Set<string>();
    const events: { brokerName: string; notAvailableUntil: number }[] = [];
    producer.events.on('fault:update', (e) => events.push(e));
    for (let i = 0; i < 8; i++) seen.add((await producer.send(msg)).messageQueue.brokerName);
    expect(seen).toEqual(new Set(['broker-b']));
    expect(a.count(SEND)).toBe(1);
    const isolation = events.find((e) => e.brokerName === 'broker-a')!;
    expect(isolation.notAvailableUntil - clock.now()).toBeGreaterThan(9000);
    expect(producer.faultStrategy.faultItems().find((f) => f.brokerName === 'broker-a')).toBeDefined();

    aHealthy = true;
    await clock.advance(10_001);
    for (let i = 0; i < 8; i++) seen.add((await producer.send(msg)).messageQueue.brokerName);
    expect(seen.has('broker-a')).toBe(true);
  });

  it('computes windows from the configured tables', async () => {
    const { producer } = await cluster({
      a: (c) => sendOk(c),
      producer: { sendLatencyFaultEnable: true, latencyMax: [0, 100], notAvailableDuration: [0, 5000] },
    });
    const fs = producer.faultStrategy;
    expect(fs.computeNotAvailableDuration(99)).toBe(0);
    expect(fs.computeNotAvailableDuration(100)).toBe(5000);
  });
});

describe('targets', () => {
  it('sends to a chosen queue once, without retry', async () => {
    const { producer, a } = await cluster({ a: () => ({ code: 1 }), b: (c) => sendOk(c) });
    await expect(producer.send(msg, { queue: { topic: 'UnitTopic', brokerName: 'broker-a', queueId: 1 } })).rejects.toThrow(SendFailedError);
    expect(a.count(SEND)).toBe(1);
    expect(a.requests.find((c) => c.code === SEND)!.extFields!.e).toBe('1');
  });

  it('ordered sends by key always pick the same queue', async () => {
    const { producer } = await cluster({ a: (c) => sendOk(c), b: (c) => sendOk(c) });
    const { selectMessageQueueByHash } = await import('../../../core/index.js');
    const qs = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const r = await producer.send(msg, { selector: selectMessageQueueByHash, arg: 'order-17' });
      qs.add(`${r.messageQueue.brokerName}:${r.messageQueue.queueId}`);
    }
    expect(qs.size).toBe(1);
  });

  it('refuses a second producer with the same group on one instance', async () => {
    const { producer } = await cluster({ a: (c) => sendOk(c) });
    expect(producer.client.producerGroups()).toContain('unit_group');
    expect(() =>
      producer.client.registerProducer({
        group: 'unit_group',
        publishTopics: () => [],
        onRouteUpdate: () => {},
        needsRoute: () => false,
        close: async () => {},
      }),
    ).toThrow(/already been created/);
  });
});
