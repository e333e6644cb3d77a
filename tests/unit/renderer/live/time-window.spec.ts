import { describe, expect, it } from 'vitest';
import { extentOf, MIN_WINDOW_MS, timeWindow } from '../../../../renderer/src/features/live/time-window.js';

const T = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('time window', () => {
  it('a single send shows ±30 s around it, not days', () => {
    expect(timeWindow({ min: T, max: T })).toEqual({ min: T - 30_000, max: T + 30_000 });
  });

  it('a short burst is centred in the minimum window', () => {
    const w = timeWindow({ min: T, max: T + 10_000 })!;
    expect(w.max - w.min).toBe(MIN_WINDOW_MS);
    expect((w.min + w.max) / 2).toBe(T + 5_000);
  });

  it('a long run spans the run with a little padding', () => {
    const w = timeWindow({ min: T, max: T + 600_000 })!;
    expect(w).toEqual({ min: T - 12_000, max: T + 612_000 });
  });

  it('no data: no window (the axis chooses)', () => {
    expect(timeWindow(undefined)).toBeUndefined();
    expect(extentOf([[], []])).toBeUndefined();
  });

  it('the extent covers every series', () => {
    expect(extentOf([[{ at: 5 }, { at: 9 }], [], [{ at: 2 }, { at: 7 }]])).toEqual({ min: 2, max: 9 });
  });
});
