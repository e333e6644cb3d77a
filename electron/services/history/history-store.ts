/**
 * The send history: named operations over SQLite (no SQL leaves this folder). Writes go through a
 * batched writer: `record()` assigns the row id at once and queues the row; queued rows are written
 * in transactions of up to `batchSize` sends (each send with all its attempts), one transaction per
 * event-loop turn, so tens of thousands of bulk sends never stall the loop. Reads flush first.
 * The search index (full text, and the filters' columns with their indexes) follows the rows in
 * its own file, written by a worker thread (search-indexer.ts); a text search indexes whatever is
 * left first, and a filtered one reads the rows the index does not hold yet directly, so either
 * finds a send as soon as it is recorded.
 */
import type Database from 'better-sqlite3';
import type {
  ApiError,
  AttemptView,
  HistoryEntry,
  HistoryOrigin,
  HistoryPage,
  HistorySettings,
  HistoryStatus,
  HistoryStats,
  HistorySummary,
  ResolvedSend,
  SendMode,
  SendResultView,
} from '../../common/contract.js';
import { countSql, PRUNE_CHUNK, PRUNE_SQL, readRecovery, searchSql, usesFilterIndex, usesFullText, type SearchFilter } from './queries.js';
import { CHUNK_SQL, SearchIndexer, WATERMARK_SQL } from './search-indexer.js';
import { exportLines, type ExportFormat } from './export.js';
import { unpackAttempts, unpackRequest, unpackResult } from './row-codec.js';
import { INSERT_SEND_SQL, sendRowValues } from './send-row.js';

/** What a send writes: the summary's own fields (the contract's shape) plus the full detail. */
export interface SendRecord extends Pick<
  HistorySummary,
  'createdAt' | 'profileId' | 'profileName' | 'topic' | 'tags' | 'keys' | 'mode' | 'messageCount' | 'status'
> {
  latencyMs: number;
  attempts: AttemptView[];
  result?: SendResultView | undefined;
  error?: ApiError | undefined;
  origin: HistoryOrigin;
  replayOf?: number | undefined;
  /** Edit & replay: the entry this send was edited from. */
  originId?: number | undefined;
  runId?: string | undefined;
  rowLine?: number | undefined;
  templateId?: string | undefined;
  /** Searchable body text (first 4 KiB). */
  bodyText: string;
  request: ResolvedSend;
  /** The trace topic a trace record was queued to for this send (absent: not traced). */
  traceTopic?: string | undefined;
}

export const DEFAULT_SETTINGS: HistorySettings = { maxRows: 1_000_000, maxAgeDays: 0 };

interface Row {
  id: number;
  created_at: number;
  profile_id: string;
  profile_name: string;
  topic: string;
  tags: string | null;
  keys: string | null;
  mode: SendMode;
  message_count: number;
  status: HistoryStatus;
  send_status: string | null;
  msg_id: string | null;
  broker_name: string | null;
  queue_id: number | null;
  latency_ms: number;
  attempt_count: number;
  error_message: string | null;
  origin: HistoryOrigin;
  replay_of: number | null;
  origin_id: number | null;
  run_id: string | null;
  row_line: number | null;
  template_id: string | null;
  body_preview: string;
  trace_topic: string | null;
}

const SUMMARY_COLS = `sends.id AS id, created_at, profile_id, profile_name, topic, sends.tags AS tags, sends.keys AS keys, mode, message_count, status, send_status, sends.msg_id AS msg_id, broker_name, queue_id,
  latency_ms, attempt_count, error_message, origin, replay_of, origin_id, run_id, row_line, template_id, substr(sends.body_text, 1, 200) AS body_preview, trace_topic`;

const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toSummary(r: Row): HistorySummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    profileId: r.profile_id,
    profileName: r.profile_name,
    topic: r.topic,
    tags: u(r.tags),
    keys: u(r.keys),
    mode: r.mode,
    messageCount: r.message_count,
    status: r.status,
    sendStatus: u(r.send_status),
    msgId: u(r.msg_id),
    brokerName: u(r.broker_name),
    queueId: u(r.queue_id),
    latencyMs: r.latency_ms,
    attemptCount: r.attempt_count,
    errorMessage: u(r.error_message),
    origin: r.origin,
    replayOf: u(r.replay_of),
    originId: u(r.origin_id),
    runId: u(r.run_id),
    rowLine: u(r.row_line),
    bodyPreview: r.body_preview,
    traced: r.trace_topic !== null,
    traceTopic: u(r.trace_topic),
  };
}

