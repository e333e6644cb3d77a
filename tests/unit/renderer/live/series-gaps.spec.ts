import { describe, expect, it } from 'vitest';
import { gapCount, hasGapBetween, LONE_POINT_SYMBOL, withGaps } from '../../../../renderer/src/features/live/series-gaps.js';

/** Ticks every 500 ms: a kept tick ending at `at` covers (at − 500, at]. */
const tick = (at: number, v: number) => ({ at, windowMs: 500, v });

describe('series gaps', () => {
  it('back-to-back ticks join into one line', () => {
    const d = withGaps([tick(1000, 1), tick(1500, 2), tick(2000, 3)], (p) => p.v);
    expect(d).toEqual([
      [1000, 1],
      [1500, 2],
      [2000, 3],
    ]);
    expect(gapCount(d)).toBe(0);
  });

  it('idle ticks between two samples break the line with a null (no slope across idle time)', () => {
    const d = withGaps([tick(1000, 1), tick(1500, 2), tick(9000, 5), tick(9500, 6)], (p) => p.v);
    expect(d).toEqual([
      [1000, 1],
      [1500, 2],
      [1501, null],
      [9000, 5],
      [9500, 6],
    ]);
    expect(gapCount(d)).toBe(1);
  });

  it('one missing tick is a gap; jitter in tick length is not', () => {
    expect(hasGapBetween({ at: 1000, windowMs: 500 }, { at: 2000, windowMs: 500 })).toBe(true);
    // timer jitter: the next window starts 3 ms after the previous end
    expect(hasGapBetween({ at: 1000, windowMs: 500 }, { at: 1503, windowMs: 500 })).toBe(false);
    // a late tick covers the whole interval: nothing unaccounted for
    expect(hasGapBetween({ at: 1000, windowMs: 500 }, { at: 1900, windowMs: 900 })).toBe(false);
  });

  it('a lone point (one send) gets a visible symbol; joined points do not', () => {
    const one = withGaps([tick(5000, 7)], (p) => p.v);
    expect(one).toEqual([{ value: [5000, 7], symbolSize: LONE_POINT_SYMBOL }]);
    const d = withGaps([tick(1000, 1), tick(1500, 2), tick(9000, 5)], (p) => p.v);
    expect(d[3]).toEqual({ value: [9000, 5], symbolSize: LONE_POINT_SYMBOL });
    expect(d[0]).toEqual([1000, 1]);
  });

  it('no points, no data', () => {
    expect(withGaps([], () => 0)).toEqual([]);
  });
});
