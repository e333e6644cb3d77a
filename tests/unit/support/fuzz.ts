/**
 * Parameters for every fast-check property in the unit suite, so each run can be replayed:
 * - FUZZ_SEED: the seed (default: a fresh random one per property); always printed before the run.
 * - FUZZ_RUNS: cases per property (default: the property's quick count, kept small so the unit
 *   suite stays fast); `npm run fuzz` sets 100 000.
 * A failing property also prints fast-check's own seed and counterexample path.
 */
import type { Parameters } from 'fast-check';

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${raw} is not an integer`);
  return n;
}

const fixedSeed = envInt('FUZZ_SEED');
const fixedRuns = envInt('FUZZ_RUNS');

/** True under `npm run fuzz` (FUZZ_RUNS set): tests get a long timeout. */
export const FUZZ_LONG = fixedRuns !== undefined && fixedRuns > 5000;

/** Vitest timeout for a property test: the default for the quick subset, generous for the full fuzz. */
export const PROPERTY_TIMEOUT_MS = FUZZ_LONG ? 60 * 60 * 1000 : 30_000;

/** fast-check parameters for one property; prints its seed and case count. */
export function fuzzParams<T = unknown>(name: string, quickRuns: number, extra: Parameters<T> = {}): Parameters<T> {
  const seed = fixedSeed ?? (Math.random() * 2 ** 31) | 0;
  const numRuns = fixedRuns ?? quickRuns;
  console.log(`[fuzz] ${name}: seed=${seed} numRuns=${numRuns} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns})`);
  return { ...extra, seed, numRuns };
}
