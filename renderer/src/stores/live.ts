/**
 * Producer telemetry from `live:tick` (at most 4 a second), kept in bounded ring buffers so memory
 * stays flat however long the app runs. Charts redraw once per tick from `version`.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import type { FaultItemView, LiveProfileTick, LiveTick } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { RingBuffer } from '../lib/ring-buffer.js';
import { useProfilesStore } from './profiles.js';

/** 10 minutes at 4 ticks a second. */
export const LIVE_CAPACITY = 2400;

export interface LatencyPoint {
  at: number;
  avg: number;
  p95: number;
}
export interface CountPoint {
  at: number;
  attempts: number;
  retries: number;
  failed: number;
  throughput: number;
}

export const useLiveStore = defineStore('live', () => {
  const profiles = useProfilesStore();
  const counts = markRaw(new RingBuffer<CountPoint>(LIVE_CAPACITY));
  const latency = markRaw(new Map<string, RingBuffer<LatencyPoint>>());
  /** Every broker that has had a fault item this session: it stays listed (as available) once it returns. */
  const faults = shallowRef<FaultItemView[]>([]);
  const heartbeats = shallowRef<LiveProfileTick['heartbeats']>([]);
  const version = ref(0);
  const lastAt = ref(0);
  const totals = ref({ sends: 0, ok: 0, failed: 0, attempts: 0, retries: 0 });
  const paused = ref(false);

  function ingest(tick: LiveTick): void {
    const p = tick.profiles.find((x) => x.profileId === profiles.activeId);
    lastAt.value = tick.at;
    if (!p) return;
    if (p.faults.length || faults.value.length) faults.value = mergeFaults(faults.value, p.faults);
    heartbeats.value = p.heartbeats;
    // While idle, one zero point ends the line; further idle ticks are not stored or drawn.
    const idle = p.sends === 0 && p.attempts === 0;
    if (idle && counts.size > 0 && counts.last()?.attempts === 0) return;
    counts.push({ at: tick.at, attempts: p.attempts, retries: p.retries, failed: p.failed, throughput: p.throughput });
    for (const b of p.latencyByBroker) {
      let rb = latency.get(b.brokerName);
      if (!rb) latency.set(b.brokerName, (rb = new RingBuffer<LatencyPoint>(LIVE_CAPACITY)));
      rb.push({ at: tick.at, avg: b.avg, p95: b.p95 });
    }
    const t = totals.value;
    totals.value = { sends: t.sends + p.sends, ok: t.ok + p.ok, failed: t.failed + p.failed, attempts: t.attempts + p.attempts, retries: t.retries + p.retries };
    if (!paused.value) version.value++;
  }

  function mergeFaults(prev: FaultItemView[], next: FaultItemView[]): FaultItemView[] {
    const by = new Map(prev.map((f) => [f.brokerName, f]));
    for (const f of next) by.set(f.brokerName, f);
    return [...by.values()].sort((a, b) => a.brokerName.localeCompare(b.brokerName));
  }

  function clear(): void {
    counts.clear();
    latency.clear();
    faults.value = [];
    totals.value = { sends: 0, ok: 0, failed: 0, attempts: 0, retries: 0 };
    version.value++;
  }

  async function snapshot(): Promise<void> {
    const r = await api.live.snapshot();
    if (r.ok) {
      const p = r.value.profiles.find((x) => x.profileId === profiles.activeId);
      if (p) {
        faults.value = mergeFaults(faults.value, p.faults);
        heartbeats.value = p.heartbeats;
      }
    }
  }

  api.on('live:tick', ingest);
  // The charts show the active profile only: a switch starts them afresh.
  watch(() => profiles.activeId, clear);

  return { counts, latency, faults, heartbeats, version, lastAt, totals, paused, clear, snapshot };
});
