/**
 * One test per line of docs/producer-behaviour.md, for both behaviours. Each row states what the
 * Java client of that version does (4.9.8 and 5.3.x sources) and checks ours against it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_DEFAULTS, RETRY_RESPONSE_CODES, SendFailedError, type ProducerBehaviour } from '../../../core/index.js';
import { FaultStrategy } from '../../../core/producer/fault-strategy.js';
import { LatencyFaultTolerance } from '../../../core/producer/latency-fault-tolerance.js';
import { TopicPublishInfo } from '../../../core/producer/topic-publish-info.js';
import type { TopicRouteData } from '../../../core/protocol/route-data.js';
import { ManualClock } from '../support/manual-clock.js';
import { Harness, SEND } from '../support/producer-cluster.js';
import { sendOk } from '../support/scripted-server.js';

const h = new Harness();
afterEach(() => h.dispose());

function route(brokers: { name: string; queues: number; perm?: number }[]): TopicRouteData {
  return {
    queueDatas: brokers.map((b) => ({ brokerName: b.name, perm: b.perm ?? 6, readQueueNums: b.queues, writeQueueNums: b.queues, topicSysFlag: 0 })),
    brokerDatas: brokers.map((b, i) => ({ cluster: 'c', brokerName: b.name, brokerAddrs: new Map([[0, `127.0.0.1:${10911 + i}`]]) })),
  } as TopicRouteData;
}

const twoBrokers = () =>
  TopicPublishInfo.fromRoute(
    'T',
    route([
      { name: 'broker-a', queues: 2 },
      { name: 'broker-b', queues: 2 },
    ]),
    () => 0,
  );

function strategy(behaviour: ProducerBehaviour, clock = new ManualClock(), random = () => 0): FaultStrategy {
  return new FaultStrategy({ ...FAULT_DEFAULTS[behaviour], sendLatencyFaultEnable: true }, clock, undefined, random);
}

/** Per behaviour, what the Java sources say. */
const JAVA = {
  'java-4.9': {
    latencyMax: [50, 100, 550, 1000, 2000, 3000, 15000],
    notAvailableDuration: [0, 0, 30000, 60000, 120000, 180000, 600000],
    isolationWindow: 600_000,
    fastSuccessEndsWindow: true,
    avoidsLastBrokerWhenFaultEnabled: false,
    brokerErrorUnreachable: false,
    systemBusyRetried: false,
  },
  'java-5': {
    latencyMax: [50, 100, 550, 1800, 3000, 5000, 15000],
    notAvailableDuration: [0, 0, 2000, 5000, 6000, 10000, 30000],
    isolationWindow: 10_000,
    fastSuccessEndsWindow: false,
    avoidsLastBrokerWhenFaultEnabled: true,
    brokerErrorUnreachable: true,
    systemBusyRetried: true,
  },
} as const;

