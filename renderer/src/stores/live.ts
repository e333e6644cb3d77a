/**
 * Producer telemetry from `live:tick` (at most 4 a second), kept in bounded ring buffers so memory
 * stays flat however long the app runs. Charts redraw once per tick from `version`.
 *
 * Only ticks with samples are kept: the charts break their lines across the ticks in between
 * (features/live/series-gaps.ts), so idle time is never drawn as a slope. The fault table is the
 * core's, replaced whole on every tick, with the renderer's monotonic time of its arrival so the
 * countdown runs from the host's clock (features/live/countdown.ts).
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import type { BrokerRecovery, FaultItemView, FaultTableView, LiveProfileTick, LiveTick } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { RingBuffer } from '../lib/ring-buffer.js';
import { useProfilesStore } from './profiles.js';

/** 10 minutes of active ticks at 4 ticks a second. */
export const LIVE_CAPACITY = 2400;

export interface LatencyPoint {
  at: number;
  windowMs: number;
  p50: number;
  p95: number;
  p99: number;
}
export interface CountPoint {
  at: number;
  windowMs: number;
  attempts: number;
  retries: number;
  failed: number;
  throughput: number;
}

export const useLiveStore = defineStore('live', () => {
  const profiles = useProfilesStore();
  const counts = markRaw(new RingBuffer<CountPoint>(LIVE_CAPACITY));
  const latency = markRaw(new Map<string, RingBuffer<LatencyPoint>>());
  /** The active profile's fault table as of the last tick; undefined until one arrives. */
  const faultTable = shallowRef<FaultTableView | undefined>(undefined);
  /** performance.now() when faultTable arrived. */
  const faultReceivedMono = ref(0);
  /** Host ms at which each broker's current window was first seen (for the countdown bar's scale). */
  const windowStarts = markRaw(new Map<string, { until: number; start: number }>());
  /** = faultTable.items (the Brokers view lists them too). */
  const faults = shallowRef<FaultItemView[]>([]);
  const recoveries = shallowRef<BrokerRecovery[]>([]);
  const heartbeats = shallowRef<LiveProfileTick['heartbeats']>([]);
  const version = ref(0);
  const lastAt = ref(0);
  const totals = ref({ sends: 0, ok: 0, failed: 0, attempts: 0, retries: 0 });
  const paused = ref(false);

  function takeFaultTable(p: LiveProfileTick): void {
    const t = p.faultTable;
    for (const f of t.items) {
      const w = windowStarts.get(f.brokerName);
      if (!w || w.until !== f.notAvailableUntil) windowStarts.set(f.brokerName, { until: f.notAvailableUntil, start: t.at });
    }
    faultTable.value = t;
    faultReceivedMono.value = performance.now();
    faults.value = t.items;
    recoveries.value = p.recoveries;
  }

  function ingest(tick: LiveTick): void {
    const p = tick.profiles.find((x) => x.profileId === profiles.activeId);
    lastAt.value = tick.at;
    if (!p) return;
    takeFaultTable(p);
    heartbeats.value = p.heartbeats;
    // A tick without samples is not stored: the gap it leaves is what the charts draw.
    if (p.sends === 0 && p.attempts === 0 && p.throughput === 0) return;
    counts.push({ at: tick.at, windowMs: tick.windowMs, attempts: p.attempts, retries: p.retries, failed: p.failed, throughput: p.throughput });
    for (const b of p.latencyByBroker) {
      let rb = latency.get(b.brokerName);
      if (!rb) latency.set(b.brokerName, (rb = new RingBuffer<LatencyPoint>(LIVE_CAPACITY)));
      rb.push({ at: tick.at, windowMs: tick.windowMs, p50: b.p50, p95: b.p95, p99: b.p99 });
    }
    const t = totals.value;
    totals.value = {
      sends: t.sends + p.sends,
      ok: t.ok + p.ok,
      failed: t.failed + p.failed,
      attempts: t.attempts + p.attempts,
      retries: t.retries + p.retries,
    };
    if (!paused.value) version.value++;
  }

  function clear(): void {
    counts.clear();
    // Buffers are emptied, not dropped: the chart keeps each broker's (now empty) series, see latencySeries.
    for (const rb of latency.values()) rb.clear();
    windowStarts.clear();
    faultTable.value = undefined;
    faults.value = [];
    recoveries.value = [];
    totals.value = { sends: 0, ok: 0, failed: 0, attempts: 0, retries: 0 };
    version.value++;
  }

  async function snapshot(): Promise<void> {
    const r = await api.live.snapshot();
    if (r.ok) {
      const p = r.value.profiles.find((x) => x.profileId === profiles.activeId);
      if (p) {
        takeFaultTable(p);
        heartbeats.value = p.heartbeats;
      }
    }
  }

  function windowStart(brokerName: string): number | undefined {
    return windowStarts.get(brokerName)?.start;
  }

  api.on('live:tick', ingest);
  // The charts show the active profile only: a switch starts them afresh.
  watch(() => profiles.activeId, clear);

  return { counts, latency, faultTable, faultReceivedMono, faults, recoveries, heartbeats, version, lastAt, totals, paused, clear, snapshot, windowStart };
});
