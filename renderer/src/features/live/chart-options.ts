/**
 * ECharts options of the Live view; data comes from the live store's ring buffers. Every line
 * breaks where ticks had no samples (series-gaps.ts) and the time axis spans the data
 * (time-window.ts).
 */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../../lib/format.js';
import type { RingBuffer } from '../../lib/ring-buffer.js';
import type { CountPoint, LatencyPoint } from '../../stores/live.js';
import { gapCount, LONE_POINT_SYMBOL, withGaps, type LinePoint } from './series-gaps.js';
import { extentOf, timeWindow, type TimeWindow } from './time-window.js';

export type Percentile = 'p50' | 'p95' | 'p99';
export const PERCENTILES: readonly Percentile[] = ['p50', 'p95', 'p99'];

/** One colour per broker (ECharts' palette), one dash per percentile: p50 solid, p95 dashed, p99 dotted. */
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];
const DASH: Record<Percentile, 'solid' | 'dashed' | 'dotted'> = { p50: 'solid', p95: 'dashed', p99: 'dotted' };

interface TooltipParam {
  seriesId?: string;
  seriesName: string;
  value: [number, number | null];
  marker: string;
}

/** ECharts tooltips are HTML: every name from the cluster is escaped. */
const tooltip = {
  trigger: 'axis',
  formatter(params: TooltipParam[]) {
    const shown = params.filter((p) => p.value[1] !== null && !String(p.seriesId ?? '').endsWith(DOTS));
    if (!shown.length) return '';
    const t = new Date(shown[0]!.value[0]).toLocaleTimeString();
    return [t, ...shown.map((p) => `${p.marker}${escapeHtml(String(p.seriesName))}: ${Number(p.value[1]).toFixed(1)}`)].join('<br/>');
  },
};

const base = (yName: string): EChartsCoreOption => ({
  animation: false,
  grid: { left: 48, right: 16, top: 28, bottom: 24 },
  legend: { top: 0, type: 'scroll' },
  tooltip,
  xAxis: { type: 'time', splitLine: { show: false }, axisLabel: { hideOverlap: true } },
  yAxis: { type: 'value', name: yName, nameGap: 8, nameTextStyle: { align: 'left' } },
  series: [],
});

export const latencyOption = (): EChartsCoreOption => base('ms');
export const countsOption = (): EChartsCoreOption => base('per tick');
export const throughputOption = (): EChartsCoreOption => base('msg/s');

const DOTS = '|dots';

export type XY = [number, number | null];

export interface LineSeries {
  id: string;
  name: string;
  type: 'line';
  connectNulls: false;
  data: XY[];
  [k: string]: unknown;
}

/**
 * A line that never bridges a gap, drawn without symbols (a symbol per point is thousands of
 * elements per redraw), plus a second series under the same name (one legend entry) holding only
 * the lone points as dots, since a single point draws no line.
 */
function line(id: string, name: string, data: LinePoint[], style: Record<string, unknown> = {}): [LineSeries, LineSeries] {
  const main: XY[] = [];
  const dots: XY[] = [];
  for (const d of data) {
    if (Array.isArray(d)) main.push(d);
    else {
      main.push(d.value);
      // a null after each dot: the dots series never draws a segment between two of them
      dots.push(d.value, [d.value[0] + 1, null]);
    }
  }
  return [
    { id, name, type: 'line', connectNulls: false, showSymbol: false, data: main, ...style },
    {
      id: id + DOTS,
      name,
      type: 'line',
      connectNulls: false,
      showSymbol: true,
      symbolSize: LONE_POINT_SYMBOL,
      lineStyle: { width: 0 },
      emphasis: { disabled: true },
      tooltip: { show: false },
      itemStyle: style['itemStyle'],
      data: dots,
    },
  ];
}

/** What the chart draws, and the facts the view exposes for tests (`data-*`). */
export interface LatencyChart {
  option: EChartsCoreOption & { series: LineSeries[]; legend: { data: string[] } };
  /** Per broker with data: drawn points (not counting breaks) and breaks, from the p50 series' data. */
  brokers: { brokerName: string; points: number; gaps: number }[];
}

/**
 * Every broker ever seen gets all three percentile series, those not shown with no data: the chart
 * merges updates into its option (series matched by id), so a series left out would keep its old
 * line on screen. The legend lists only what is drawn.
 */
export function latencySeries(latency: Map<string, RingBuffer<LatencyPoint>>, shown: readonly Percentile[], window: TimeWindow | undefined): LatencyChart {
  const names = [...latency.keys()].sort((a, b) => a.localeCompare(b));
  const series: LineSeries[] = [];
  const legend: string[] = [];
  const brokers: LatencyChart['brokers'] = [];
  names.forEach((broker, i) => {
    const pts = latency.get(broker)!.toArray();
    const color = PALETTE[i % PALETTE.length]!;
    const p50 = withGaps(pts, (p) => p.p50);
    if (pts.length) brokers.push({ brokerName: broker, points: pts.length, gaps: gapCount(p50) });
    for (const pct of PERCENTILES) {
      const on = shown.includes(pct) && pts.length > 0;
      const name = `${broker} ${pct}`;
      if (on) legend.push(name);
      const data = !on ? [] : pct === 'p50' ? p50 : withGaps(pts, (p) => p[pct]);
      series.push(...line(`${broker}|${pct}`, name, data, { lineStyle: { color, type: DASH[pct], width: pct === 'p50' ? 2 : 1.5 }, itemStyle: { color } }));
    }
  });
  return { option: { xAxis: axis(window), legend: { data: legend }, series }, brokers };
}

/** `replaceMerge` needs the axis in every update; undefined bounds let ECharts choose (no data). */
function axis(window: TimeWindow | undefined): Record<string, unknown> {
  return { min: window?.min ?? null, max: window?.max ?? null };
}

export function countSeries(
  counts: RingBuffer<CountPoint>,
  window: TimeWindow | undefined,
): { counts: EChartsCoreOption; throughput: EChartsCoreOption; gaps: number } {
  const pts = counts.toArray();
  const attempts = withGaps(pts, (p) => p.attempts);
  const colored = (c: string) => ({ lineStyle: { color: c }, itemStyle: { color: c } });
  return {
    counts: {
      xAxis: axis(window),
      series: [
        ...line('attempts', 'attempts', attempts),
        ...line(
          'retries',
          'retries',
          withGaps(pts, (p) => p.retries),
          colored('#e8590c'),
        ),
        ...line(
          'failed',
          'failed',
          withGaps(pts, (p) => p.failed),
          colored('#c62828'),
        ),
      ],
    },
    throughput: {
      xAxis: axis(window),
      series: line(
        'throughput',
        'throughput',
        withGaps(pts, (p) => p.throughput),
        { areaStyle: { opacity: 0.15 } },
      ),
    },
    gaps: gapCount(attempts),
  };
}

/** The window shared by all three charts, so their time axes line up. */
export function liveWindow(counts: RingBuffer<CountPoint>, latency: Map<string, RingBuffer<LatencyPoint>>): TimeWindow | undefined {
  return timeWindow(extentOf([counts.toArray(), ...[...latency.values()].map((rb) => rb.toArray())]));
}
