/**
 * The history's search index lives in its own database file (`<name>.search.db` beside the
 * history file, attached as `search`) and is filled behind the row writer by a worker thread, so
 * indexing runs on the second core instead of the host's event loop (decisions 11 and 14 in
 * docs/history-store.md). It holds the full-text index and the filter columns with their indexes
 * (topic, profile, status, origin, time, run): the history file keeps only the rows, so writing a row is
 * one append. The index is derived data: it can lag, be rebuilt, or be thrown away.
 *
 * - Rows with ids above the watermark `search.index_state.indexed_upto` are indexed in chunks
 *   by INSERT … SELECT; the watermark moves in the same transaction, so index and watermark agree
 *   after any crash. Both writers (the worker, and the host thread catching up before a text
 *   search) read the watermark after taking the search file's write lock, so they never index a row
 *   twice; neither ever locks the history file for writing, so rows and index are written in parallel.
 *   Queries read the rows above the watermark from the history file itself (queries.ts).
 * - Deleting a row deletes its filter row in the same transaction (a TEMP trigger, which may
 *   write to an attached file) and queues its full-text entry for deletion (`fts_deleted`): an FTS5
 *   delete costs ~70 µs a row at 1M rows, which retention at its limit would pay on the host
 *   thread for every row written, so the chunks apply them (on the worker). Until then the entry
 *   matches no row: text searches join the rows. Because of that trigger every DELETE on the rows
 *   takes the search file's write lock when it starts, so it waits for a chunk being indexed and
 *   never runs inside one: a row a chunk has read is never deleted without its index rows.
 * - The index is reset (and rebuilt in the background) when it does not belong to the rows: an
 *   identity token kept in both files differs, or the file has another layout (SEARCH_FORMAT).
 *   A watermark above the newest row (the newest rows were deleted) comes down to it, so an id used
 *   again is indexed again.
 * - Without a file (':memory:') or when the worker cannot run, the same chunks run on the host's
 *   loop, one per turn.
 */
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ownerOnly } from './db-files.js';
import { WORKER_SOURCE, type IndexerWorkerData, type WorkerReport } from './search-index-worker.js';

const COLS = 'keys, tags, msg_id, body_text, props_text';
/** The columns the History filters use (queries.ts): indexed here instead of in the history file. */
export const FILTER_COLS = 'id, created_at, profile_id, topic, status, origin, run_id, attempt_count';
/** The settings key (history file) and state column (search file) that tie the two files together. */
export const SEARCH_INDEX_ID_KEY = 'search_index_id';
/** The index's watermark as an SQL expression: every row at or below it is in both tables of the index. */
export const WATERMARK_SQL = '(SELECT indexed_upto FROM search.index_state WHERE id = 1)';
/** The search file's layout (its user_version): a file of another layout is emptied and rebuilt. */
const SEARCH_FORMAT = 2;

const SCHEMA = `
  CREATE VIRTUAL TABLE search.sends_fts USING fts5(${COLS}, content='', contentless_delete=1, tokenize='unicode61');
  CREATE TABLE search.sends_filters (
    id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, profile_id TEXT NOT NULL, topic TEXT NOT NULL, status TEXT NOT NULL, origin TEXT NOT NULL,
    run_id TEXT, attempt_count INTEGER NOT NULL
  );
  CREATE INDEX search.filters_created ON sends_filters (created_at);
  CREATE INDEX search.filters_topic ON sends_filters (topic, id);
  CREATE INDEX search.filters_topic_created ON sends_filters (topic, created_at);
  CREATE INDEX search.filters_profile ON sends_filters (profile_id, id);
  CREATE INDEX search.filters_status ON sends_filters (status, id);
  CREATE INDEX search.filters_origin ON sends_filters (origin, id);
  CREATE INDEX search.filters_run ON sends_filters (run_id, id) WHERE run_id IS NOT NULL;
  CREATE TABLE search.index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL, index_id TEXT NOT NULL);
  CREATE TABLE search.fts_deleted (id INTEGER PRIMARY KEY);
  PRAGMA search.user_version = ${SEARCH_FORMAT};
`;
/** Every table a search file of any layout may hold (format 1: sends_fts and sends_fts_state). */
const DROP_ALL = `
  DROP TABLE IF EXISTS search.sends_fts;
  DROP TABLE IF EXISTS search.sends_fts_state;
  DROP TABLE IF EXISTS search.sends_filters;
  DROP TABLE IF EXISTS search.index_state;
  DROP TABLE IF EXISTS search.fts_deleted;
`;

