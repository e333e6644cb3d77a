/**
 * Schema 6: the full-text index follows the rows in chunks (search-indexer.ts). Rows and index
 * agree after batched writes, deletes and a kill -9; a text search right after record() finds the
 * send; a version-5 database keeps its rows and their index; time-range searches stay exact on
 * both of their plans.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { SCHEMA_VERSION } from '../../../../electron/services/history/migrations.js';
import { attachSearchIndex } from '../../../../electron/services/history/search-indexer.js';
import { sendRecord } from './records.js';
import { historyDbFiles, indexedIds, watermark } from './db-files.js';
import { killWriterAfter } from './kill-writer.js';

const dbFile = historyDbFiles('hist-idx-');

/**
 * The index holds exactly the rows, and its watermark is at or above the newest row: FTS5's
 * own check of the index structure, then its rowids against the rows (a contentless index keeps
 * no text to compare; the searches in each test check that rows are found by their words).
 */
function indexMatchesRows(db: Database.Database): void {
  indexSound(db);
  const newest = (db.prepare('SELECT max(id) AS m FROM sends').get() as { m: number | null }).m ?? 0;
  expect(watermark(db)).toBeGreaterThanOrEqual(newest); // above it only when the newest rows were deleted
  expect(indexedIds(db)).toEqual((db.prepare('SELECT id FROM sends ORDER BY id').all() as { id: number }[]).map((r) => r.id));
}
/** The index is sound in itself (it may lack rows above the watermark, not yet indexed), and holds no row above it. */
function indexSound(db: Database.Database): void {
  db.prepare("INSERT INTO search.sends_fts (sends_fts) VALUES ('integrity-check')").run();
  expect(indexedIds(db).every((id) => id <= watermark(db))).toBe(true);
}
const ftsIds = (db: Database.Database, q: string) =>
  (db.prepare('SELECT rowid AS id FROM search.sends_fts WHERE sends_fts MATCH ? ORDER BY rowid').all(q) as { id: number }[]).map((r) => r.id);

