/**
 * The line protocol between the orchestrator (bench/run.ts) and each peer process. Every peer —
 * Node or Java — is a long-lived child process: it prints `{"type":"ready"}` once connected, then
 * for each `{"cmd":"run","case":…}` line on stdin runs warm-up + measurement and prints one
 * `{"type":"result",…}` line; `{"cmd":"exit"}` shuts it down. CPU is the peer's own process CPU
 * (process.cpuUsage / OperatingSystemMXBean.getProcessCpuTime) over the measured phase only.
 */
export type Mode = 'sync' | 'async' | 'oneway' | 'batch';

export interface CaseSpec {
  id: string;
  mode: Mode;
  /** sync/batch: concurrent senders; async: in-flight window; oneway: senders. */
  concurrency: number;
  /** Messages per call (batch) — 1 otherwise. */
  batchSize: number;
  bodySize: number;
  /** File holding the body bytes (identical for every peer). */
  bodyFile: string;
  /** Compression on (threshold 4096, zlib level 5) — off in every other case. */
  compress: boolean;
  warmupMs: number;
  measureMs: number;
  /** Stop early after this many messages (keeps the disk footprint bounded). */
  maxMessages: number;
  /**
   * Offered rate (messages per second, all senders together), oneway only. A oneway flood measures
   * how fast a client can drop messages into a socket the broker then discards; at a fixed rate the
   * brokers can store, the stored rate and drop share compare what each client delivers.
   */
  ratePerSec?: number | undefined;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PeerResult {
  type: 'result';
  caseId: string;
  /** Set when the peer cannot run this case at all (no API for it). */
  unsupported?: string;
  /** Messages acknowledged (oneway: written) during the measured phase. */
  acked: number;
  /** Calls acknowledged (batch: one per batch). */
  calls: number;
  errors: number;
  firstError?: string | undefined;
  /** Messages acknowledged during warm-up (also stored by the broker). */
  warmupAcked: number;
  /** Messages issued in warm-up + measurement, acknowledged or not. */
  attempted: number;
  durationMs: number;
  /** Per call, call → acknowledgement, milliseconds. */
  latencyMs: Latency;
  cpuMs: number;
}

export type PeerCommand = { cmd: 'run'; case: CaseSpec } | { cmd: 'exit' };

/** Client CPU seconds per 100k messages. */
export function cpuPer100k(r: PeerResult): number {
  return r.acked > 0 ? (r.cpuMs / 1000) * (100_000 / r.acked) : NaN;
}