/** One chunk, as the worker and the host thread both run it (one source for the SQL). */
export const CHUNK_SQL = {
  /** First statement of the transaction: takes the search file's write lock (and only that one). */
  claim: 'UPDATE search.index_state SET indexed_upto = indexed_upto WHERE id = 1',
  watermark: `SELECT ${WATERMARK_SQL} AS n`,
  insertText: `INSERT INTO search.sends_fts (rowid, ${COLS}) SELECT id, ${COLS} FROM main.sends WHERE id > ? AND id <= ?`,
  insertFilters: `INSERT INTO search.sends_filters (${FILTER_COLS}) SELECT ${FILTER_COLS} FROM main.sends WHERE id > ? AND id <= ?`,
  mark: 'UPDATE search.index_state SET indexed_upto = ? WHERE id = 1',
  /** Deleted rows whose full-text entries are still to go (at most PURGE_ROWS a chunk), oldest first. */
  pendingDeletes: 'SELECT id FROM search.fts_deleted ORDER BY id LIMIT ?',
  deleteText: 'DELETE FROM search.sends_fts WHERE rowid = ?',
  clearDeletes: 'DELETE FROM search.fts_deleted WHERE id <= ?',
} as const;

/** Full-text deletes per chunk: ~70 µs each at 1M rows, so a chunk stays within ~150 ms. */
export const PURGE_ROWS = 2000;

/** The search file for a history file: `workbench.db` → `workbench.search.db`. */
export function searchFileFor(historyFile: string): string {
  return historyFile.replace(/(\.db)?$/, '.search.db');
}

/**
 * Attaches the search file to the history connection, creates or resets its index as needed and
 * installs the delete trigger. Returns the search file ('' for an in-memory history).
 */
