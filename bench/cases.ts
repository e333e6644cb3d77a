/** The case matrix of `npm run bench` (and the --quick subset). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseSpec, Mode } from './protocol.js';

export const SIZES = [128, 1024, 4096] as const;

export function sizeLabel(n: number): string {
  return n >= 1024 ? `${n / 1024}KiB` : `${n}B`;
}

/**
 * Bodies are JSON-like text (what most producers send), identical for every peer, so the
 * compressed case compresses the way real payloads do; the seed makes them reproducible.
 */
export function writeBodies(dir: string, sizes: number[]): Map<number, string> {
  mkdirSync(dir, { recursive: true });
  const out = new Map<number, string>();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const words = ['order', 'created', 'payment', 'user', 'amount', 'currency', 'EUR', 'status', 'shipped', 'sku', 'warehouse', 'priority'];
  for (const size of sizes) {
    let s = '';
    let i = 0;
    while (s.length < size)
      s += `{"id":${Math.floor(rnd() * 1e9)},"${words[i++ % words.length]}":"${words[Math.floor(rnd() * words.length)]}-${Math.floor(rnd() * 1e6).toString(36)}"},`;
    const file = join(dir, `body-${size}.bin`);
    writeFileSync(file, Buffer.from(s.slice(0, size), 'utf8'));
    out.set(size, file);
  }
  return out;
}

export interface Timing {
  /** Oneway offered rate, msg/s (see CaseSpec.ratePerSec). */
  onewayRate: number;
  warmupMs: number;
  measureMs: number;
  /** Cap on body bytes per run, to bound the disk the brokers write. */
  maxBytes: number;
}

function spec(mode: Mode, concurrency: number, batchSize: number, bodySize: number, bodies: Map<number, string>, t: Timing, compress = false): CaseSpec {
  const ratePerSec = mode === 'oneway' ? t.onewayRate : undefined;
  const label =
    mode === 'batch' ? `batch${batchSize}x${concurrency}` : mode === 'oneway' ? `oneway${concurrency}@${t.onewayRate / 1000}k` : `${mode}${concurrency}`;
  return {
    id: `${label}-${sizeLabel(bodySize)}${compress ? '-zlib' : ''}`,
    mode,
    concurrency,
    batchSize,
    bodySize,
    bodyFile: bodies.get(bodySize)!,
    compress,
    warmupMs: t.warmupMs,
    measureMs: t.measureMs,
    maxMessages: Math.max(batchSize * 4, Math.min(1_000_000, Math.floor(t.maxBytes / bodySize))),
    ratePerSec,
  };
}

export function buildCases(quick: boolean, bodies: Map<number, string>, t: Timing): CaseSpec[] {
  const out: CaseSpec[] = [];
  const sizes = quick ? [128] : [...SIZES];
  for (const size of sizes) {
    out.push(spec('sync', 1, 1, size, bodies, t));
    if (!quick) out.push(spec('sync', 16, 1, size, bodies, t));
    out.push(spec('sync', 64, 1, size, bodies, t));
    out.push(spec('async', 256, 1, size, bodies, t));
    if (!quick) out.push(spec('async', 1024, 1, size, bodies, t));
    out.push(spec('oneway', 16, 1, size, bodies, t));
    out.push(spec('batch', 8, 16, size, bodies, t));
    if (!quick) out.push(spec('batch', 8, 64, size, bodies, t));
  }
  out.push(spec('sync', 16, 1, 16384, bodies, t, true));
  // Oneway last: Java's sendOneway outruns the brokers (which then drop the overflow) and leaves its
  // client busy draining for a long while, which would skew whatever case came next.
  return [...out.filter((c) => c.mode !== 'oneway'), ...out.filter((c) => c.mode === 'oneway')];
}

/** Ceiling cases against the null broker: serial and a deep pipeline, 128 B. */
export function ceilingCases(bodies: Map<number, string>, t: Timing): CaseSpec[] {
  return [spec('sync', 1, 1, 128, bodies, t), spec('async', 1024, 1, 128, bodies, t)];
}
