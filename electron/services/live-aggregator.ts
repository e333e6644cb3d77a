/**
 * Turns core events of every connected producer into `live:tick` events (every 500 ms by default,
 * never more than 4 per second): sends, attempts, retries, throughput, latency per broker, the
 * fault items with their not-available-until, and the last heartbeats.
 */
import type { DefaultMQProducer } from '../../core/index.js';
import type { BrokerLatency, FaultItemView, LiveProfileTick, LiveTick } from '../common/contract.js';
import type { EventSink } from './event-sink.js';
import { latencyStats, Reservoir } from './stats.js';

interface Window {
  sends: number;
  ok: number;
  failed: number;
  messages: number;
  attempts: number;
  retries: number;
  brokers: Map<string, { samples: Reservoir; errors: number }>;
}

const emptyWindow = (): Window => ({ sends: 0, ok: 0, failed: 0, messages: 0, attempts: 0, retries: 0, brokers: new Map() });

interface Tracked {
  producer: DefaultMQProducer;
  win: Window;
  isolated: Map<string, boolean>;
}

export const MIN_TICK_MS = 250;

export class LiveAggregator {
  private readonly tracked = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | undefined;
  private lastTickAt = Date.now();
  private last: LiveTick = { at: Date.now(), windowMs: 0, profiles: [] };

  constructor(
    private readonly sink: EventSink,
    private readonly tickMs = 500,
  ) {
    if (tickMs < MIN_TICK_MS) throw new Error(`live ticks are at most 4 per second (tickMs ≥ ${MIN_TICK_MS})`);
  }

  /** Starts listening to a producer; returns the disposer. */
  observe(profileId: string, producer: DefaultMQProducer): () => void {
    const t: Tracked = { producer, win: emptyWindow(), isolated: new Map() };
    this.tracked.set(profileId, t);
    const ev = producer.events;
    const offs = [
      ev.on('send:start', (e) => {
        t.win.messages += e.count;
      }),
      ev.on('send:attempt', (e) => {
        t.win.attempts++;
        let b = t.win.brokers.get(e.brokerName);
        if (!b) t.win.brokers.set(e.brokerName, (b = { samples: new Reservoir(5000), errors: 0 }));
        b.samples.add(e.latencyMs);
        if (e.outcome === 'error') b.errors++;
      }),
      ev.on('send:retry', () => {
        t.win.retries++;
      }),
      ev.on('send:end', (e) => {
        t.win.sends++;
        if (e.ok) t.win.ok++;
        else t.win.failed++;
      }),
      ev.on('fault:update', (e) => {
        t.isolated.set(e.brokerName, e.isolated);
      }),
    ];
    this.ensureTimer();
    return () => {
      for (const off of offs) off();
      if (this.tracked.get(profileId) === t) this.tracked.delete(profileId);
      if (this.tracked.size === 0) this.stop();
    };
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.lastTickAt = Date.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  private profileTick(profileId: string, t: Tracked, windowMs: number): LiveProfileTick {
    const w = t.win;
    t.win = emptyWindow();
    const latencyByBroker: BrokerLatency[] = [...w.brokers].map(([brokerName, b]) => {
      const s = b.samples.stats();
      return { brokerName, attempts: s.count, errors: b.errors, avg: s.avg, p50: s.p50, p95: s.p95, max: s.max };
    });
    let faults: FaultItemView[] = [];
    let heartbeats: LiveProfileTick['heartbeats'] = [];
    try {
      faults = t.producer.faultStrategy.faultItems().map((f) => ({ brokerName: f.brokerName, currentLatency: f.currentLatency, notAvailableUntil: f.startTimestamp, isolated: t.isolated.get(f.brokerName) ?? false }));
      heartbeats = [...t.producer.client.heartbeats.values()].map((h) => ({ brokerName: h.brokerName, addr: h.addr, ok: h.ok, at: h.at, error: h.error }));
    } catch {
      // producer shutting down
    }
    return { profileId, sends: w.sends, ok: w.ok, failed: w.failed, attempts: w.attempts, retries: w.retries, throughput: windowMs > 0 ? Math.round((w.messages * 1000) / windowMs) : 0, latencyByBroker, faults, heartbeats };
  }

  /** Builds and emits one tick (also called by tests). */
  tick(): LiveTick {
    const now = Date.now();
    const windowMs = now - this.lastTickAt;
    this.lastTickAt = now;
    const profiles = [...this.tracked].map(([id, t]) => this.profileTick(id, t, windowMs));
    this.last = { at: now, windowMs, profiles };
    this.sink.emit('live:tick', this.last);
    return this.last;
  }

  snapshot(): LiveTick {
    return this.last;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export { latencyStats };
