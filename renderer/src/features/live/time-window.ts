/**
 * The time axis of the Live charts: it spans the data, not ECharts' default for sparse time data
 * (a single point gave a window of days). Short data gets a minimum window centred on it.
 */

export interface TimeWindow {
  min: number;
  max: number;
}

/** A single send shows ±30 s around it. */
export const MIN_WINDOW_MS = 60_000;
/** Padding on each side of a longer run, as a share of its span. */
export const PAD_SHARE = 0.02;

/** Earliest and latest time over several time-ordered series; undefined when all are empty. */
export function extentOf(series: readonly (readonly { at: number }[])[]): TimeWindow | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    if (!s.length) continue;
    min = Math.min(min, s[0]!.at);
    max = Math.max(max, s[s.length - 1]!.at);
  }
  return min <= max ? { min, max } : undefined;
}

export function timeWindow(extent: TimeWindow | undefined, minWindowMs = MIN_WINDOW_MS): TimeWindow | undefined {
  if (!extent) return undefined;
  const span = extent.max - extent.min;
  if (span < minWindowMs) {
    const mid = (extent.min + extent.max) / 2;
    return { min: Math.floor(mid - minWindowMs / 2), max: Math.ceil(mid + minWindowMs / 2) };
  }
  const pad = span * PAD_SHARE;
  return { min: Math.floor(extent.min - pad), max: Math.ceil(extent.max + pad) };
}
