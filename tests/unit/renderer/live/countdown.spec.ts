import { describe, expect, it } from 'vitest';
import { fmtRemaining, remainingMs, remainingShare } from '../../../../renderer/src/features/live/countdown.js';

describe('fault-window countdown', () => {
  it('is taken against the host time of the snapshot, not the renderer clock', () => {
    // host clock at 1_000_000; the renderer's wall clock could be anything — it is never read
    expect(remainingMs(1_010_000, 1_000_000, 50, 50)).toBe(10_000);
  });

  it('counts down on the renderer monotonic clock from when the snapshot arrived', () => {
    expect(remainingMs(1_010_000, 1_000_000, 50, 2_550)).toBe(7_500);
    expect(remainingMs(1_010_000, 1_000_000, 50, 20_000)).toBe(0);
  });

  it('a window already past at the snapshot is 0; a monotonic clock going back counts as no time passed', () => {
    expect(remainingMs(999_000, 1_000_000, 0, 0)).toBe(0);
    expect(remainingMs(1_010_000, 1_000_000, 500, 100)).toBe(10_000);
  });

  it('host and renderer clocks far apart change nothing', () => {
    const hostAt = 1_700_000_000_000; // host epoch ms
    expect(remainingMs(hostAt + 600_000, hostAt, 123_456.7, 123_456.7 + 1_000)).toBe(599_000);
  });

  it('bar share of the window', () => {
    expect(remainingShare(5_000, 110_000, 100_000)).toBe(0.5);
    expect(remainingShare(0, 110_000, 100_000)).toBe(0);
    expect(remainingShare(5_000, 110_000, 110_000)).toBe(1);
  });

  it('formats seconds, and minutes for 4.9-length windows', () => {
    expect(fmtRemaining(9_400)).toBe('9.4 s');
    expect(fmtRemaining(599_000)).toBe('9 min 59 s');
    expect(fmtRemaining(59_990)).toBe('1 min 00 s');
  });
});
