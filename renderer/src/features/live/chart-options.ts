/** ECharts options of the Live view; data comes from the live store's ring buffers. */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../../lib/format.js';
import type { CountPoint, LatencyPoint } from '../../stores/live.js';
import type { RingBuffer } from '../../lib/ring-buffer.js';

/** ECharts tooltips are HTML: every name from the cluster is escaped. */
const tooltip = {
  trigger: 'axis',
  formatter(params: { seriesName: string; value: [number, number]; marker: string }[]) {
    if (!params.length) return '';
    const t = new Date(params[0]!.value[0]).toLocaleTimeString();
    return [t, ...params.map((p) => `${p.marker}${escapeHtml(String(p.seriesName))}: ${Number(p.value[1]).toFixed(1)}`)].join('<br/>');
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

export function latencySeries(latency: Map<string, RingBuffer<LatencyPoint>>): EChartsCoreOption {
  const series = [...latency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([broker, rb]) => ({ name: broker, type: 'line', showSymbol: false, sampling: 'lttb', data: rb.toArray().map((p) => [p.at, p.avg]) }));
  return { series };
}

export function countSeries(counts: RingBuffer<CountPoint>): { counts: EChartsCoreOption; throughput: EChartsCoreOption } {
  const pts = counts.toArray();
  return {
    counts: {
      series: [
        { name: 'attempts', type: 'line', showSymbol: false, data: pts.map((p) => [p.at, p.attempts]) },
        { name: 'retries', type: 'line', showSymbol: false, data: pts.map((p) => [p.at, p.retries]), lineStyle: { color: '#e8590c' }, itemStyle: { color: '#e8590c' } },
        { name: 'failed', type: 'line', showSymbol: false, data: pts.map((p) => [p.at, p.failed]), lineStyle: { color: '#c62828' }, itemStyle: { color: '#c62828' } },
      ],
    },
    throughput: { series: [{ name: 'throughput', type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, sampling: 'lttb', data: pts.map((p) => [p.at, p.throughput]) }] },
  };
}