export interface HistoryStoreOptions {
  batchSize?: number;
  /** Called after each committed batch (for the throttled history:changed event). */
  onCommitted?: (added: number, lastId: number) => void;
  recovered?: HistoryStats['recovered'];
  dbFile?: string;
  /** Injected for tests of retention. */
  now?: () => number;
  /** Rows per full-text index transaction (the index follows the rows; see search-indexer.ts). */
  ftsChunkRows?: number;
  /** A tail shorter than a chunk is indexed at most this long after it was committed. */
  ftsMaxDelayMs?: number;
  /** false: index on the host's loop instead of a worker thread (benches compare both). */
  ftsThread?: boolean;
  /** How many newest ids a time-range search reads directly (injected for tests of its plans). */
  timeProbeRows?: number;
}

/** A time-range search first looks at this many newest rows (by id) before it reads the range by time. */
const TIME_PROBE_ROWS = 20_000;

export class HistoryStore {
  private nextId: number;
  private queue: { id: number; r: SendRecord }[] = [];
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private sinceLastPrune = 0;
  private readonly insertSend: Database.Statement;
  private readonly batchSize: number;
  private readonly now: () => number;
  private closed = false;
  private readonly indexer: SearchIndexer;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly opts: HistoryStoreOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.now = opts.now ?? Date.now;
    this.nextId = ((db.prepare('SELECT max(id) AS m FROM sends').get() as { m: number | null }).m ?? 0) + 1;
    this.insertSend = db.prepare(INSERT_SEND_SQL);
    this.indexer = new SearchIndexer(db, { chunkRows: opts.ftsChunkRows, maxDelayMs: opts.ftsMaxDelayMs, thread: opts.ftsThread });
  }

  /** Queues one send (with its attempts) for the next batch; returns its row id immediately. */
  record(r: SendRecord): number {
    if (this.closed) throw new Error('the history store is closed');
    const id = this.nextId++;
    this.queue.push({ id, r });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.writeBatch());
    }
    return id;
  }

  get pending(): number {
    return this.queue.length;
  }

  private readonly writeTx = (items: { id: number; r: SendRecord }[]): void => {
    for (const { id, r } of items) this.insertSend.run(sendRowValues(id, r));
  };
  private readonly tx = (items: { id: number; r: SendRecord }[]): void => this.db.transaction(this.writeTx)(items);

  /** One transaction of up to batchSize sends; yields to the event loop before the next. */
  private writeBatch(): void {
    this.scheduled = false;
    if (this.closed || this.queue.length === 0) return this.notifyIdle();
    const items = this.queue.splice(0, this.batchSize);
    this.commit(items);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.writeBatch());
    } else this.notifyIdle();
  }

  private commit(items: { id: number; r: SendRecord }[]): void {
    this.tx(items);
    this.sinceLastPrune += items.length;
    const lastId = items[items.length - 1]!.id;
    this.indexer.committed(lastId);
    this.opts.onCommitted?.(items.length, lastId);
    if (this.sinceLastPrune >= 5000) {
      this.sinceLastPrune = 0;
      setImmediate(() => {
        if (this.closed || !this.db.open) return;
        try {
          this.prune();
        } catch {
          // retention retries after the next 5000 rows
        }
      });
    }
  }

  private notifyIdle(): void {
    if (this.queue.length > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Writes everything queued, synchronously. */
  flush(): void {
    while (this.queue.length > 0) this.commit(this.queue.splice(0, this.batchSize));
    this.notifyIdle();
  }

  /** Resolves once the queue is empty (written by the background batches). */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Writes the queue; when the filter searches text, also indexes every row written so far. */
  private ready(f: SearchFilter): boolean {
    this.flush();
    const fts = usesFullText(f);
    if (fts) this.indexer.catchUp();
    return fts;
  }

  /** Rows the index does not hold yet (it catches up in the background and before a text search). */
  get unindexed(): number {
    return this.indexer.lag;
  }

  /** True while a worker thread fills the search index (false: it runs on this loop). */
  get indexedByThread(): boolean {
    return this.indexer.threaded;
  }

  search(f: SearchFilter): HistoryPage {
    const fts = this.ready(f);
    const limit = f.limit ?? 50;
    const rows = this.matching(SUMMARY_COLS, f, fts, limit + 1);
    const items = rows.slice(0, limit).map(toSummary);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : undefined };
  }

  /**
   * The first n rows (newest first) the filters match. A text search, or one without an indexed
   * filter, reads the rows directly; otherwise the rows above the index's watermark are read from
   * the history file and the rest through the search file's indexes, in one read transaction.
   * A time range reads at least the newest TIME_PROBE_ROWS ids directly (a recent range fills the
   * page there at once) and the older rows through the time index: walking the id order down to a
   * range far back would touch every newer row.
   */
  private matching(cols: string, f: SearchFilter, fts: boolean, n: number): Row[] {
    if (fts || !usesFilterIndex(f)) return this.rows(searchSql(cols, f, n));
    return this.db.transaction(() => {
      const top = Math.min(this.nextId - 1, f.beforeId !== undefined ? f.beforeId - 1 : Infinity);
      const byTime = f.from !== undefined || f.to !== undefined;
      const watermark = (this.prepared(CHUNK_SQL.watermark).get() as { n: number }).n;
      const split = Math.min(watermark, byTime ? top - (this.opts.timeProbeRows ?? TIME_PROBE_ROWS) : Infinity);
      const tail = split < top ? this.rows(searchSql(cols, f, n, { kind: 'tail', aboveId: split })) : [];
      if (tail.length >= n || split <= 0) return tail;
      return tail.concat(this.rows(searchSql(cols, f, n - tail.length, { kind: 'indexed', atMostId: split, byTime })));
    })();
  }

  /**
   * Statements by SQL text, prepared once: preparing costs more than running a one-row query, and
   * an export reads thousands of entries. Search SQL varies only with which filters are set, so the
   * set stays small; the bound is a guard.
   */
  private prepared(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 128) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private rows(q: { sql: string; params: Record<string, unknown> }): Row[] {
    return this.prepared(q.sql).all(q.params) as Row[];
  }

  get(id: number): HistoryEntry | undefined {
    this.flush();
    const row = this.prepared(
      `SELECT ${SUMMARY_COLS}, offset_msg_id, queue_offset, body_text, request, result, error, attempts_json FROM sends WHERE id = ?`,
    ).get(id) as
      | (Row & {
          offset_msg_id: string | null;
          queue_offset: string | null;
          body_text: string;
          request: string;
          result: string | null;
          error: string | null;
          attempts_json: string | null;
        })
      | undefined;
    if (!row) return undefined;
    const attempts = row.attempts_json !== null ? unpackAttempts(row.attempts_json) : this.attemptRows(id);
    const replays = (this.prepared('SELECT id FROM sends WHERE replay_of = ? OR origin_id = ? ORDER BY id DESC').all(id, id) as { id: number }[]).map(
      (r) => r.id,
    );
    return {
      ...toSummary(row),
      request: unpackRequest(row.request, row.body_text),
      attempts,
      result: row.result ? unpackResult(row.result, row) : undefined,
      error: row.error ? (JSON.parse(row.error) as ApiError) : undefined,
      replays,
      templateId: u(row.template_id),
    };
  }

  /** Attempts of a row written before schema 7 (one `attempts` row each). */
  private attemptRows(id: number): AttemptView[] {
    return (
      this.prepared('SELECT attempt, broker_name, addr, queue_id, latency_ms, ok, response_code, error FROM attempts WHERE send_id = ? ORDER BY attempt').all(
        id,
      ) as {
        attempt: number;
        broker_name: string;
        addr: string;
        queue_id: number;
        latency_ms: number;
        ok: number;
        response_code: number | null;
        error: string | null;
      }[]
    ).map((a): AttemptView => ({
      attempt: a.attempt,
      brokerName: a.broker_name,
      addr: a.addr,
      queueId: a.queue_id,
      latencyMs: a.latency_ms,
      ok: a.ok === 1,
      responseCode: u(a.response_code),
      error: u(a.error),
    }));
  }

  /** How many rows match the filters (no paging). */
  count(f: SearchFilter): number {
    const { sql, params } = countSql(f, this.ready(f));
    return (this.prepared(sql).get(params) as { n: number }).n;
  }

  /**
   * One export chunk, newest first: the rows the filters match (or the given ids), full entries as
   * NDJSON or summary columns as CSV. `cursor` is the last id of the previous chunk.
   */
  exportChunk(
    f: SearchFilter & { ids?: number[] | undefined },
    format: ExportFormat,
    chunkRows: number,
    cursor?: number,
  ): { data: string; rows: number; nextCursor?: string | undefined } {
    const fts = this.ready(f);
    let ids: number[];
    if (f.ids) {
      const sorted = [...new Set(f.ids)].sort((a, b) => b - a).filter((id) => cursor === undefined || id < cursor);
      ids = sorted.slice(0, chunkRows + 1);
    } else {
      // The same plans as search(): a time range far back reads its range, not every newer row.
      ids = this.matching('sends.id AS id', { ...f, beforeId: cursor }, fts, chunkRows + 1).map((r) => r.id);
    }
    const more = ids.length > chunkRows;
    const page = ids.slice(0, chunkRows);
    const entries = page.map((id) => this.get(id)).filter((e): e is HistoryEntry => e !== undefined);
    return { data: exportLines(entries, format, cursor === undefined), rows: entries.length, nextCursor: more ? String(page[page.length - 1]) : undefined };
  }

  /** Rows of one bulk or data-file run, by line (for re-running failed rows). */
  runRows(runId: string): { id: number; rowLine: number | undefined; status: HistoryStatus }[] {
    this.flush();
    return (
      // The run's indexed rows through the search file, the rows above its watermark directly.
      (
        this.prepared(
          `SELECT id, row_line, status FROM sends WHERE id IN (SELECT id FROM search.sends_filters WHERE run_id = @runId)
         UNION ALL SELECT id, row_line, status FROM sends WHERE id > ${WATERMARK_SQL} AND run_id = @runId ORDER BY id`,
        ).all({ runId }) as {
          id: number;
          row_line: number | null;
          status: HistoryStatus;
        }[]
      ).map((r) => ({ id: r.id, rowLine: u(r.row_line), status: r.status }))
    );
  }

  delete(ids: number[]): number {
    this.flush();
    const del = this.prepared('DELETE FROM sends WHERE id = ?');
    const n = this.db.transaction(() => ids.reduce((k, id) => k + del.run(id).changes, 0))();
    if (n > 0) this.indexer.deleted();
    return n;
  }

  getSettings(): HistorySettings {
    const row = this.prepared("SELECT value FROM settings WHERE key = 'retention'").get() as { value: string } | undefined;
    return row ? { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<HistorySettings>) } : { ...DEFAULT_SETTINGS };
  }

  setSettings(s: HistorySettings): HistorySettings {
    this.prepared("INSERT OR REPLACE INTO settings (key, value) VALUES ('retention', ?)").run(JSON.stringify(s));
    this.flush();
    this.prune();
    return this.getSettings();
  }

  /** Applies the retention settings to committed rows, deleting in chunks. Returns the rows deleted. */
  prune(): number {
    const s = this.getSettings();
    let deleted = 0;
    if (s.maxAgeDays > 0) {
      const before = this.now() - s.maxAgeDays * 86_400_000;
      let n: number;
      do deleted += n = this.prepared(PRUNE_SQL.olderThan).run({ before }).changes;
      while (n > 0);
    }
    if (s.maxRows > 0) {
      // Counted through the index (no walk over the table); only the excess rows are read.
      const all = countSql({}, false);
      let excess = (this.prepared(all.sql).get(all.params) as { n: number }).n - s.maxRows;
      while (excess > 0) {
        const n = this.prepared(PRUNE_SQL.oldest).run(Math.min(excess, PRUNE_CHUNK)).changes;
        if (n === 0) break;
        deleted += n;
        excess -= n;
      }
    }
    if (deleted > 0) this.indexer.deleted();
    return deleted;
  }

  stats(): HistoryStats {
    this.flush();
    // The indexed rows through the search file's indexes, the rows above its watermark directly.
    // (Each aggregate alone, so SQLite answers it from an index: count from the smallest, min and
    // max from the time index.) attempt_count holds every row's attempts, wherever they are kept
    // (attempts_json, or the attempts table before schema 7).
    const tail = `FROM sends WHERE id > ${WATERMARK_SQL}`;
    const c = this.prepared(
      `SELECT (SELECT count(*) FROM search.sends_filters) + (SELECT count(*) ${tail}) AS n,
         (SELECT min(t) FROM (SELECT min(created_at) AS t FROM search.sends_filters UNION ALL SELECT min(created_at) ${tail})) AS oldest,
         (SELECT max(t) FROM (SELECT max(created_at) AS t FROM search.sends_filters UNION ALL SELECT max(created_at) ${tail})) AS newest,
         (SELECT coalesce(sum(attempt_count), 0) FROM search.sends_filters) + (SELECT coalesce(sum(attempt_count), 0) ${tail}) AS attempts`,
    ).get() as {
      n: number;
      oldest: number | null;
      newest: number | null;
      attempts: number;
    };
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return {
      rows: c.n,
      attempts: c.attempts,
      oldestAt: u(c.oldest),
      newestAt: u(c.newest),
      fileBytes: pages * size,
      pendingWrites: this.queue.length,
      recovered: this.opts.recovered ?? readRecovery(this.db),
    };
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.indexer.dispose();
    try {
      this.indexer.catchUp();
    } catch {
      // the next start indexes what is left (the watermark is in the database)
    }
    this.closed = true;
  }
}
