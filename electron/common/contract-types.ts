/**
 * Response and event payload types of the Workbench API. Plain JSON only: 64-bit offsets are decimal
 * strings, bytes are base64 strings, times are epoch milliseconds.
 */
import type { z } from 'zod';
import type * as S from './contract-schemas.js';
import type * as C from './contract-connection.js';

export type Environment = z.infer<typeof S.Environment>;
export type SendMode = z.infer<typeof S.SendMode>;
export type BodyFormat = z.infer<typeof S.BodyFormat>;
export type ProducerOptions = z.infer<typeof S.ProducerOptions>;
export type ProfileTls = z.infer<typeof C.ProfileTls>;
export type CompressionType = z.infer<typeof C.CompressionType>;
export type ProfileInput = z.input<typeof S.ProfileInput>;
export type SendRequest = z.input<typeof S.SendRequest>;
export type SendTarget = z.infer<typeof S.SendTarget>;
export type MessageDraft = z.input<typeof S.MessageDraft>;
export type HistoryQuery = z.input<typeof S.HistoryQuery>;
export type HistoryStatus = z.infer<typeof S.HistoryStatus>;
export type HistorySettings = z.infer<typeof S.HistorySettings>;
export type TemplateInput = z.input<typeof S.TemplateInput>;
export type TemplateRequest = z.infer<typeof S.TemplateRequest>;
export type BulkStart = z.input<typeof S.BulkStart>;
export type DataFileMapping = z.infer<typeof S.DataFileMapping>;

export interface AppInfo {
  version: string;
  platform: string;
  /** Which host serves this API. */
  host: 'electron' | 'web';
  dataDir: string;
  secretStore: SecretStoreInfo;
}

export interface SecretStoreInfo {
  kind: 'safeStorage' | 'file' | 'memory';
  /** False: secrets are lost when the host stops. */
  persistent: boolean;
  /** Shown to the user when the store is weaker than the OS keychain. */
  warning?: string | undefined;
}

// ── profiles ─────────────────────────────────────────────────────────────────

export interface ProfileView {
  id: string;
  name: string;
  /** Typed NameServer addresses; may be empty when namesrvAddressServer is set. */
  namesrvAddrs: string[];
  /** Java fetchNameServerAddr endpoint: its list replaces namesrvAddrs once it answers. */
  namesrvAddressServer?: string | undefined;
  /** TLS to NameServers and brokers; { enabled: false } for profiles saved before TLS existed (absent means off). */
  tls?: ProfileTls | undefined;
  /** The AccessKey (not secret) when credentials are stored; the SecretKey never leaves the host. */
  accessKey?: string | undefined;
  hasCredentials: boolean;
  namespace?: string | undefined;
  environment: Environment;
  readOnly: boolean;
  env: Record<string, string>;
  /** Effective options, defaults filled in. */
  producer: ProducerOptions;
  createdAt: number;
  updatedAt: number;
}

export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface ConnectionState {
  profileId: string;
  phase: ConnectionPhase;
  /** Producer client id while connected. */
  clientId?: string | undefined;
  error?: ApiErrorShape | undefined;
  since: number;
}

export interface ApiErrorShape {
  name: string;
  code: number;
  retriable: boolean;
  message: string;
}

// ── send ─────────────────────────────────────────────────────────────────────

/** One message with every variable expanded: exactly what goes (or went) on the wire. */
export interface ResolvedMessage {
  topic: string;
  tags?: string | undefined;
  keys?: string[] | undefined;
  properties: Record<string, string>;
  /** Body bytes, base64. */
  bodyBase64: string;
  /** The body as UTF-8 text when it is valid UTF-8. */
  bodyText?: string | undefined;
  bodyFormat: BodyFormat;
  bodySize: number;
  delayLevel?: number | undefined;
  deliverAt?: number | undefined;
}

/** One template variable the host expands (send:variables): the editor completes and documents these. */
export interface TemplateVariableDoc {
  /** What goes between {{ and }}, e.g. "uuid", "randomInt 1 100", "env.NAME" (NAME stands for a name). */
  name: string;
  detail: string;
  /** Snippet text to insert (VS Code snippet syntax) when the variable takes arguments or a name. */
  snippet?: string | undefined;
}

