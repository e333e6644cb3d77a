/** Payload types of long runs (bulk, data files), live telemetry and ops. Plain JSON only. */
import type { ApiErrorShape, SendMode } from './contract-types.js';

// ── bulk and data-file runs ──────────────────────────────────────────────────

export interface LatencyStats {
  count: number;
  min: number;
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RunCounters {
  /** Messages handed to the producer. */
  started: number;
  /** Confirmed SEND_OK (or written, for oneway). */
  sent: number;
  /** Stored with another status (FLUSH_DISK_TIMEOUT, SLAVE_NOT_AVAILABLE…): never counted as plain success. */
  degraded: number;
  failed: number;
}

export interface RunSummary extends RunCounters {
  elapsedMs: number;
  /** sent + degraded per second over the run. */
  throughput: number;
  latency: LatencyStats;
  /** Failures grouped by error name and code. */
  failuresByCause: { cause: string; code: number; count: number; example: string }[];
  perBroker: { brokerName: string; sent: number; failed: number; latency: LatencyStats }[];
  retries: number;
}

export type RunPhase = 'running' | 'done' | 'cancelled' | 'failed';

export interface BulkSnapshot {
  runId: string;
  profileId: string;
  topic: string;
  mode: SendMode;
  phase: RunPhase;
  startedAt: number;
  /** Target: count, or undefined for a duration run. */
  total?: number | undefined;
  durationMs?: number | undefined;
  counters: RunCounters;
  /** Present once the run has ended (and while running, the figures so far). */
  summary: RunSummary;
  error?: ApiErrorShape | undefined;
}

export type BulkProgressEvent = { type: 'progress' | 'done' | 'cancelled' | 'failed' } & BulkSnapshot;

/** A data file the host holds for this session: what the page may show and present back. */
export interface DataFileRef {
  /** Opaque; only the host maps it to a file. */
  handle: string;
  /** The file's name (no folder). */
  fileName: string;
  size: number;
}

export interface DataFileChoice {
  /** null when the user cancelled the dialog. */
  file: DataFileRef | null;
}

export interface DataFileIssue {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface DataFileInspection {
  format: 'csv' | 'ndjson';
  columns: string[];
  rowCount: number;
  sample: Record<string, unknown>[];
  /** Malformed rows: reported, never fatal. */
  issues: DataFileIssue[];
}

export interface DataFileRowOutcome {
  line: number;
  status: 'ok' | 'degraded' | 'unconfirmed' | 'failed' | 'not sent' | 'invalid';
  historyId?: number | undefined;
  msgId?: string | undefined;
  error?: string | undefined;
}

export interface DataFileSnapshot {
  runId: string;
  profileId: string;
  fileName?: string | undefined;
  /** The run this one re-runs the failed rows of. */
  rerunOf?: string | undefined;
  phase: RunPhase;
  startedAt: number;
  totalRows: number;
  counters: RunCounters & { invalid: number };
  summary: RunSummary;
  /** Every row that did not end ok (failed, invalid, degraded), by line. */
  problems: DataFileRowOutcome[];
  error?: ApiErrorShape | undefined;
}

export type DataFileProgressEvent = { type: 'progress' | 'done' | 'cancelled' | 'failed' } & DataFileSnapshot;

// ── live ─────────────────────────────────────────────────────────────────────

export interface BrokerLatency {
  brokerName: string;
  attempts: number;
  errors: number;
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Which Java client's fault-avoidance rules the producer follows (the profile's producer.behaviour). */
export type ProducerBehaviour = 'java-5' | 'java-4.9';

/** One row of the core's fault table, exactly as the producer holds it. */
export interface FaultItemView {
  brokerName: string;
  currentLatency: number;
  /** Host epoch ms until which the broker is avoided. */
  notAvailableUntil: number;
  /** The core's verdict at `FaultTableView.at`. */
  available: boolean;
  /** 5.x: false after a broker error until a success on it; always true with 4.9 rules. */
  reachable: boolean;
  /** = !available; kept for views that only need the flag. */
  isolated: boolean;
}

/** The producer's fault table at one instant of the host's clock (core `faultSnapshot()`). */
export interface FaultTableView {
  behaviour: ProducerBehaviour;
  /** sendLatencyFaultEnable: false ⇒ the producer avoids no broker and the table stays empty. */
  enabled: boolean;
  /** Host epoch ms the snapshot was taken at: countdowns are `notAvailableUntil − at`, never against the renderer's clock. */
  at: number;
  items: FaultItemView[];
}

/** The last time a broker was chosen again after the producer had isolated it. */
export interface BrokerRecovery {
  brokerName: string;
  /** Host epoch ms the isolation window ended (the latest window seen before the return). */
  isolatedUntil: number;
  /** Host epoch ms of the first successful attempt on the broker after that isolation began. */
  chosenAgainAt: number;
}

export interface LiveProfileTick {
  profileId: string;
  /** Sends ended in this tick. */
  sends: number;
  ok: number;
  failed: number;
  attempts: number;
  retries: number;
  /** Messages per second over this tick. */
  throughput: number;
  /** Brokers with at least one attempt in this tick (none: no entry, never zeros). */
  latencyByBroker: BrokerLatency[];
  /** = faultTable.items. */
  faults: FaultItemView[];
  faultTable: FaultTableView;
  /** Per broker, its latest return from isolation since the profile connected. */
  recoveries: BrokerRecovery[];
  heartbeats: { brokerName: string; addr: string; ok: boolean; at: number; error?: string | undefined }[];
}

export interface LiveTick {
  at: number;
  /** Length of the window this tick covers, ms. */
  windowMs: number;
  profiles: LiveProfileTick[];
}

export interface RouteChangedEvent {
  profileId: string;
  topic: string;
  before?: string | undefined;
  after: string;
  added: string[];
  removed: string[];
  at: number;
}

export interface SocketEvent {
  profileId: string;
  type: 'opened' | 'closed';
  addr: string;
  error?: string | undefined;
  at: number;
}

export interface HistoryChangedEvent {
  /** Rows committed since the last event. */
  added: number;
  lastId: number;
  at: number;
}
