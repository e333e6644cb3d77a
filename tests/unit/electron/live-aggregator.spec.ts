/**
 * The live aggregator: latency percentiles per broker per tick, the fault table exactly as the core
 * reports it, and a broker's return from isolation dated by its first successful attempt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub, type ClientEvents, type DefaultMQProducer } from '../../../core/index.js';
import type { FaultTableView, LiveTick } from '../../../electron/common/contract.js';
import { LiveAggregator } from '../../../electron/services/live-aggregator.js';
import type { EventSink } from '../../../electron/services/event-sink.js';

type Snap = Omit<FaultTableView, 'items'> & {
  items: { brokerName: string; currentLatency: number; notAvailableUntil: number; available: boolean; reachable: boolean }[];
};

function fakeProducer(snap: () => Snap): { producer: DefaultMQProducer; events: EventHub } {
  const events = new EventHub();
  const producer = { events, faultSnapshot: snap, client: { heartbeats: new Map() } } as unknown as DefaultMQProducer;
  return { producer, events };
}

const q = { topic: 'T', brokerName: 'broker-a', queueId: 0 };
function attempt(brokerName: string, latencyMs: number, outcome: 'ok' | 'error', at: number): ClientEvents['send:attempt'] {
  return { sendId: 1, attempt: 1, brokerName, addr: '127.0.0.1:1', queue: { ...q, brokerName }, latencyMs, outcome, at };
}

function faultUpdate(brokerName: string, currentLatency: number, notAvailableUntil: number, at: number): ClientEvents['fault:update'] {
  const available = at >= notAvailableUntil;
  return { behaviour: 'java-5', brokerName, currentLatency, notAvailableUntil, available, reachable: available, isolated: !available, at };
}

describe('LiveAggregator', () => {
  const ticks: LiveTick[] = [];
  const sink: EventSink = { emit: (_e, p) => void ticks.push(p as LiveTick) };
  let agg: LiveAggregator | undefined;
  afterEach(() => {
    agg?.stop();
    ticks.length = 0;
  });

  const disabled: Snap = { behaviour: 'java-5', enabled: false, at: 1000, items: [] };

  it('computes p50/p95/p99 per broker per tick, and starts the next tick empty', () => {
    const { producer, events } = fakeProducer(() => disabled);
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    // broker-a: 1..100 ms; broker-b: one 7 ms attempt
    for (let i = 100; i >= 1; i--) events.emit('send:attempt', attempt('broker-a', i, 'ok', 1));
    events.emit('send:attempt', attempt('broker-b', 7, 'error', 1));
    const t = agg.tick().profiles[0]!;
    expect(t.latencyByBroker.map((b) => b.brokerName)).toEqual(['broker-a', 'broker-b']);
    const a = t.latencyByBroker[0]!;
    expect({ n: a.attempts, p50: a.p50, p95: a.p95, p99: a.p99, max: a.max, errors: a.errors }).toEqual({
      n: 100,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
      errors: 0,
    });
    expect(t.latencyByBroker[1]).toMatchObject({ attempts: 1, errors: 1, p50: 7, p99: 7 });
    expect(t.attempts).toBe(101);
    // No attempts in the next tick: no latency entry at all (the renderer draws a gap, not a zero).
    expect(agg.tick().profiles[0]!.latencyByBroker).toEqual([]);
  });

  it('carries the core fault table verbatim: behaviour, enabled, host time, every item', () => {
    const snap: Snap = {
      behaviour: 'java-4.9',
      enabled: true,
      at: 50_000,
      items: [
        { brokerName: 'broker-b', currentLatency: 12, notAvailableUntil: 50_000, available: true, reachable: true },
        { brokerName: 'broker-a', currentLatency: 3001, notAvailableUntil: 650_000, available: false, reachable: true },
      ],
    };
    const { producer } = fakeProducer(() => snap);
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    const t = agg.tick().profiles[0]!;
    expect(t.faultTable).toEqual({
      behaviour: 'java-4.9',
      enabled: true,
      at: 50_000,
      items: [
        { brokerName: 'broker-a', currentLatency: 3001, notAvailableUntil: 650_000, available: false, reachable: true, isolated: true },
        { brokerName: 'broker-b', currentLatency: 12, notAvailableUntil: 50_000, available: true, reachable: true, isolated: false },
      ],
    });
    expect(t.faults).toEqual(t.faultTable.items);
    expect(ticks).toHaveLength(1);
  });

  it('reports fault avoidance off as such (enabled: false, no items)', () => {
    const { producer } = fakeProducer(() => disabled);
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    expect(agg.tick().profiles[0]!.faultTable).toEqual({ behaviour: 'java-5', enabled: false, at: 1000, items: [] });
  });

  it('dates a return from isolation by the first successful attempt chosen after the isolation began', () => {
    const { producer, events } = fakeProducer(() => ({ behaviour: 'java-5', enabled: true, at: 0, items: [] }));
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    events.emit('fault:update', faultUpdate('broker-a', 3000, 20_000, 10_000));
    // a failure extends the window; an attempt that started before the isolation is not a return
    events.emit('fault:update', faultUpdate('broker-a', 3000, 25_000, 15_000));
    events.emit('send:attempt', attempt('broker-a', 40, 'ok', 9_990));
    events.emit('send:attempt', attempt('broker-a', 3000, 'error', 16_000));
    expect(agg.tick().profiles[0]!.recoveries).toEqual([]);
    events.emit('send:attempt', attempt('broker-a', 4, 'ok', 25_100));
    events.emit('send:attempt', attempt('broker-a', 4, 'ok', 25_200));
    expect(agg.tick().profiles[0]!.recoveries).toEqual([{ brokerName: 'broker-a', isolatedUntil: 25_000, chosenAgainAt: 25_100 }]);
    // still reported in later ticks (the panel shows the latest return per broker)
    expect(agg.tick().profiles[0]!.recoveries).toHaveLength(1);
  });

  it('a fast success does not count as an isolation', () => {
    const { producer, events } = fakeProducer(() => ({ behaviour: 'java-5', enabled: true, at: 0, items: [] }));
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    events.emit('fault:update', faultUpdate('broker-b', 3, 5_000, 5_000));
    events.emit('send:attempt', attempt('broker-b', 3, 'ok', 5_001));
    expect(agg.tick().profiles[0]!.recoveries).toEqual([]);
  });

  it('also sees an isolation only in the snapshot (its event missed)', () => {
    let snap: Snap = {
      behaviour: 'java-5',
      enabled: true,
      at: 1_000,
      items: [{ brokerName: 'broker-a', currentLatency: 3000, notAvailableUntil: 11_000, available: false, reachable: false }],
    };
    const { producer, events } = fakeProducer(() => snap);
    agg = new LiveAggregator(sink, 500);
    agg.observe('p1', producer);
    agg.tick();
    snap = { ...snap, at: 12_000, items: [{ ...snap.items[0]!, available: true }] };
    events.emit('send:attempt', attempt('broker-a', 5, 'ok', 11_500));
    expect(agg.tick().profiles[0]!.recoveries).toEqual([{ brokerName: 'broker-a', isolatedUntil: 11_000, chosenAgainAt: 11_500 }]);
  });
});