describe.each(['java-5', 'java-4.9'] as const)('behaviour %s', (behaviour) => {
  const java = JAVA[behaviour];

  it('row "tables": latencyMax / notAvailableDuration defaults', () => {
    expect(FAULT_DEFAULTS[behaviour].latencyMax).toEqual(java.latencyMax);
    expect(FAULT_DEFAULTS[behaviour].notAvailableDuration).toEqual(java.notAvailableDuration);
  });

  it('row "defaults": sendLatencyFaultEnable is off', () => {
    expect(FAULT_DEFAULTS[behaviour].sendLatencyFaultEnable).toBe(false);
  });

  it('row "isolation latency": a failed attempt opens the version\'s window', () => {
    const clock = new ManualClock();
    const fs = strategy(behaviour, clock);
    const item = fs.updateFaultItem('broker-a', 3, true)!;
    expect(item.startTimestamp - clock.now()).toBe(java.isolationWindow);
  });

  it('row "later success": a 0 ms success after an isolation', async () => {
    const clock = new ManualClock();
    const fs = strategy(behaviour, clock);
    fs.updateFaultItem('broker-a', 3, true);
    await clock.advance(1000);
    fs.updateFaultItem('broker-a', 0, false);
    expect(fs.tolerance.isAvailable('broker-a')).toBe(java.fastSuccessEndsWindow);
  });

  it('row "selection order": with fault avoidance on, a retry after a failure on an available broker', () => {
    const fs = strategy(behaviour);
    const info = twoBrokers();
    const chosen = new Set<string>();
    for (let i = 0; i < 8; i++) chosen.add(fs.selectOneMessageQueue(info, 'broker-a', false).brokerName);
    // 4.9.8 only asks isAvailable (the last broker is fine if it is available); 5.x filters it out.
    expect(chosen.has('broker-a')).toBe(!java.avoidsLastBrokerWhenFaultEnabled);
    expect(chosen.has('broker-b')).toBe(true);
  });

  it('row "selection order": fault avoidance off, both versions avoid the last broker', () => {
    const fs = new FaultStrategy(FAULT_DEFAULTS[behaviour], new ManualClock());
    const info = twoBrokers();
    for (let i = 0; i < 8; i++) expect(fs.selectOneMessageQueue(info, 'broker-a', false).brokerName).toBe('broker-b');
  });

  it('row "reachable": a broker error marks the broker unreachable only in 5.x', () => {
    const fs = strategy(behaviour);
    fs.updateFaultItem('broker-a', 5, true, false);
    expect(fs.tolerance.isReachable('broker-a')).toBe(!java.brokerErrorUnreachable);
  });

  it('row "retry codes": SYSTEM_BUSY (2) is retried on another broker', async () => {
    const { producer, a, b } = await h.cluster({ a: () => ({ code: 2, remark: 'busy' }), b: () => ({ code: 2, remark: 'busy' }), producer: { behaviour } });
    const err = (await producer.send({ topic: 'T', body: 'x' }).catch((e: unknown) => e)) as SendFailedError;
    expect(err).toBeInstanceOf(SendFailedError);
    expect(err.attempts).toHaveLength(java.systemBusyRetried ? 3 : 1);
    expect(a.count(SEND) + b!.count(SEND)).toBe(java.systemBusyRetried ? 3 : 1);
    expect(RETRY_RESPONSE_CODES[behaviour].has(1500)).toBe(java.systemBusyRetried); // GO_AWAY came with SYSTEM_BUSY
  });

  it('row "async retry": a transport failure is retried, a broker code is not (both versions)', async () => {
    const { producer, a, b } = await h.cluster({ a: () => ({ code: 1 }), b: () => ({ code: 1 }), producer: { behaviour } });
    await expect(producer.sendAsync({ topic: 'T', body: 'x' })).rejects.toThrow(/SYSTEM_ERROR/);
    expect(a.count(SEND) + b!.count(SEND)).toBe(1);
  });

  it('row "what feeds fault items": only the default path; a fixed queue or a selector never does', async () => {
    const { producer } = await h.cluster({ a: () => ({ code: 1 }), b: (c) => sendOk(c), producer: { behaviour, sendLatencyFaultEnable: true } });
    await producer.send({ topic: 'T', body: 'x' }, { queue: { topic: 'T', brokerName: 'broker-a', queueId: 0 } }).catch(() => {});
    await producer.send({ topic: 'T', body: 'x' }, { selector: (qs) => qs.find((q) => q.brokerName === 'broker-a')! }).catch(() => {});
    expect(producer.faultSnapshot().items).toEqual([]);
    await producer.send({ topic: 'T', body: 'x' }); // the default path: retries to broker-b and records both
    expect(
      producer
        .faultSnapshot()
        .items.map((i) => i.brokerName)
        .sort(),
    ).toEqual(expect.arrayContaining(['broker-b']));
  });

  it('row "faultSnapshot": behaviour, enabled flag, clock time and the item shape', async () => {
    const { producer, clock } = await h.cluster({ a: () => ({ code: 1 }), producer: { behaviour, sendLatencyFaultEnable: true, retryTimesWhenSendFailed: 0 } });
    const events: unknown[] = [];
    producer.events.on('fault:update', (e) => events.push(e));
    await producer.send({ topic: 'T', body: 'x' }).catch(() => {});
    const snap = producer.faultSnapshot();
    expect(snap).toMatchObject({ behaviour, enabled: true, at: clock.now() });
    expect(snap.items).toEqual([
      {
        brokerName: 'broker-a',
        currentLatency: expect.any(Number),
        notAvailableUntil: clock.now() + java.isolationWindow,
        available: false,
        reachable: !java.brokerErrorUnreachable,
      },
    ]);
    expect(events).toEqual([
      {
        behaviour,
        brokerName: 'broker-a',
        currentLatency: expect.any(Number),
        notAvailableUntil: clock.now() + java.isolationWindow,
        available: false,
        reachable: !java.brokerErrorUnreachable,
        isolated: true,
        at: clock.now(),
      },
    ]);
  });
});

describe('row "pickOneAtLeast" (issue 17 item 5)', () => {
  it('4.9.8 sorts by availability, latency, then window end and rotates over the better half', async () => {
    const clock = new ManualClock();
    const ft = new LatencyFaultTolerance(clock, 'java-4.9', () => 0);
    ft.update('slow', 900, 60_000);
    ft.update('fast', 100, 60_000);
    ft.update('mid', 500, 30_000);
    ft.update('worst', 2000, 120_000);
    // sorted: fast(100), mid(500), slow(900), worst(2000); better half = [fast, mid]; the index starts at random()=0 and is incremented first
    const picks = Array.from({ length: 4 }, () => ft.pickOneAtLeast());
    expect(picks).toEqual(['mid', 'fast', 'mid', 'fast']);
  });

  it('4.9.8 with one item returns it', () => {
    const ft = new LatencyFaultTolerance(new ManualClock(), 'java-4.9');
    ft.update('only', 10, 1000);
    expect(ft.pickOneAtLeast()).toBe('only');
  });

  it('5.x returns a reachable item after a shuffle, never an unreachable one', () => {
    const ft = new LatencyFaultTolerance(new ManualClock(), 'java-5', () => 0.99);
    ft.update('down', 10, 10_000, false);
    ft.update('up', 10, 10_000, true);
    for (let i = 0; i < 5; i++) expect(ft.pickOneAtLeast()).toBe('up');
    ft.update('up', 10, 10_000, false);
    expect(ft.pickOneAtLeast()).toBeUndefined();
  });

  it('4.9.8 selection with every broker isolated sends to the picked broker; a picked broker outside the topic is dropped', async () => {
    const clock = new ManualClock();
    const fs = strategy('java-4.9', clock);
    const info = twoBrokers();
    fs.updateFaultItem('broker-a', 0, true);
    fs.updateFaultItem('broker-b', 0, true);
    expect(['broker-a', 'broker-b']).toContain(fs.selectOneMessageQueue(info, undefined).brokerName);
    fs.updateFaultItem('elsewhere', 0, false); // available, sorts first, not in this topic
    fs.tolerance.update('elsewhere', 0, 0);
    for (let i = 0; i < 4; i++) fs.selectOneMessageQueue(info, undefined);
    expect(fs.faultItems().map((i) => i.brokerName)).not.toContain('elsewhere');
  });
});
