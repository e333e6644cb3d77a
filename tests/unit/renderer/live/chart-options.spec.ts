import { describe, expect, it } from 'vitest';
import { countSeries, latencySeries, liveWindow } from '../../../../renderer/src/features/live/chart-options.js';
import { RingBuffer } from '../../../../renderer/src/lib/ring-buffer.js';
import type { CountPoint, LatencyPoint } from '../../../../renderer/src/stores/live.js';

const lat = (at: number, p50: number): LatencyPoint => ({ at, windowMs: 500, p50, p95: p50 * 2, p99: p50 * 3 });
const cnt = (at: number): CountPoint => ({ at, windowMs: 500, attempts: 4, retries: 0, failed: 0, throughput: 8 });

function buffers() {
  const a = new RingBuffer<LatencyPoint>(10);
  const b = new RingBuffer<LatencyPoint>(10);
  // broker-a stops answering between 1.5 s and 9 s; broker-b carries on
  for (const at of [1000, 1500, 9000]) a.push(lat(at, 3));
  for (const at of [1000, 1500, 2000, 2500, 9000]) b.push(lat(at, 4));
  const latency = new Map([
    ['broker-b', b],
    ['broker-a', a],
  ]);
  const counts = new RingBuffer<CountPoint>(10);
  for (const at of [1000, 1500, 2000, 2500, 9000]) counts.push(cnt(at));
  return { latency, counts };
}

describe('live chart options', () => {
  it('per broker, the chosen percentiles, lines that never bridge a gap', () => {
    const { latency, counts } = buffers();
    const w = liveWindow(counts, latency);
    const chart = latencySeries(latency, ['p50', 'p99'], w);
    expect(chart.brokers).toEqual([
      { brokerName: 'broker-a', points: 3, gaps: 1 },
      { brokerName: 'broker-b', points: 5, gaps: 1 },
    ]);
    expect(chart.option.legend.data).toEqual(['broker-a p50', 'broker-a p99', 'broker-b p50', 'broker-b p99']);
    for (const s of chart.option.series) expect(s.connectNulls).toBe(false);
    const a99 = chart.option.series.find((s) => s.id === 'broker-a|p99')!;
    expect(a99.data).toEqual([
      [1000, 9],
      [1500, 9],
      [1501, null],
      [9000, 9],
    ]);
    expect(a99.showSymbol).toBe(false);
    // the lone point after the outage is a dot in the companion series (a single point draws no line)
    const dots = chart.option.series.find((s) => s.id === 'broker-a|p99|dots')!;
    expect(dots).toMatchObject({
      name: 'broker-a p99',
      showSymbol: true,
      data: [
        [9000, 9],
        [9001, null],
      ],
    });
    // p95 is not shown: its series is there (merged by id) but empty, and not in the legend
    expect(chart.option.series.find((s) => s.id === 'broker-a|p95')!.data).toEqual([]);
    // 1 s … 9 s is under a minute: ±30 s around its middle (5 s)
    expect(chart.option.xAxis).toEqual({ min: 5000 - 30_000, max: 5000 + 30_000 });
  });

  it('counts and throughput break on the same idle ticks', () => {
    const { latency, counts } = buffers();
    const c = countSeries(counts, liveWindow(counts, latency));
    expect(c.gaps).toBe(1);
    const tput = (c.throughput as { series: { data: unknown[] }[] }).series[0]!.data;
    expect(tput).toContainEqual([2501, null]);
  });

  it('a cleared buffer keeps its series, empty, so the chart drops the old line', () => {
    const { latency } = buffers();
    for (const rb of latency.values()) rb.clear();
    const chart = latencySeries(latency, ['p50'], undefined);
    expect(chart.brokers).toEqual([]);
    expect(chart.option.series.every((s) => s.data.length === 0)).toBe(true);
    expect(chart.option.xAxis).toEqual({ min: null, max: null });
  });
});
