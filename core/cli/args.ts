/** Small helpers for CLI options: repeated flags, key=value pairs, numbers with clear errors. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function list(v: string | string[] | boolean | undefined): string[] {
  if (v === undefined || typeof v === 'boolean') return [];
  return Array.isArray(v) ? v : [v];
}

export function pairs(values: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of values) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`${what} must look like name=value (got '${p}')`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export function int(v: string | undefined, what: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${what} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''} (got '${v}')`);
  return n;
}

/** JSON with bigint as decimal strings (64-bit offsets). */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Map ? Object.fromEntries(x) : x));
}
