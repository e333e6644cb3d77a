/**
 * Exact latency percentiles (nearest rank over every sample, no bucketing): samples are kept in a
 * growable Float64Array and sorted once at the end. The Java driver uses the same method.
 */
import type { Latency } from './protocol.js';

export class LatencyRecorder {
  private buf = new Float64Array(1 << 16);
  private n = 0;

  record(ms: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  summary(): Latency {
    return percentiles(this.buf.subarray(0, this.n));
  }
}

/** Nearest-rank percentiles: p-th = the ceil(p/100 · n)-th smallest sample. */
export function percentiles(samples: Float64Array): Latency {
  const n = samples.length;
  if (n === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[n - 1]! };
}
