import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../renderer/src/lib/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const rb = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) rb.push(i);
    expect(rb.size).toBe(3);
    expect(rb.toArray()).toEqual([3, 4, 5]);
    expect(rb.last()).toBe(5);
  });

  it('stays bounded over a long run and clears', () => {
    const rb = new RingBuffer<number>(100);
    for (let i = 0; i < 100_000; i++) rb.push(i);
    expect(rb.size).toBe(100);
    expect(rb.toArray()[0]).toBe(99_900);
    rb.clear();
    expect(rb.size).toBe(0);
    expect(rb.last()).toBeUndefined();
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be positive/);
    expect(() => new RingBuffer(-1)).toThrow(/capacity must be positive/);
    expect(() => new RingBuffer(Number.NaN)).toThrow(/capacity must be positive/);
  });
});
