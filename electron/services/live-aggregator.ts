/**
 * Turns core events of every connected producer into `live:tick` events (every 500 ms by default,
 * never more than 4 per second): sends, attempts, retries, throughput, latency percentiles per
 * broker, the producer's fault table as the core holds it, the brokers that came back from
 * isolation, and the last heartbeats.
 */
import type { DefaultMQProducer } from '../../core/index.js';
import type { BrokerLatency, BrokerRecovery, LiveProfileTick, LiveTick } from '../common/contract.js';
import type { EventSink } from './event-sink.js';
import { readFaultTable } from './fault-table.js';
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
  /** Brokers isolated and not yet chosen again: when the isolation began and its latest end (host ms). */
  isolated: Map<string, { since: number; until: number }>;
  recoveries: Map<string, BrokerRecovery>;
}

export const MIN_TICK_MS = 250;
/** Samples kept per broker per tick for the percentiles (a tick at 4 per second rarely has more). */
const SAMPLES_PER_TICK = 5000;

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
    const t: Tracked = { producer, win: emptyWindow(), isolated: new Map(), recoveries: new Map() };
    this.tracked.set(profileId, t);
    const ev = producer.events;
    const offs = [
      ev.on('send:start', (e) => {
        t.win.messages += e.count;
      }),
      ev.on('send:attempt', (e) => {
        t.win.attempts++;
        let b = t.win.brokers.get(e.brokerName);
        if (!b) t.win.brokers.set(e.brokerName, (b = { samples: new Reservoir(SAMPLES_PER_TICK), errors: 0 }));
        b.samples.add(e.latencyMs);
        if (e.outcome === 'error') b.errors++;
        else this.noteSuccess(t, e.brokerName, e.at);
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
        this.noteFault(t, e.brokerName, e.notAvailableUntil, e.at);
      }),
    ];
    this.ensureTimer();
    return () => {
      for (const off of offs) off();
      if (this.tracked.get(profileId) === t) this.tracked.delete(profileId);
      if (this.tracked.size === 0) this.stop();
    };
  }

  /** A fault update that puts the broker's window in the future is an isolation. */
  private noteFault(t: Tracked, brokerName: string, notAvailableUntil: number, at: number): void {
    if (notAvailableUntil <= at) return;
    const cur = t.isolated.get(brokerName);
    if (cur) cur.until = Math.max(cur.until, notAvailableUntil);
    else t.isolated.set(brokerName, { since: at, until: notAvailableUntil });
  }

  /**
   * The first successful attempt on an isolated broker that was chosen after its isolation began
   * (`at` is when the attempt started): an attempt already in flight when the window opened is
   * not a return.
   */
  private noteSuccess(t: Tracked, brokerName: string, at: number): void {
    const iso = t.isolated.get(brokerName);
    if (!iso || at < iso.since) return;
    t.isolated.delete(brokerName);
    t.recoveries.set(brokerName, { brokerName, isolatedUntil: iso.until, chosenAgainAt: at });
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
    const latencyByBroker: BrokerLatency[] = [...w.brokers]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([brokerName, b]) => {
        const s = b.samples.stats();
        return { brokerName, attempts: s.count, errors: b.errors, avg: s.avg, p50: s.p50, p95: s.p95, p99: s.p99, max: s.max };
      });
    const faultTable = readFaultTable(t.producer);
    // The snapshot also catches isolations whose event this host missed (e.g. before it observed).
    for (const f of faultTable.items) if (!f.available) this.noteFault(t, f.brokerName, f.notAvailableUntil, faultTable.at);
    let heartbeats: LiveProfileTick['heartbeats'] = [];
    try {
      heartbeats = [...t.producer.client.heartbeats.values()].map((h) => ({ brokerName: h.brokerName, addr: h.addr, ok: h.ok, at: h.at, error: h.error }));
    } catch {
      // producer shutting down
    }
    const recoveries = [...t.recoveries.values()].sort((a, b) => a.brokerName.localeCompare(b.brokerName));
    return {
      profileId,
      sends: w.sends,
      ok: w.ok,
      failed: w.failed,
      attempts: w.attempts,
      retries: w.retries,
      throughput: windowMs > 0 ? Math.round((w.messages * 1000) / windowMs) : 0,
      latencyByBroker,
      faults: faultTable.items,
      faultTable,
      recoveries,
      heartbeats,
    };
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
