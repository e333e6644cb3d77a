/**
 * Line data with explicit breaks. The store keeps only ticks that had samples; where ticks without
 * samples lay between two kept points, a `null` point is inserted so the line breaks there
 * (ECharts `connectNulls: false`) instead of drawing a slope across idle time.
 */

/** A kept tick: `at` is the tick's end (host epoch ms), `windowMs` the length it covers. */
export interface TickSample {
  at: number;
  windowMs: number;
}

/** A lone point (no neighbour on either side) gets a visible symbol: a line needs two points. */
export type LinePoint = [number, number | null] | { value: [number, number]; symbolSize: number };

export const LONE_POINT_SYMBOL = 6;

/** True when ticks without samples lie between `prev` and `next` (more than half a tick unaccounted for). */
export function hasGapBetween(prev: TickSample, next: TickSample): boolean {
  const unaccounted = next.at - next.windowMs - prev.at;
  return unaccounted > Math.max(1, next.windowMs / 2);
}

/** Points in time order with a null wherever samples were missing; lone points carry a symbol. */
export function withGaps<P extends TickSample>(points: readonly P[], value: (p: P) => number): LinePoint[] {
  const out: LinePoint[] = [];
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const gapBefore = i === 0 || hasGapBetween(points[i - 1]!, p);
    const gapAfter = i === n - 1 || hasGapBetween(p, points[i + 1]!);
    if (i > 0 && gapBefore) {
      // the break sits where the first sample-less tick began
      out.push([points[i - 1]!.at + 1, null]);
    }
    const v = value(p);
    out.push(gapBefore && gapAfter ? { value: [p.at, v], symbolSize: LONE_POINT_SYMBOL } : [p.at, v]);
  }
  return out;
}

/** How many breaks a line has (what the e2e test reads from the chart's own data). */
export function gapCount(data: readonly LinePoint[]): number {
  let n = 0;
  for (const d of data) if (Array.isArray(d) && d[1] === null) n++;
  return n;
}
