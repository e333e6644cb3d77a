/** Small statistics helpers shared by the live ticks and the run summaries. */
import type { LatencyStats } from '../common/contract.js';

/** Percentile by nearest rank over a sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

export function latencyStats(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, min: 0, avg: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const s = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of s) sum += v;
  const arr = Array.from(s);
  return {
    count: s.length,
    min: r2(s[0]!),
    avg: r2(sum / s.length),
    p50: r2(percentile(arr, 50)),
    p95: r2(percentile(arr, 95)),
    p99: r2(percentile(arr, 99)),
    max: r2(s[s.length - 1]!),
  };
}

/**
 * Keeps at most `cap` samples, uniformly chosen (reservoir sampling), so percentiles of a
 * million-message run cost bounded memory.
 */
export class Reservoir {
  private readonly data: number[] = [];
  private seen = 0;
  constructor(private readonly cap = 100_000) {}
  add(v: number): void {
    this.seen++;
    if (this.data.length < this.cap) this.data.push(v);
    else {
      const j = Math.floor(Math.random() * this.seen);
      if (j < this.cap) this.data[j] = v;
    }
  }
  get count(): number {
    return this.seen;
  }
  stats(): LatencyStats {
    return { ...latencyStats(this.data), count: this.seen };
  }
}
