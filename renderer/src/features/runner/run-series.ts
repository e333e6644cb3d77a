/**
 * The live series of a load run, built from the host's progress events (at most 4 per second, each
 * with the run's counters and its latency percentiles so far). Pure: unit-tested without a page.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { RunCounters, RunSummary } from '../../../../electron/common/api.js';

export interface RunPoint {
  /** Elapsed ms since the run started. */
  t: number;
  /** Messages ended (sent, degraded or failed) per second since the previous point. */
  rate: number;
  /** Running percentiles of the whole run so far (ms). */
  p50: number;
  p99: number;
  failed: number;
}

/** 4 points a second: 30 minutes of run before the oldest points drop off. */
export const MAX_RUN_POINTS = 7200;

interface ProgressLike {
  counters: RunCounters;
  summary: Pick<RunSummary, 'elapsedMs' | 'latency'>;
}

const ended = (c: RunCounters): number => c.sent + c.degraded + c.failed;

/** A new array with the event's point appended (an event at the same elapsed time replaces the last point; an older one changes nothing). */
export function appendRunPoint(points: readonly RunPoint[], e: ProgressLike, prevEnded: number, max = MAX_RUN_POINTS): RunPoint[] {
  const last = points[points.length - 1];
  const t = e.summary.elapsedMs;
  // A snapshot older than the last point (the start call's answer after the first events): nothing new.
  if (last && t < last.t) return points as RunPoint[];
  const dt = last ? t - last.t : t;
  const n = ended(e.counters);
  const lat = e.summary.latency;
  const point: RunPoint = {
    t,
    rate: dt > 0 ? ((n - prevEnded) * 1000) / dt : (last?.rate ?? 0),
    p50: lat.count ? lat.p50 : 0,
    p99: lat.count ? lat.p99 : 0,
    failed: e.counters.failed,
  };
  const base = last && dt <= 0 ? points.slice(0, -1) : points.slice();
  base.push(point);
  return base.length > max ? base.slice(base.length - max) : base;
}

export function endedOf(e: ProgressLike): number {
  return ended(e.counters);
}

/** Throughput on the left axis, running p50 and p99 on the right; x is the run's elapsed seconds. */
export function runChartOption(points: readonly RunPoint[]): EChartsCoreOption {
  const xy = (f: (p: RunPoint) => number) => points.map((p) => [p.t / 1000, Math.round(f(p) * 10) / 10]);
  return {
    animation: false,
    grid: { left: 52, right: 52, top: 28, bottom: 28 },
    legend: { top: 0, data: ['msg/s', 'p50', 'p99'] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v)) },
    xAxis: { type: 'value', name: 's', min: 0, axisLabel: { formatter: (v: number) => `${v} s` } },
    yAxis: [
      { type: 'value', name: 'msg/s', min: 0, splitLine: { show: true } },
      { type: 'value', name: 'ms', min: 0, splitLine: { show: false } },
    ],
    series: [
      { id: 'rate', name: 'msg/s', type: 'line', showSymbol: false, yAxisIndex: 0, data: xy((p) => p.rate), areaStyle: { opacity: 0.12 } },
      { id: 'p50', name: 'p50', type: 'line', showSymbol: false, yAxisIndex: 1, data: xy((p) => p.p50) },
      { id: 'p99', name: 'p99', type: 'line', showSymbol: false, yAxisIndex: 1, data: xy((p) => p.p99), lineStyle: { type: 'dashed' } },
    ],
  };
}
