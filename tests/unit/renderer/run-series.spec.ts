/** The runner's live series: one point per progress event, rate between events, running percentiles. */
import { describe, expect, it } from 'vitest';
import { appendRunPoint, endedOf, runChartOption, type RunPoint } from '../../../renderer/src/features/runner/run-series.js';

const lat = (count: number, p50: number, p99: number) => ({ count, min: 0, avg: 0, p50, p95: 0, p99, max: 0 });
const ev = (elapsedMs: number, sent: number, failed: number, p50 = 2, p99 = 9, count = sent) => ({
  counters: { started: sent + failed, sent, degraded: 0, failed },
  summary: { elapsedMs, latency: lat(count, p50, p99) },
});

describe('appendRunPoint', () => {
  it('computes the rate since the previous event and keeps the running percentiles', () => {
    let pts: RunPoint[] = [];
    let prev = 0;
    for (const e of [ev(250, 50, 0), ev(500, 150, 1, 3, 12), ev(1000, 200, 1, 3, 15)]) {
      pts = appendRunPoint(pts, e, prev);
      prev = endedOf(e);
    }
    expect(pts.map((p) => p.t)).toEqual([250, 500, 1000]);
    expect(pts.map((p) => p.rate)).toEqual([200, 404, 100]);
    expect(pts.map((p) => p.p99)).toEqual([9, 12, 15]);
    expect(pts[2]).toMatchObject({ p50: 3, failed: 1 });
  });

  it('shows no latency before the first acknowledged send, and replaces a point at the same elapsed time', () => {
    const a = appendRunPoint([], ev(0, 0, 0, 0, 0, 0), 0);
    expect(a).toEqual([{ t: 0, rate: 0, p50: 0, p99: 0, failed: 0 }]);
    const b = appendRunPoint(a, ev(0, 0, 2, 0, 0, 0), 0);
    expect(b).toHaveLength(1);
    expect(b[0]!.failed).toBe(2);
    expect(a[0]!.failed).toBe(0); // the input array is not mutated (the store swaps arrays)
    const later = appendRunPoint(b, ev(500, 10, 2), 2);
    expect(appendRunPoint(later, ev(250, 5, 2), 12)).toBe(later); // an older snapshot adds nothing
  });

  it('keeps at most `max` points, dropping the oldest', () => {
    let pts: RunPoint[] = [];
    for (let i = 1; i <= 10; i++) pts = appendRunPoint(pts, ev(i * 250, i, 0), i - 1, 4);
    expect(pts.map((p) => p.t)).toEqual([1750, 2000, 2250, 2500]);
  });
});

describe('runChartOption', () => {
  it('draws throughput and p50/p99 against elapsed seconds', () => {
    const o = runChartOption([{ t: 500, rate: 123.45, p50: 2.04, p99: 9.96, failed: 0 }]) as { series: { id: string; data: number[][] }[] };
    expect(o.series.map((s) => s.id)).toEqual(['rate', 'p50', 'p99']);
    expect(o.series.map((s) => s.data[0])).toEqual([
      [0.5, 123.5],
      [0.5, 2],
      [0.5, 10],
    ]);
  });
});
