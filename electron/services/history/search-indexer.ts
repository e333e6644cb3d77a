/**
 * Fills the full-text index (sends_fts, external content over `sends`) behind the row writer, in
 * chunks: the rows with ids above the watermark `sends_fts_state.indexed_upto` are indexed by one
 * INSERT … SELECT per chunk, and the watermark moves in the same transaction, so index and
 * watermark always agree, also after a crash (the rows above it are indexed on the next catch-up).
 *
 * Why not a trigger per row: FTS5 writes a segment per transaction and merges them as they pile
 * up; fed 500 rows per transaction by a trigger it cost ~46 µs of CPU per row, fed 10,000 rows at a
 * time ~8 µs (bench/history-variants.ts, 200k rows). Searches that need the index call catchUp()
 * first, so a row is found as soon as its send is recorded.
 */
import type Database from 'better-sqlite3';

const COLS = 'keys, tags, msg_id, body_text, props_text';

export interface SearchIndexerOptions {
  /** Rows per index transaction (one per event-loop turn in the background). */
  chunkRows?: number;
  /** Index a tail shorter than a chunk at most this long after it was committed. */
  maxDelayMs?: number;
}

export class SearchIndexer {
  private indexedUpTo: number;
  private committedUpTo: number;
  private readonly chunkRows: number;
  private readonly maxDelayMs: number;
  private readonly insert: Database.Statement;
  private readonly mark: Database.Statement;
  private timer: NodeJS.Timeout | undefined;
  private stepScheduled = false;
  private disposed = false;

  constructor(
    private readonly db: Database.Database,
    opts: SearchIndexerOptions = {},
  ) {
    this.chunkRows = opts.chunkRows ?? 10_000;
    this.maxDelayMs = opts.maxDelayMs ?? 1000;
    this.indexedUpTo = (db.prepare('SELECT indexed_upto AS n FROM sends_fts_state WHERE id = 1').get() as { n: number }).n;
    this.committedUpTo = (db.prepare('SELECT max(id) AS m FROM sends').get() as { m: number | null }).m ?? 0;
    this.insert = db.prepare(`INSERT INTO sends_fts (rowid, ${COLS}) SELECT id, ${COLS} FROM sends WHERE id > ? AND id <= ?`);
    this.mark = db.prepare('UPDATE sends_fts_state SET indexed_upto = ? WHERE id = 1');
  }

  /** Rows committed but not yet in the index. */
  get lag(): number {
    return this.committedUpTo - this.indexedUpTo;
  }

  /** The writer committed rows up to `lastId`: index a full chunk soon, a short tail when idle. */
  committed(lastId: number): void {
    if (lastId > this.committedUpTo) this.committedUpTo = lastId;
    if (this.disposed) return;
    if (this.lag >= this.chunkRows) this.scheduleStep();
    else if (this.lag > 0) this.armIdle();
  }

  /** Indexes every committed row now (before a search that uses the index). */
  catchUp(): void {
    while (this.lag > 0) this.indexChunk();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private indexChunk(): void {
    const to = Math.min(this.committedUpTo, this.indexedUpTo + this.chunkRows);
    this.db.transaction(() => {
      this.insert.run(this.indexedUpTo, to);
      this.mark.run(to);
    })();
    this.indexedUpTo = to;
  }

  /** One chunk per event-loop turn, so a long backlog never stalls the loop for more than a chunk. */
  private scheduleStep(): void {
    if (this.stepScheduled) return;
    this.stepScheduled = true;
    setImmediate(() => {
      this.stepScheduled = false;
      if (this.disposed || !this.db.open) return;
      try {
        if (this.lag > 0) this.indexChunk();
      } catch {
        // e.g. the database is busy: the next commit or search retries
      }
      if (this.lag >= this.chunkRows) this.scheduleStep();
      else if (this.lag > 0) this.armIdle();
    });
  }

  private armIdle(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed && this.lag > 0) this.scheduleStep();
    }, this.maxDelayMs);
    this.timer.unref();
  }
}
