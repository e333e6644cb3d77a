/**
 * Schema 8: the History filters read the search file's indexes (sends_filters) for the rows it
 * holds and the rows above its watermark straight from the history file. Every filter gives the
 * same pages, counts, exports, stats and run rows whether the index holds none, some or all of the
 * rows (checked against a plain model of the rows), and deletes never leave an index row behind.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../../../electron/common/contract.js';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore, type SendRecord } from '../../../../electron/services/history/history-store.js';
import type { SearchFilter } from '../../../../electron/services/history/queries.js';
import { searchFileFor } from '../../../../electron/services/history/search-indexer.js';
import { sendRecord } from './records.js';
import { historyDbFiles, indexedIds, pendingTextDeletes, watermark } from './db-files.js';

const dbFile = historyDbFiles('hist-filters-');

/** Row i: some in a run, some bulk, every 13th created long before it was recorded (out of id order). */
function record(i: number): SendRecord {
  const createdAt = 1_700_000_000_000 + (i % 13 === 0 ? i - 300 : i) * 1000;
  return sendRecord(i, {
    createdAt,
    runId: i % 4 === 1 ? (i % 8 === 1 ? 'run-a' : 'run-b') : undefined,
    rowLine: i % 4 === 1 ? i : undefined,
    origin: i % 4 === 1 ? 'bulk' : 'send',
  });
}

const t = (i: number) => 1_700_000_000_000 + i * 1000;
const FILTERS: SearchFilter[] = [
  {},
  { topic: 'TOPIC_1' },
  { status: ['failed'] },
  { status: ['ok', 'failed'], profileId: 'p2' },
  { profileId: 'p1', topic: 'TOPIC_2' },
  { runId: 'run-a' },
  { runId: 'run-b', status: ['failed'] },
  { origin: 'bulk', topic: 'TOPIC_0' },
  { origin: 'send' },
  { from: t(200), to: t(700) },
  { topic: 'TOPIC_2', from: t(100), to: t(1100) },
  { topic: 'TOPIC_1', to: t(150) },
  { profileId: 'p2', from: t(900) },
  // Only punctuation: no word for the full-text index, so a LIKE on the rows (joined to the index).
  { topic: 'TOPIC_0', text: '":' },
];

function matches(r: SendRecord, f: SearchFilter): boolean {
  return (
    (!f.topic || r.topic === f.topic) &&
    (!f.profileId || r.profileId === f.profileId) &&
    (!f.status?.length || f.status.includes(r.status)) &&
    (!f.runId || r.runId === f.runId) &&
    (!f.origin || r.origin === f.origin) &&
    (f.from === undefined || r.createdAt >= f.from) &&
    (f.to === undefined || r.createdAt <= f.to)
  );
}