export interface ResolvedSend {
  profileId: string;
  mode: SendMode;
  target: SendTarget;
  timeoutMs?: number | undefined;
  messages: ResolvedMessage[];
}

export interface AttemptView {
  attempt: number;
  brokerName: string;
  addr: string;
  queueId: number;
  latencyMs: number;
  ok: boolean;
  responseCode?: number | undefined;
  error?: string | undefined;
}

export interface SendResultView {
  sendStatus: 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';
  msgId: string;
  offsetMsgId: string;
  topic: string;
  brokerName: string;
  queueId: number;
  /** Decimal string (64-bit). */
  queueOffset: string;
  transactionId?: string | undefined;
  regionId: string;
  brokerAddr: string;
}

export interface SendOutcome {
  /** History row id (0 when the send was not recorded). */
  historyId: number;
  /** ok: SEND_OK; degraded: stored with another status (e.g. FLUSH_DISK_TIMEOUT); unconfirmed: oneway; failed. */
  status: HistoryStatus;
  latencyMs: number;
  attempts: AttemptView[];
  result?: SendResultView | undefined;
  error?: ApiErrorShape | undefined;
  resolved: ResolvedSend;
  /** The trace topic a trace record was queued to (absent: not traced: tracing off, oneway, or failed). */
  traceTopic?: string | undefined;
}

// ── history ──────────────────────────────────────────────────────────────────

export type HistoryOrigin = 'send' | 'replay' | 'bulk' | 'datafile';

/** A history row's mode: a send mode, or a transaction (half message + END_TRANSACTION) or a request (with its reply). */
export type HistoryMode = SendMode | 'transaction' | 'request';

export interface HistorySummary {
  id: number;
  createdAt: number;
  profileId: string;
  profileName: string;
  topic: string;
  tags?: string | undefined;
  keys?: string | undefined;
  mode: HistoryMode;
  messageCount: number;
  status: HistoryStatus;
  sendStatus?: string | undefined;
  msgId?: string | undefined;
  brokerName?: string | undefined;
  queueId?: number | undefined;
  latencyMs: number;
  attemptCount: number;
  errorMessage?: string | undefined;
  origin: HistoryOrigin;
  /** The entry this one replays. */
  replayOf?: number | undefined;
  /** Edit & replay: the entry this send was edited from. */
  originId?: number | undefined;
  /** Bulk or data-file run id. */
  runId?: string | undefined;
  /** Data-file line number. */
  rowLine?: number | undefined;
  /** First 200 characters of the body as text. */
  bodyPreview: string;
  /** A message-trace record was queued for this send (the profile traces, and the broker acknowledged it). */
  traced: boolean;
  /** Where the trace went (RMQ_SYS_TRACE_TOPIC or the profile's topic) when traced. */
  traceTopic?: string | undefined;
}

export interface HistoryEntry extends HistorySummary {
  request: ResolvedSend;
  attempts: AttemptView[];
  result?: SendResultView | undefined;
  error?: ApiErrorShape | undefined;
  /** Replays of this entry (plain and edited), newest first. */
  replays: number[];
  templateId?: string | undefined;
}

export interface HistoryPage {
  items: HistorySummary[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string | undefined;
}

export interface HistoryStats {
  rows: number;
  attempts: number;
  oldestAt?: number | undefined;
  newestAt?: number | undefined;
  fileBytes: number;
  /** Writes waiting in the batched writer. */
  pendingWrites: number;
  /** Set when the database failed its integrity check at start and was recovered. */
  recovered?: { at: number; backupPath: string; detail: string } | undefined;
}

// ── replay ───────────────────────────────────────────────────────────────────

export interface ReplayOutcome {
  outcomes: (SendOutcome & { replayOf: number[] })[];
}

// ── templates ────────────────────────────────────────────────────────────────

export interface Template {
  id: string;
  name: string;
  folder: string;
  tags: string[];
  description: string;
  request: TemplateRequest;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateExportFile {
  /** Suggested file name. */
  fileName: string;
  /** JSON text: { format: "rocketmq-workbench/templates", version: 1, templates: [...] }. */
  content: string;
  count: number;
}

export interface TemplateImportResult {
  imported: Template[];
  skipped: string[];
}
