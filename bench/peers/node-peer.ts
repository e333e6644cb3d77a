/**
 * The loop every Node peer shares: read commands on stdin, run warm-up then measurement with the
 * case's concurrency, print one result line. Each "sender" is an async loop that awaits its call
 * then issues the next, so `concurrency` calls are in flight at once (sync: senders; async: window).
 * The per-client part is an adapter that turns a case into one `call()` returning the number of
 * messages the acknowledgement covers.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CaseSpec, PeerCommand, PeerResult } from '../protocol.js';
import { LatencyRecorder } from '../stats.js';

export type Call = () => Promise<number>;

export interface NodeClient {
  start(): Promise<void>;
  /** A call for this case, or the reason the client has no API for it. */
  prepare(c: CaseSpec, body: Buffer): Promise<Call | { unsupported: string }>;
  stop(): Promise<void>;
}

interface Phase {
  acked: number;
  calls: number;
  errors: number;
  issued: number;
  firstError: string | undefined;
  durationMs: number;
}

async function phase(call: Call, c: CaseSpec, durationMs: number, maxMessages: number, rec: LatencyRecorder | undefined): Promise<Phase> {
  const p: Phase = { acked: 0, calls: 0, errors: 0, issued: 0, firstError: undefined, durationMs: 0 };
  const begin = performance.now();
  const end = begin + durationMs;
  // Fixed offered rate (oneway): message k is due at begin + k / rate; a sender that is early waits.
  const msPerMessage = c.ratePerSec ? 1000 / c.ratePerSec : 0;
  const sender = async (): Promise<void> => {
    while (performance.now() < end && p.issued < maxMessages) {
      if (msPerMessage) {
        const wait = begin + p.issued * msPerMessage - performance.now();
        if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= end) break;
      }
      p.issued += c.batchSize;
      const t0 = performance.now();
      try {
        const n = await call();
        rec?.record(performance.now() - t0);
        p.acked += n;
        p.calls++;
      } catch (e) {
        p.errors++;
        p.firstError ??= (e as Error).message ?? String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: c.concurrency }, sender));
  p.durationMs = performance.now() - begin;
  return p;
}

async function runCase(client: NodeClient, c: CaseSpec): Promise<PeerResult> {
  const body = readFileSync(c.bodyFile);
  const call = await client.prepare(c, body);
  const empty = { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  if (typeof call !== 'function') {
    return {
      type: 'result',
      caseId: c.id,
      unsupported: call.unsupported,
      acked: 0,
      calls: 0,
      errors: 0,
      warmupAcked: 0,
      attempted: 0,
      durationMs: 0,
      latencyMs: empty,
      cpuMs: 0,
    };
  }
  const warm = await phase(call, c, c.warmupMs, Math.max(c.batchSize, Math.floor(c.maxMessages / 4)), undefined);
  const rec = new LatencyRecorder();
  const cpu0 = process.cpuUsage();
  const m = await phase(call, c, c.measureMs, c.maxMessages, rec);
  const cpu = process.cpuUsage(cpu0);
  return {
    type: 'result',
    caseId: c.id,
    acked: m.acked,
    calls: m.calls,
    errors: m.errors + warm.errors,
    firstError: m.firstError ?? warm.firstError,
    warmupAcked: warm.acked,
    attempted: warm.issued + m.issued,
    durationMs: m.durationMs,
    latencyMs: rec.summary(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function emit(o: unknown): void {
  process.stdout.write(JSON.stringify(o) + '\n');
}

/** Runs a peer until stdin says exit (or closes). Anything a client logs goes to stderr. */
export async function runPeer(client: NodeClient): Promise<void> {
  // Client libraries that log to stdout must not corrupt the protocol.
  const out = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
  console.info = console.log;
  try {
    await client.start();
  } catch (e) {
    out(JSON.stringify({ type: 'failed', error: (e as Error).stack ?? String(e) }) + '\n');
    process.exit(1);
  }
  emit({ type: 'ready' });
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const cmd = JSON.parse(line) as PeerCommand;
    if (cmd.cmd === 'exit') break;
    try {
      emit(await runCase(client, cmd.case));
    } catch (e) {
      emit({ type: 'failed', caseId: cmd.case.id, error: (e as Error).stack ?? String(e) });
    }
  }
  await client.stop().catch(() => {});
  process.exit(0);
}

export function arg(name: string, fallback?: string): string {
  const v = process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
  if (v === undefined) throw new Error(`BENCH_${name.toUpperCase()} is not set`);
  return v;
}