export function attachSearchIndex(db: Database.Database): string {
  const file = db.memory || db.name === '' ? '' : searchFileFor(db.name);
  try {
    attach(db, file);
  } catch {
    // Not a usable database (damaged, or not SQLite): it only holds derived data, so start it again.
    if (isAttached(db)) db.exec('DETACH search');
    for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
    attach(db, file);
  }
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS sends_search_ad AFTER DELETE ON main.sends
    WHEN old.id <= ${WATERMARK_SQL} BEGIN
      DELETE FROM search.sends_filters WHERE id = old.id;
      INSERT OR IGNORE INTO search.fts_deleted (id) VALUES (old.id);
    END`);
  return file;
}

const isAttached = (db: Database.Database): boolean => (db.pragma('database_list') as { name: string }[]).some((d) => d.name === 'search');

function attach(db: Database.Database, file: string): void {
  // A store made again on the same connection (after close()) finds it attached already.
  if (!isAttached(db)) {
    if (file) ownerOnly(file);
    db.prepare('ATTACH ? AS search').run(file || ':memory:');
    db.pragma('search.journal_mode = WAL');
    db.pragma('search.synchronous = NORMAL');
  }
  const problems = (db.pragma('search.quick_check') as { quick_check: string }[]).filter((r) => r.quick_check !== 'ok');
  if (problems.length > 0) throw new Error(problems[0]!.quick_check);
  if (db.pragma('search.user_version', { simple: true }) !== SEARCH_FORMAT) {
    // New, or written by another version of the app: its index is rebuilt from the rows.
    db.transaction(() => db.exec(DROP_ALL + SCHEMA))();
  }
  const id = historyIndexId(db);
  const state = db.prepare('SELECT indexed_upto AS n, index_id AS id FROM search.index_state WHERE id = 1').get() as { n: number; id: string } | undefined;
  const newest = (db.prepare('SELECT max(id) AS m FROM main.sends').get() as { m: number | null }).m ?? 0;
  if (state && state.id === id) {
    // The newest rows were deleted (their index rows with them) and their ids will be used again:
    // the watermark comes down, and anything the index still holds above it goes.
    if (state.n > newest) {
      db.transaction(() => {
        db.prepare('DELETE FROM search.sends_fts WHERE rowid > ?').run(newest);
        db.prepare('DELETE FROM search.sends_filters WHERE id > ?').run(newest);
        db.prepare('DELETE FROM search.fts_deleted WHERE id > ?').run(newest);
        db.prepare(CHUNK_SQL.mark).run(newest);
      })();
    }
    return;
  }
  // A new index, or one that does not belong to these rows (another history file, a recovered or
  // restored one): empty it, and index every row again.
  db.transaction(() => {
    db.exec("INSERT INTO search.sends_fts (sends_fts) VALUES ('delete-all'); DELETE FROM search.sends_filters; DELETE FROM search.fts_deleted;");
    db.prepare('INSERT OR REPLACE INTO search.index_state (id, indexed_upto, index_id) VALUES (1, 0, ?)').run(id);
  })();
}

/** The history file's half of the identity token (made on first use). */
function historyIndexId(db: Database.Database): string {
  const row = db.prepare('SELECT value FROM main.settings WHERE key = ?').get(SEARCH_INDEX_ID_KEY) as { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  db.prepare('INSERT INTO main.settings (key, value) VALUES (?, ?)').run(SEARCH_INDEX_ID_KEY, id);
  return id;
}

export interface SearchIndexerOptions {
  /** Rows per index transaction. */
  chunkRows?: number;
  /** Index a tail shorter than a chunk at most this long after it was committed. */
  maxDelayMs?: number;
  /** false: index on the host's loop even when a worker could run (benches compare both). */
  thread?: boolean;
}

export class SearchIndexer {
  private indexedUpTo: number;
  private committedUpTo: number;
  private readonly chunkRows: number;
  private readonly maxDelayMs: number;
  private worker: Worker | undefined;
  /** The highest target handed to the worker (it indexes up to there, chunk by chunk). */
  private posted = 0;
  /** Deletes may be queued for the full-text index (set by deleted(), cleared by a chunk on this thread that found none left). */
  private purging = false;
  private timer: NodeJS.Timeout | undefined;
  private stepScheduled = false;
  private disposed = false;
  private readonly chunkStatements: Record<keyof typeof CHUNK_SQL, Database.Statement>;

  constructor(
    private readonly db: Database.Database,
    opts: SearchIndexerOptions = {},
  ) {
    this.chunkRows = opts.chunkRows ?? 10_000;
    this.maxDelayMs = opts.maxDelayMs ?? 1000;
    const searchFile = attachSearchIndex(db);
    const prepare = (k: keyof typeof CHUNK_SQL): Database.Statement => db.prepare(CHUNK_SQL[k]);
    this.chunkStatements = {
      claim: prepare('claim'),
      watermark: prepare('watermark'),
      insertText: prepare('insertText'),
      insertFilters: prepare('insertFilters'),
      mark: prepare('mark'),
      pendingDeletes: prepare('pendingDeletes'),
      deleteText: prepare('deleteText'),
      clearDeletes: prepare('clearDeletes'),
    };
    this.indexedUpTo = (this.chunkStatements.watermark.get() as { n: number }).n;
    this.committedUpTo = (db.prepare('SELECT max(id) AS m FROM main.sends').get() as { m: number | null }).m ?? 0;
    if (searchFile && opts.thread !== false)
      this.startWorker({ historyFile: db.name, searchFile, chunkRows: this.chunkRows, purgeRows: PURGE_ROWS, sql: CHUNK_SQL });
    this.committed(this.committedUpTo);
  }

  /** Rows committed but not yet in the index. */
  get lag(): number {
    return this.committedUpTo - this.indexedUpTo;
  }

  /** True while a worker thread does the background indexing. */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  /** The writer committed rows up to `lastId`: index a full chunk soon, a short tail when idle. */
  committed(lastId: number): void {
    if (lastId > this.committedUpTo) this.committedUpTo = lastId;
    if (this.disposed) return;
    if (this.committedUpTo - Math.max(this.indexedUpTo, this.posted) >= this.chunkRows) this.step();
    else if (this.lag > 0) this.armIdle();
  }

  /** Rows were deleted: their full-text entries go with the next chunk (soon, even with no new rows). */
  deleted(): void {
    this.purging = true;
    if (!this.disposed) this.step();
  }

  /** Indexes every committed row now, on this thread (before a search that uses the index), and applies queued deletes. */
  catchUp(): void {
    while (this.indexedUpTo < this.committedUpTo || this.purging) this.indexedUpTo = this.indexChunk();
  }

  /**
   * One chunk (the worker runs the same SQL): up to PURGE_ROWS queued full-text deletes, then the
   * rows above the watermark, toward committedUpTo. Returns the new watermark.
   */
  private indexChunk(): number {
    const st = this.chunkStatements;
    return this.db.transaction(() => {
      st.claim.run();
      const gone = st.pendingDeletes.pluck().all(PURGE_ROWS) as number[];
      for (const id of gone) st.deleteText.run(id);
      if (gone.length > 0) st.clearDeletes.run(gone[gone.length - 1]);
      this.purging = gone.length === PURGE_ROWS;
      const from = (st.watermark.get() as { n: number }).n;
      if (from >= this.committedUpTo) return from;
      const to = Math.min(this.committedUpTo, from + this.chunkRows);
      st.insertText.run(from, to);
      st.insertFilters.run(from, to);
      st.mark.run(to);
      return to;
    })();
  }

  /** Stops background indexing (what is left is indexed by the next catch-up or the next start). */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const w = this.worker;
    this.worker = undefined;
    w?.postMessage({ stop: true });
  }

  private startWorker(data: IndexerWorkerData): void {
    // The worker loads the very module this thread uses (by path: an eval worker resolves from the cwd).
    let sqlite: string;
    try {
      sqlite = fileURLToPath(import.meta.resolve('better-sqlite3'));
    } catch {
      return;
    }
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...data, sqlite } });
      w.unref(); // never keeps a host (or a test run) alive; a stopped process leaves the rest to the next start
      w.on('message', (m: WorkerReport) => {
        if ('indexed' in m) this.indexedUpTo = Math.max(this.indexedUpTo, m.indexed);
        else this.fallBack(w);
      });
      w.on('error', () => this.fallBack(w));
      w.on('exit', () => this.fallBack(w));
      this.worker = w;
    } catch {
      this.worker = undefined;
    }
  }

  /** The worker failed or exited: index on this thread from now on. */
  private fallBack(w: Worker): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.posted = 0;
    void w.terminate();
    if (!this.disposed && this.lag > 0) this.step();
  }

  private step(): void {
    if (this.worker) {
      // Any message starts a chunk, and every chunk applies queued deletes first.
      this.posted = this.committedUpTo;
      this.worker.postMessage({ upTo: this.committedUpTo });
      return;
    }
    if (this.stepScheduled) return;
    this.stepScheduled = true;
    setImmediate(() => {
      this.stepScheduled = false;
      if (this.disposed || !this.db.open) return;
      try {
        if (this.lag > 0 || this.purging) this.indexedUpTo = this.indexChunk();
      } catch {
        // e.g. the database is busy: the next commit or search retries
      }
      if (this.lag >= this.chunkRows || this.purging) this.step();
      else if (this.lag > 0) this.armIdle();
    });
  }

  private armIdle(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed && this.lag > 0) this.step();
    }, this.maxDelayMs);
    this.timer.unref();
  }
}