describe('full-text index filled in chunks', () => {
  it('index and rows agree after batched background writes, and every row is found', async () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { batchSize: 200, ftsChunkRows: 1000, ftsMaxDelayMs: 10 });
    for (let i = 1; i <= 5000; i++) s.record(sendRecord(i));
    await s.whenIdle();
    // The background indexer runs one chunk per turn and a short tail after ftsMaxDelayMs.
    const deadline = Date.now() + 20_000;
    while (s.unindexed > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.unindexed).toBe(0);
    expect(watermark(db)).toBe(5000);
    indexMatchesRows(db);
    for (const i of [1, 999, 1000, 1001, 2500, 4999, 5000]) expect(s.search({ text: `key:order-${i}` }).items.map((r) => r.id)).toEqual([i]);
    expect(s.count({ text: 'key:k3' })).toBe(Array.from({ length: 5000 }, (_, i) => i + 1).filter((i) => i % 7 === 3).length);
    db.close();
  }, 60_000);

  it('a text search right after record() finds the send (the index catches up first)', () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { ftsChunkRows: 100_000 });
    for (let i = 1; i <= 300; i++) s.record(sendRecord(i));
    s.flush();
    expect(s.unindexed).toBe(300); // written, not yet indexed: the chunk is far from full
    expect(ftsIds(db, '"order-300"')).toEqual([]);
    const id = s.record(sendRecord(301, { keys: 'just-sent-key', bodyText: '{"note":"zebra-crossing"}' }));
    expect(s.search({ text: 'just-sent-key' }).items.map((r) => r.id)).toEqual([id]);
    expect(s.unindexed).toBe(0);
    expect(s.search({ text: 'zebra' }).items.map((r) => r.id)).toEqual([id]);
    expect(s.count({ text: 'key:just-sent-key' })).toBe(1);
    const chunk = s.exportChunk({ text: 'key:order-300' }, 'ndjson', 10);
    expect(chunk.rows).toBe(1);
    indexMatchesRows(db);
    db.close();
  });

  it('deleting and pruning rows the index does not hold yet leaves index and rows in agreement', () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { ftsChunkRows: 100_000 });
    for (let i = 1; i <= 400; i++) s.record(sendRecord(i));
    expect(s.search({ text: 'key:order-1' }).items.map((r) => r.id)).toEqual([1]); // indexes 1…400
    for (let i = 401; i <= 800; i++) s.record(sendRecord(i));
    s.flush();
    expect(s.unindexed).toBe(400);
    // One indexed row and two unindexed ones deleted by hand, then retention cuts below 601.
    expect(s.delete([10, 500, 700])).toBe(3);
    s.setSettings({ maxRows: 200, maxAgeDays: 0 });
    indexSound(db);
    expect(s.unindexed).toBeGreaterThan(0);
    expect(s.search({ text: 'key:order-700' }).items).toEqual([]);
    expect(s.unindexed).toBe(0);
    indexMatchesRows(db);
    expect(s.search({ text: 'key:order-10' }).items).toEqual([]);
    expect(s.search({ text: 'key:order-800' }).items.map((r) => r.id)).toEqual([800]);
    expect(s.count({ text: 'payload' })).toBe(s.stats().rows);
    indexMatchesRows(db);
    db.close();
  });

  it('close() indexes the tail; a store opened later starts from the watermark in the database', () => {
    const file = dbFile();
    const first = openDatabase(file).db;
    const a = new HistoryStore(first, { ftsChunkRows: 100_000 });
    for (let i = 1; i <= 50; i++) a.record(sendRecord(i));
    a.close();
    expect(watermark(first)).toBe(50);
    // Rows written without the indexer (as a kill -9 would leave them): the next store catches up.
    const b = new HistoryStore(first, { ftsChunkRows: 100_000 });
    for (let i = 51; i <= 60; i++) b.record(sendRecord(i));
    b.flush();
    first.close();
    const { db } = openDatabase(file);
    attachSearchIndex(db);
    expect(watermark(db)).toBe(50);
    const c = new HistoryStore(db);
    expect(c.search({ text: 'key:order-60' }).items.map((r) => r.id)).toEqual([60]);
    expect(watermark(db)).toBe(60);
    indexMatchesRows(db);
    db.close();
  });

  it('kill -9 with rows not yet indexed: the reopened database is sound and search finds every committed row', async () => {
    const file = dbFile();
    const lastCommitted = await killWriterAfter(file, 12_000);

    const { db, recovered } = openDatabase(file);
    expect(recovered).toBeUndefined();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const max = (db.prepare('SELECT max(id) AS m FROM sends').get() as { m: number }).m;
    expect(max).toBeGreaterThanOrEqual(lastCommitted);
    attachSearchIndex(db);
    expect(watermark(db)).toBeLessThanOrEqual(max);
    indexSound(db); // whatever the index had reached when the process died
    const s = new HistoryStore(db);
    expect(s.search({ text: `key:order-${lastCommitted}` }).items.map((r) => r.id)).toEqual([lastCommitted]);
    expect(s.search({ text: `key:order-${max}` }).items.map((r) => r.id)).toEqual([max]);
    expect(watermark(db)).toBe(max);
    indexMatchesRows(db);
    db.close();
  }, 60_000);
});

