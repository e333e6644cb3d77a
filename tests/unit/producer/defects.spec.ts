/**
 * Issue 12's defects 1–10, one test each, on the manual clock against scripted loopback peers.
 * Each failed on the code before the fix.
 */
import { createServer, Socket, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientErrorCode, DefaultMQProducer, DeliverTimeNotSupportedError, NoRouteError, SendFailedError, type Logger } from '../../../core/index.js';
import { createRequest, createResponse, type RemotingCommand } from '../../../core/remoting/command.js';
import { encodeFrame } from '../../../core/remoting/frame.js';
import { RemotingClient } from '../../../core/remoting/remoting-client.js';
import { flushMicrotasks, ManualClock } from '../support/manual-clock.js';
import { Harness, HEART_BEAT, ROUTE, SEND } from '../support/producer-cluster.js';
import { routeJson, ScriptedServer, sendOk } from '../support/scripted-server.js';

const h = new Harness();
const raw: Server[] = [];
const rawSockets: Socket[] = [];
afterEach(async () => {
  await h.dispose();
  for (const s of rawSockets.splice(0)) s.destroy(); // a paused socket never reads the client's FIN
  await Promise.all(raw.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const msg = { topic: 'UnitTopic', body: 'x' };

function capture(): Logger & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (m: string, fields?: Record<string, unknown>) => void lines.push({ level, msg: m, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Writes a reply to a request the scripted server left unanswered. */
function replyLater(server: ScriptedServer, req: RemotingCommand, reply: RemotingCommand): void {
  const sock = (server as unknown as { sockets: Set<Socket> }).sockets.values().next().value!;
  reply.opaque = req.opaque;
  sock.write(encodeFrame(reply, 'JSON'));
}

describe('defect 1: the budget', () => {
  it('is checked again after the route lookup: a lookup that spends it writes nothing', async () => {
    let held: RemotingCommand | undefined;
    let brokers: { name: string; addr: string }[] = [];
    const { producer, a, ns, clock } = await h.cluster({
      a: (c) => sendOk(c),
      route: (c, b) => {
        brokers = b;
        held = c;
        return 'silent';
      },
      producer: { sendMsgTimeout: 1000, mqClientApiTimeout: 10_000 },
    });
    const p = producer.send(msg).catch((e: unknown) => e);
    await clock.advance(10);
    await new Promise((r) => setTimeout(r, 30));
    expect(held).toBeDefined();
    await clock.advance(1500); // the lookup takes longer than the whole send budget
    replyLater(ns, held!, { ...createResponse(held!, 0), body: Buffer.from(routeJson(brokers)) });
    const err = (await p) as SendFailedError;
    expect(err).toBeInstanceOf(SendFailedError);
    expect(err.message).toMatch(/timed out/);
    expect(err.budgetSpent).toBe(true);
    expect(err.attempts).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(a.count(SEND)).toBe(0);
    void ROUTE;
  });

  it('charges the time spent connecting to the request: connect 2 s + silent peer fails at 3 s, not 5 s', async () => {
    const silent = await h.server(() => 'silent');
    const clock = new ManualClock();
    const [host, port] = [silent.addr.split(':')[0]!, Number(silent.addr.split(':')[1])];
    const pending: Socket[] = [];
    const client = new RemotingClient({
      namesrvAddrs: ['127.0.0.1:1'],
      clock,
      connectTimeoutMs: 10_000,
      socketFactory: () => {
        const s = new Socket();
        pending.push(s);
        return s;
      },
    });
    let settledAt: number | undefined;
    const p = client.invoke(silent.addr, createRequest(10), 3000).catch((e: unknown) => {
      settledAt = clock.now();
      return e;
    });
    const t0 = clock.now();
    await clock.advance(2000); // the connect takes 2 s
    pending[0]!.connect(port, host);
    await new Promise((r) => setTimeout(r, 50));
    await clock.advance(950);
    expect(settledAt).toBeUndefined();
    await clock.advance(100);
    await p;
    expect(settledAt! - t0).toBeLessThanOrEqual(3050);
    client.shutdown();
  });
});

describe('defect 2: oneway is bounded by its timeout', () => {
  it('settles against a stalled peer, the in-flight count settles, shutdown() returns', async () => {
    // A broker that never reads: the socket buffers fill and the writes stall.
    const stalled = createServer((s) => {
      rawSockets.push(s);
      s.pause();
    });
    raw.push(stalled);
    await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', r));
    const addr = `127.0.0.1:${(stalled.address() as { port: number }).port}`;
    const ns = await h.server((c) => (c.code === ROUTE ? { code: 0, body: routeJson([{ name: 'broker-a', addr }]) } : { code: 0 }));
    const clock = new ManualClock();
    const producer = new DefaultMQProducer({
      namesrvAddr: ns.addr,
      producerGroup: 'unit_oneway',
      clock,
      compressMsgBodyOverHowmuch: 1 << 30,
      sendMsgTimeout: 2000,
    });
    h.producers.push(producer);
    await producer.start();
    const body = Buffer.alloc(1 << 20, 7);
    const results: unknown[] = [];
    for (let i = 0; i < 64 && results.length === 0; i++) {
      const p = producer.sendOneway({ topic: 'UnitTopic', body }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const r = await Promise.race([p, new Promise((res) => setTimeout(() => res('pending'), 20))]);
      if (r === 'pending') {
        // This one waits for the socket to drain: it must settle when its budget ends.
        await clock.advance(2001);
        results.push(await p);
      }
    }
    expect(results).toHaveLength(1);
    expect(results[0]).toBeInstanceOf(SendFailedError);
    expect((results[0] as SendFailedError).message).toMatch(/not written/);
    const closing = producer.shutdown();
    await clock.advance(5000);
    await expect(closing).resolves.toBeUndefined();
  }, 20_000);
});

describe('defect 3: a throwing async callback', () => {
  it('is isolated and logged, never an unhandled rejection', async () => {
    const log = capture();
    const { producer } = await h.cluster({ a: (c) => sendOk(c), producer: { logger: log } });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await new Promise<void>((resolve) =>
        producer.sendAsync(msg, {}, () => {
          setImmediate(resolve);
          throw new Error('user callback bug');
        }),
      );
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(log.lines.find((l) => l.level === 'error')?.msg).toMatch(/callback threw/);
  });
});

describe('defect 4: close()', () => {
  it("a second close() while a send is in flight keeps the first caller's waiter", async () => {
    const { producer, clock } = await h.cluster({ a: () => 'silent', producer: { sendMsgTimeout: 1000, retryTimesWhenSendFailed: 0 } });
    const send = producer.send(msg).catch(() => 'failed');
    await clock.advance(10);
    let first = false;
    let second = false;
    void producer.close().then(() => (first = true));
    void producer.close().then(() => (second = true));
    await clock.advance(1100);
    expect(await send).toBe('failed');
    await flushMicrotasks();
    expect([first, second]).toEqual([true, true]);
  });
});

describe('defect 5: the fault window follows the behaviour', () => {
  it.each([
    ['java-5', 10_000, false],
    ['java-4.9', 600_000, true],
  ] as const)('%s: isolation %i ms; a fast success ends it: %s', async (behaviour, window, fastSuccessEnds) => {
    let aOk = false;
    const { producer, clock } = await h.cluster({
      a: (c) => (aOk ? sendOk(c) : { code: 1 }),
      b: (c) => sendOk(c),
      producer: { behaviour, sendLatencyFaultEnable: true },
    });
    await producer.send(msg, { queue: { topic: 'UnitTopic', brokerName: 'broker-a', queueId: 0 } }).catch(() => {});
    expect(producer.faultSnapshot().items).toEqual([]); // a fixed-queue send feeds nothing
    for (let i = 0; i < 6 && producer.faultSnapshot().items.every((x) => x.brokerName !== 'broker-a'); i++) await producer.send(msg);
    const item = producer.faultSnapshot().items.find((x) => x.brokerName === 'broker-a')!;
    expect(item.notAvailableUntil - clock.now()).toBe(window);
    aOk = true;
    await clock.advance(1000);
    await producer.send(msg, { queue: { topic: 'UnitTopic', brokerName: 'broker-a', queueId: 0 } }); // does not feed
    producer.faultStrategy.updateFaultItem('broker-a', 0, false); // what a 0 ms success on the default path records
    expect(producer.faultSnapshot().items.find((x) => x.brokerName === 'broker-a')!.available).toBe(fastSuccessEnds);
  });
});

describe('defect 6: a topic with a route but no writable queue', () => {
  it('fails with "No route info of this topic … no writable queue" and never asks for TBW102', async () => {
    const { producer, ns, a } = await h.cluster({
      a: (c) => sendOk(c),
      route: (c, brokers) =>
        c.extFields?.topic === 'UnitTopic' ? { code: 0, body: routeJson(brokers).replace('"perm":6', '"perm":4') } : { code: 0, body: routeJson(brokers) },
    });
    const err = await producer.send(msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoRouteError);
    expect((err as NoRouteError).message).toMatch(/No route info of this topic: UnitTopic/);
    expect((err as NoRouteError).message).toMatch(/no writable queue/);
    expect((err as NoRouteError).code).toBe(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION);
    expect(ns.requests.filter((c) => c.code === ROUTE).map((c) => c.extFields?.topic)).not.toContain('TBW102');
    expect(a.count(SEND)).toBe(0);
  });
});

describe('defect 7: sockets', () => {
  it('a sync request timeout closes the broker socket (clientCloseSocketIfTimeout); an async one does not', async () => {
    const log = capture();
    const { producer, a, clock } = await h.cluster({
      a: () => 'silent',
      producer: { sendMsgTimeout: 1000, retryTimesWhenSendFailed: 0, retryTimesWhenSendAsyncFailed: 0, logger: log },
    });
    const connections = () => producer.client.connectionsSnapshot().filter((c) => c.addr === a.addr && c.state === 'open').length;
    const asyncSend = producer.sendAsync(msg).catch(() => {});
    await clock.advance(1100);
    await asyncSend;
    expect(connections()).toBe(1);
    const syncSend = producer.send(msg).catch(() => {});
    await clock.advance(1100);
    await syncSend;
    expect(connections()).toBe(0);
    expect(log.lines.some((l) => l.msg === 'connection closed' && String(l.fields?.reason).includes('clientCloseSocketIfTimeout'))).toBe(true);
  });

  it('an idle socket is closed after clientChannelMaxIdleTimeMs', async () => {
    const { producer, a, clock } = await h.cluster({
      a: (c) => sendOk(c),
      producer: { clientChannelMaxIdleTimeMs: 120_000, heartbeatBrokerInterval: 10_000_000, pollNameServerInterval: 10_000_000 },
    });
    await producer.send(msg);
    const open = () => producer.client.connectionsSnapshot().some((c) => c.addr === a.addr);
    expect(open()).toBe(true);
    await clock.advance(100_000);
    expect(open()).toBe(true);
    await clock.advance(60_000);
    expect(open()).toBe(false);
  });
});

describe('defect 8: selectors', () => {
  it('see the queues without the namespace', async () => {
    const { producer, a } = await h.cluster({ a: (c) => sendOk(c), producer: { namespace: 'ns1' } });
    const seen: string[] = [];
    const r = await producer.send(msg, {
      selector: (qs) => {
        seen.push(...qs.map((q) => q.topic));
        return qs[0]!;
      },
    });
    expect(new Set(seen)).toEqual(new Set(['UnitTopic']));
    expect(r.messageQueue.topic).toBe('UnitTopic');
    expect(a.requests.find((c) => c.code === SEND)!.extFields!.b).toBe('ns1%UnitTopic');
  });
});

describe('defect 9: deliver-at time on a 4.x broker', () => {
  it('is refused with a clear error and nothing is written', async () => {
    const { producer, a } = await h.cluster({
      a: (c) => sendOk(c),
      other: (c) => (c.code === HEART_BEAT ? { ...createResponse(c, 0), version: 409 } : { code: 0 }),
    });
    const err = await producer.send({ ...msg, deliverTimeMs: Date.now() + 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliverTimeNotSupportedError);
    expect((err as DeliverTimeNotSupportedError).code).toBe(ClientErrorCode.DELIVER_TIME_NOT_SUPPORTED);
    expect((err as Error).message).toMatch(/before 5\.0.*nothing was sent/);
    expect(a.count(SEND)).toBe(0);
  });

  it('goes through to a 5.x broker', async () => {
    const { producer, a } = await h.cluster({
      a: (c) => sendOk(c),
      other: (c) => (c.code === HEART_BEAT ? { ...createResponse(c, 0), version: 453 } : { code: 0 }),
    });
    await producer.send({ ...msg, deliverTimeMs: Date.now() + 60_000 });
    expect(a.count(SEND)).toBe(1);
  });
});

describe('defect 10: the logger', () => {
  it('reports a failing scheduled route refresh and a route change', async () => {
    const log = capture();
    let fail = false;
    const { producer, clock } = await h.cluster({
      a: (c) => sendOk(c),
      route: (_c, brokers) => (fail ? { code: 1, remark: 'namesrv sick' } : { code: 0, body: routeJson(brokers) }),
      producer: { logger: log },
    });
    await producer.send(msg);
    expect(log.lines.some((l) => l.level === 'info' && l.msg === 'topic route changed')).toBe(true);
    fail = true;
    await clock.advance(30_500);
    await new Promise((r) => setTimeout(r, 30));
    expect(log.lines.some((l) => l.level === 'warn' && /route refresh failed/.test(l.msg) && l.fields?.topic === 'UnitTopic')).toBe(true);
  });
});

describe('issue 17 item 8: Java key phrases and named codes', () => {
  it('keeps "No name server address" and "Send [n] times, still failed"', async () => {
    expect(() => new RemotingClient({ namesrvAddrs: [], clock: new ManualClock() })).toThrow(/No name server address/);
    const { producer } = await h.cluster({ a: () => ({ code: 1 }), producer: { retryTimesWhenSendFailed: 1 } });
    const err = (await producer.send(msg).catch((e: unknown) => e)) as SendFailedError;
    expect(err.message).toMatch(/Send \[2\] times, still failed, cost \[\d+\]ms/);
    expect(err.code).toBe(1);
  });

  it('every error a host sees has a named code (no -1)', async () => {
    const p = new DefaultMQProducer({ namesrvAddr: '127.0.0.1:1', producerGroup: 'g_codes' });
    const e = await p.send(msg).catch((x: unknown) => x);
    expect((e as { code: number }).code).toBe(ClientErrorCode.SERVICE_STATE_ERROR);
    const { errorToJSON } = await import('../../../core/index.js');
    expect(errorToJSON(new TypeError('bug')).code).toBe(ClientErrorCode.UNKNOWN_ERROR);
  });
});
