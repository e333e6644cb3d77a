/**
 * Fault behaviour against a real cluster of its own (profile 'faults'), so killing and pausing
 * brokers never disturbs the other tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer, MQClientError, SendFailedError, type AttemptRecord, type ProducerConfig } from '../../core/index.js';
import { killNode, mqadmin, pauseNode, restartNode, resumeNode, startCluster, stopCluster, stopNode } from '../cluster/cluster.js';
import { uniqueGroup, uniqueTopic } from './env.js';

const P = 'faults';
let namesrv = '';
const topic = uniqueTopic('WbFaults');
const producers: DefaultMQProducer[] = [];

async function producer(extra: Partial<ProducerConfig> = {}): Promise<DefaultMQProducer> {
  const p = new DefaultMQProducer({ namesrvAddr: namesrv, producerGroup: uniqueGroup('faults'), ...extra });
  producers.push(p);
  await p.start();
  return p;
}

beforeAll(async () => {
  namesrv = (await startCluster(P)).namesrvAddr;
  const r = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4'], { profile: P });
  expect(r.status, r.stdout + r.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all(producers.map((p) => p.shutdown().catch(() => {})));
  // Leave the profile's cluster whole for the next run.
  for (const n of ['broker-a', 'broker-b']) resumeNodeQuietly(n);
  // On CI, free the two cores for the next files; locally keep it for quick re-runs.
  if (process.env.CI) await stopCluster(P);
});

function resumeNodeQuietly(n: string): void {
  try {
    resumeNode(P, n);
  } catch {
    /* not running */
  }
}

describe('faults on a real cluster', () => {
  it('shutdown during a burst of async sends settles every promise', async () => {
    const p = await producer();
    const burst = Array.from({ length: 500 }, (_, i) => p.sendAsync({ topic, body: `burst-${i}` }));
    const all = Promise.allSettled(burst);
    await new Promise((r) => setTimeout(r, 5));
    await p.shutdown();
    const settled = await all;
    expect(settled).toHaveLength(500);
    const ok = settled.filter((s) => s.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    // every rejection is a typed client error, not a hang or a stray exception
    // A name matching /Error$/ would also accept a TypeError: assert the class of a typed client error.
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(MQClientError);
    await expect(p.send({ topic, body: 'after' })).rejects.toThrow(/shut down/);
  });

  it('a paused broker (SIGSTOP): sends time out within the budget, the fault item records it, nothing hangs', async () => {
    const p = await producer({ sendLatencyFaultEnable: true });
    for (let i = 0; i < 8; i++) await p.send({ topic, body: `warm-${i}` });
    pauseNode(P, 'broker-b');
    try {
      const err = await p.send({ topic, body: 'to-paused' }, { queue: { topic, brokerName: 'broker-b', queueId: 0 }, timeoutMs: 2000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SendFailedError);
      expect((err as SendFailedError).message).toMatch(/timed out/);
      const item = p.faultStrategy.faultItems().find((f) => f.brokerName === 'broker-b');
      expect(item).toBeDefined();
      expect(item!.startTimestamp).toBeGreaterThan(Date.now());
      // fault avoidance steers the following sends to the healthy broker
      for (let i = 0; i < 6; i++) expect((await p.send({ topic, body: `steered-${i}` })).messageQueue.brokerName).toBe('broker-a');
    } finally {
      resumeNode(P, 'broker-b');
    }
  });

  it('broker-a killed: sync sends keep succeeding through broker-b; broker-a is isolated, then chosen again once back', async () => {
    const p = await producer({ sendLatencyFaultEnable: true, pollNameServerInterval: 1000 });
    const isolated: number[] = [];
    p.events.on('fault:update', (e) => {
      if (e.brokerName === 'broker-a' && e.isolated) isolated.push(e.notAvailableUntil - e.at);
    });
    for (let i = 0; i < 8; i++) await p.send({ topic, body: `before-${i}` });
    await killNode(P, 'broker-a');
    let restarted = false;
    try {
    const attempts: AttemptRecord[][] = [];
    for (let i = 0; i < 20; i++) {
      const trace: AttemptRecord[] = [];
      const r = await p.send({ topic, body: `during-${i}` }, { attempts: trace });
      expect(r.sendStatus).toBe('SEND_OK');
      expect(r.messageQueue.brokerName).toBe('broker-b');
      attempts.push(trace);
    }
    // the dead broker is paid for once at most; while isolated it is never tried again
    const onA = attempts.flat().filter((a) => a.brokerName === 'broker-a');
    expect(onA.length).toBeLessThanOrEqual(1);
    expect(onA.every((a) => !a.ok)).toBe(true);
    expect(isolated.length).toBeGreaterThan(0);
    expect(Math.max(...isolated)).toBeGreaterThanOrEqual(10_000 - 100);

    await restartNode(P, 'broker-a');
    restarted = true;
    let backOnA = false;
    const deadline = Date.now() + 60_000;
    while (!backOnA && Date.now() < deadline) {
      backOnA = (await p.send({ topic, body: 'after-restart' })).messageQueue.brokerName === 'broker-a';
      if (!backOnA) await new Promise((r) => setTimeout(r, 200));
    }
    expect(backOnA).toBe(true);
    } finally {
      if (!restarted) await restartNode(P, 'broker-a');
    }
  });

  it('NameServer stopped: sends to an already-routed topic keep working', async () => {
    const p = await producer();
    for (let i = 0; i < 4; i++) await p.send({ topic, body: `routed-${i}` });
    await stopNode(P, 'namesrv');
    try {
      await p.client.updateAllRoutes(); // the refresh fails quietly and keeps the cached route
      for (let i = 0; i < 10; i++) expect((await p.send({ topic, body: `no-ns-${i}` })).sendStatus).toBe('SEND_OK');
      await expect(p.send({ topic: uniqueTopic('NeverRouted'), body: 'x' })).rejects.toThrow(/NameServer/);
    } finally {
      await restartNode(P, 'namesrv');
    }
  });
});