describe('migrations 6 and 7', () => {
  it('keep the rows of a version-5 database and their attempts; the index is built again in its own file and follows later rows and deletes', () => {
    const file = dbFile();
    const v5 = openDatabase(file, { migrateTo: 5 }).db;
    expect(v5.pragma('user_version', { simple: true })).toBe(5);
    // Rows as a v5 app wrote them: its insert trigger indexed each one, attempts in their own table.
    const ins = v5.prepare(
      `INSERT INTO sends (id, created_at, profile_id, profile_name, topic, tags, keys, mode, message_count, status, latency_ms, attempt_count, origin, body_text, props_text, request, trace_topic)
       VALUES (?, ?, 'p1', 'one', ?, ?, ?, 'sync', 1, 'ok', 3, 1, 'send', ?, ?, ?, ?)`,
    );
    const att = v5.prepare("INSERT INTO attempts (send_id, attempt, broker_name, addr, queue_id, latency_ms, ok) VALUES (?, 1, 'broker-a', 'a:1', 0, 3, 1)");
    for (let i = 1; i <= 40; i++) {
      const r = sendRecord(i);
      ins.run(
        i,
        r.createdAt,
        r.topic,
        r.tags,
        r.keys,
        r.bodyText,
        i === 7 ? 'vermilion' : '',
        JSON.stringify(r.request),
        i === 3 ? 'RMQ_SYS_TRACE_TOPIC' : null,
      );
      att.run(i);
    }
    v5.close();

    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mainTables = (db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sends_fts%'").all() as { name: string }[]).map((r) => r.name);
    expect(mainTables).toEqual([]);
    const s = new HistoryStore(db, { ftsChunkRows: 100_000 });
    expect(watermark(db)).toBe(0); // a new index: built in the background, or by the first text search
    expect(s.stats()).toMatchObject({ rows: 40, attempts: 40 });
    expect(s.search({ text: 'key:order-17' }).items.map((r) => r.id)).toEqual([17]);
    expect(s.search({ text: 'vermilion' }).items.map((r) => r.id)).toEqual([7]);
    expect(s.get(3)).toMatchObject({ traceTopic: 'RMQ_SYS_TRACE_TOPIC', attempts: [{ attempt: 1, brokerName: 'broker-a', addr: 'a:1', ok: true }] });
    const id = s.record(sendRecord(45)); // every 5th send: two attempts, kept in the row
    expect(s.get(id)!.attempts).toEqual(sendRecord(45).attempts);
    expect(s.stats()).toMatchObject({ rows: 41, attempts: 42 });
    expect(s.search({ text: 'key:order-45' }).items.map((r) => r.id)).toEqual([id]);
    expect(s.delete([17, id])).toBe(2);
    expect(s.search({ text: 'key:order-17' }).items).toEqual([]);
    indexMatchesRows(db);
    db.close();
  });
});

describe('time-range search', () => {
  it('search and export are exact on both plans (newest ids, then the time index), with rows out of time order and keyset paging', () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { batchSize: 5000 });
    const N = 26_000; // more than the 20,000 newest rows the first plan looks at
    // Every 97th send started long before it was recorded (a slow send): its created_at is out of id order.
    const createdAt = (i: number) => 1_700_000_000_000 + (i % 97 === 0 ? i - 20_000 : i) * 1000;
    for (let i = 1; i <= N; i++) s.record(sendRecord(i, { createdAt: createdAt(i) }));
    s.flush();
    const all = Array.from({ length: N }, (_, k) => N - k);
    const expectSame = (f: { topic?: string; from?: number; to?: number }, limit: number) => {
      const want = all.filter(
        (i) => (!f.topic || `TOPIC_${i % 3}` === f.topic) && (f.from === undefined || createdAt(i) >= f.from) && (f.to === undefined || createdAt(i) <= f.to),
      );
      const got: number[] = [];
      let cursor: string | undefined;
      do {
        const page = s.search({ ...f, limit, beforeId: cursor ? Number(cursor) : undefined });
        got.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor && got.length < 3 * limit);
      expect(got).toEqual(want.slice(0, got.length));
      expect(got.length).toBe(Math.min(want.length, 3 * limit));
      // Export walks the same plans, chunk by chunk.
      const exported: number[] = [];
      let at: number | undefined;
      do {
        const c = s.exportChunk(f, 'ndjson', limit, at);
        exported.push(
          ...c.data
            .split('\n')
            .filter(Boolean)
            .map((l) => (JSON.parse(l) as { id: number }).id),
        );
        at = c.nextCursor ? Number(c.nextCursor) : undefined;
      } while (at !== undefined && exported.length < 3 * limit);
      expect(exported).toEqual(got);
    };
    const t = (i: number) => 1_700_000_000_000 + i * 1000;
    expectSame({ topic: 'TOPIC_1', from: t(25_000), to: t(25_500) }, 50); // recent: the newest ids fill the page
    expectSame({ topic: 'TOPIC_2', from: t(1000), to: t(2000) }, 50); // far back: the time index, plus the slow sends above
    expectSame({ from: t(3000), to: t(3100) }, 40); // no topic: created_at index
    expectSame({ topic: 'TOPIC_0', to: t(100) }, 20); // open start
    expectSame({ topic: 'TOPIC_0', from: t(5990), to: t(6010) }, 3); // a page that straddles the two plans
    expect(s.count({ topic: 'TOPIC_2', from: t(1000), to: t(2000) })).toBe(
      all.filter((i) => i % 3 === 2 && createdAt(i) >= t(1000) && createdAt(i) <= t(2000)).length,
    );
    db.close();
  }, 60_000);
});