/** Every filter against the model: paged search, count, export; then stats and run rows. */
function expectExact(s: HistoryStore, rows: Map<number, SendRecord>): void {
  const ids = [...rows.keys()].sort((a, b) => b - a);
  for (const f of FILTERS) {
    const want = ids.filter((id) => matches(rows.get(id)!, f));
    const got: number[] = [];
    let cursor: string | undefined;
    do {
      const page = s.search({ ...f, limit: 37, beforeId: cursor ? Number(cursor) : undefined });
      got.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(got, JSON.stringify(f)).toEqual(want);
    expect(s.count(f), JSON.stringify(f)).toBe(want.length);
    const exported: number[] = [];
    let at: number | undefined;
    do {
      const c = s.exportChunk(f, 'csv', 200, at);
      // CSV: the header comes with the first chunk only.
      exported.push(
        ...c.data
          .split('\n')
          .slice(at === undefined ? 1 : 0)
          .filter(Boolean)
          .map((l) => Number(l.split(',')[0])),
      );
      at = c.nextCursor ? Number(c.nextCursor) : undefined;
    } while (at !== undefined);
    expect(exported, JSON.stringify(f)).toEqual(want);
  }
  const created = [...rows.values()].map((r) => r.createdAt);
  const attempts = [...rows.values()].reduce((n, r) => n + r.attempts.length, 0);
  expect(s.stats()).toMatchObject({ rows: rows.size, attempts, oldestAt: Math.min(...created), newestAt: Math.max(...created) });
  for (const run of ['run-a', 'run-b']) {
    const want = ids
      .filter((id) => rows.get(id)!.runId === run)
      .reverse()
      .map((id) => ({ id, rowLine: rows.get(id)!.rowLine, status: rows.get(id)!.status as HistoryStatus }));
    expect(s.runRows(run)).toEqual(want);
  }
}

/**
 * The index holds exactly the rows at or below its watermark: the filter table at once, the
 * full-text index plus the deleted rows whose entries are queued for the next chunk.
 */
function indexHoldsRowsUpToWatermark(db: Database.Database): void {
  const w = watermark(db);
  const rowIds = (db.prepare('SELECT id FROM sends WHERE id <= ? ORDER BY id').all(w) as { id: number }[]).map((r) => r.id);
  const queued = pendingTextDeletes(db);
  expect(queued.filter((id) => rowIds.includes(id))).toEqual([]);
  expect(indexedIds(db)).toEqual([...rowIds, ...queued].sort((a, b) => a - b));
  expect((db.prepare('SELECT id FROM search.sends_filters ORDER BY id').all() as { id: number }[]).map((r) => r.id)).toEqual(rowIds);
}

describe('filters over the index and the rows above its watermark', () => {
  it('give the same pages, counts, exports, stats and run rows with none, some or all rows indexed, across deletes and retention', () => {
    const { db } = openDatabase(dbFile());
    // No background indexing: only a text search (or close) moves the watermark, so each state is exact.
    const s = new HistoryStore(db, { ftsThread: false, ftsChunkRows: 1e9, ftsMaxDelayMs: 2 ** 31 - 1, timeProbeRows: 100 });
    const rows = new Map<number, SendRecord>();
    const add = (from: number, to: number) => {
      for (let i = from; i <= to; i++) rows.set(s.record(record(i)), record(i));
    };
    add(1, 600);
    expectExact(s, rows); // nothing indexed: every query reads the rows
    expect(watermark(db)).toBe(0);

    expect(s.search({ text: 'key:order-1' }).items.map((r) => r.id)).toEqual([1]); // indexes 1…600
    add(601, 1200);
    expect(watermark(db)).toBe(600);
    expectExact(s, rows); // half indexed: the index below 600, the rows above

    // Deletes of indexed and unindexed rows, and retention by age (which reaches both).
    expect(s.delete([5, 300, 601, 1000, 1200])).toBe(5);
    for (const id of [5, 300, 601, 1000, 1200]) rows.delete(id);
    indexHoldsRowsUpToWatermark(db);
    expectExact(s, rows);

    expect(s.search({ text: 'payload' }).items.length).toBeGreaterThan(0); // indexes the rest
    expect(watermark(db)).toBe(1200); // up to the newest id written (1200 itself was deleted)
    expect(pendingTextDeletes(db)).toEqual([]); // the catch-up applied the queued deletes too
    indexHoldsRowsUpToWatermark(db);
    add(1201, 1300);
    expectExact(s, rows);
    s.close();
    db.close();
  }, 60_000);

  it('retention by row count keeps the newest rows, counted across the index and the rows above it', () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { ftsThread: false, ftsChunkRows: 1e9, ftsMaxDelayMs: 2 ** 31 - 1 });
    for (let i = 1; i <= 300; i++) s.record(record(i));
    s.search({ text: 'key:order-1' }); // indexes 1…300
    for (let i = 301; i <= 700; i++) s.record(record(i));
    s.delete([650]);
    s.setSettings({ maxRows: 250, maxAgeDays: 0 });
    const left = (db.prepare('SELECT id FROM sends ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(left).toEqual(Array.from({ length: 251 }, (_, k) => 450 + k).filter((id) => id !== 650));
    indexHoldsRowsUpToWatermark(db);
    expect(s.stats().rows).toBe(250);
    s.close();
    db.close();
  });

  it('retention by age also deletes old rows the index does not hold yet', () => {
    let now = t(1000);
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { ftsThread: false, ftsChunkRows: 1e9, ftsMaxDelayMs: 2 ** 31 - 1, now: () => now });
    for (let i = 1; i <= 200; i++) s.record(record(i));
    s.search({ text: 'key:order-1' }); // indexes 1…200
    for (let i = 201; i <= 400; i++) s.record(record(i));
    now = t(300) + 86_400_000;
    s.setSettings({ maxRows: 0, maxAgeDays: 1 });
    const left = (db.prepare('SELECT id FROM sends ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(left).toEqual(Array.from({ length: 400 }, (_, k) => k + 1).filter((i) => record(i).createdAt >= t(300)));
    indexHoldsRowsUpToWatermark(db);
    s.close();
    db.close();
  });

  // The delete trigger makes every DELETE on the rows a writer of the search file, so it waits for
  // the chunk the worker is on: a chunk never indexes a row deleted after it read the rows.
  it('deleting rows while the worker indexes them leaves no index row behind', async () => {
    const { db } = openDatabase(dbFile());
    const chunk = 4000;
    // Only full chunks go to the worker (no idle tail): each round hands it one just before the delete.
    const s = new HistoryStore(db, { batchSize: 500, ftsChunkRows: chunk, ftsMaxDelayMs: 60_000 });
    expect(s.indexedByThread).toBe(true);
    const deleted = new Set<number>();
    let next = 1;
    for (let round = 0; round < 12; round++) {
      const ids: number[] = [];
      for (let i = 0; i < chunk; i++) ids.push(s.record(record(next++)));
      await s.whenIdle(); // a full chunk committed: the worker is handed it now
      await new Promise((r) => setTimeout(r, 1 + (round % 4) * 3));
      // Rows of the chunk the worker is most likely indexing right now.
      const gone = ids.filter((_, k) => k % 97 === round % 97);
      s.delete(gone);
      gone.forEach((id) => deleted.add(id));
    }
    const total = next - 1;
    const deadline = Date.now() + 20_000;
    while (s.unindexed > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(s.unindexed).toBe(0);
    // The worker applies the queued full-text deletes by itself.
    while (pendingTextDeletes(db).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(pendingTextDeletes(db)).toEqual([]);
    indexHoldsRowsUpToWatermark(db);
    expect(s.stats().rows).toBe(total - deleted.size);
    expect(s.count({ topic: 'TOPIC_1' })).toBe(
      Array.from({ length: total }, (_, k) => k + 1).filter((id) => !deleted.has(id) && record(id).topic === 'TOPIC_1').length,
    );
    s.close();
    db.close();
  }, 60_000);

  it('a search file of the previous layout (schema 7) is emptied and built again, and the rows lose their filter indexes', () => {
    const file = dbFile();
    const v7 = openDatabase(file, { migrateTo: 7 }).db;
    const old = new HistoryStore(v7, { ftsThread: false });
    for (let i = 1; i <= 50; i++) old.record(record(i));
    old.close();
    v7.close();
    // Make the search file look like schema 7 wrote it: its tables, no layout version.
    const search = openDatabase(searchFileFor(file), { migrateTo: 0 }).db;
    search.exec(`DROP TABLE IF EXISTS index_state; DROP TABLE IF EXISTS sends_filters; DROP TABLE IF EXISTS sends_fts;
      CREATE VIRTUAL TABLE sends_fts USING fts5(keys, tags, msg_id, body_text, props_text, content='', contentless_delete=1);
      CREATE TABLE sends_fts_state (id INTEGER PRIMARY KEY, indexed_upto INTEGER NOT NULL, index_id TEXT NOT NULL);
      INSERT INTO sends_fts_state VALUES (1, 50, 'whatever');
      PRAGMA user_version = 0;`);
    search.close();

    const { db } = openDatabase(file);
    const onRows = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sends' AND sql IS NOT NULL").all() as { name: string }[]
    ).map((r) => r.name);
    expect(onRows.sort()).toEqual(['sends_origin', 'sends_replay_of']);
    const s = new HistoryStore(db, { ftsThread: false, ftsChunkRows: 1e9, ftsMaxDelayMs: 2 ** 31 - 1 });
    const tables = (db.prepare("SELECT name FROM search.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sends_fts_%'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables.sort()).toEqual(['fts_deleted', 'index_state', 'sends_filters', 'sends_fts']);
    expect(watermark(db)).toBe(0);
    expect(s.count({ topic: 'TOPIC_1' })).toBe(17); // from the rows, before the index is built
    expect(s.search({ text: 'key:order-50' }).items.map((r) => r.id)).toEqual([50]);
    expect(watermark(db)).toBe(50);
    indexHoldsRowsUpToWatermark(db);
    expect(s.count({ topic: 'TOPIC_1' })).toBe(17);
    s.close();
    db.close();
  });
});
