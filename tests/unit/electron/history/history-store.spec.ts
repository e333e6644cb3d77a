import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { NewerDatabaseError, SCHEMA_VERSION } from '../../../../electron/services/history/migrations.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { searchFileFor } from '../../../../electron/services/history/search-indexer.js';
import { sendRecord } from './records.js';
import { historyDbFiles } from './db-files.js';
import { killWriterAfter } from './kill-writer.js';

const dbFile = historyDbFiles('hist-');

const version = (db: Database.Database) => db.pragma('user_version', { simple: true });

describe('migrations', () => {
  it('creates the schema on an empty database, in WAL mode', () => {
    const { db, recovered } = openDatabase(dbFile());
    expect(recovered).toBeUndefined();
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['attempts', 'profiles', 'sends', 'settings', 'templates']));
    // The search index has its own file beside it (schema 7), made by the store.
    expect(tables).not.toContain('sends_fts');
    new HistoryStore(db).close();
    const search = (db.prepare("SELECT name FROM search.sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    // The full-text index, the filter columns with their indexes (schema 8), and the watermark.
    expect(search).toEqual(expect.arrayContaining(['sends_fts', 'sends_filters', 'index_state', 'fts_deleted']));
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sends' AND sql IS NOT NULL").all() as { name: string }[]
    ).map((r) => r.name);
    expect(indexes.sort()).toEqual(['sends_origin', 'sends_replay_of']);
    expect(existsSync(searchFileFor(db.name))).toBe(true);
    db.close();
  });

  it('upgrades a previous-version database and keeps (and indexes) its rows', () => {
    const file = dbFile();
    const v1 = openDatabase(file, { migrateTo: 1 }).db;
    expect(version(v1)).toBe(1);
    // Rows as a v1 app wrote them (today's store writes columns v1 lacks).
    const ins = v1.prepare(
      `INSERT INTO sends (id, created_at, profile_id, profile_name, topic, tags, keys, mode, message_count, status, latency_ms, attempt_count, origin, body_text, request)
       VALUES (@id, @createdAt, @profileId, @profileName, @topic, @tags, @keys, @mode, @messageCount, @status, @latencyMs, @attemptCount, @origin, @bodyText, @request)`,
    );
    const att = v1.prepare('INSERT INTO attempts (send_id, attempt, broker_name, addr, queue_id, latency_ms, ok) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= 50; i++) {
      const r = sendRecord(i);
      ins.run({
        id: i,
        createdAt: r.createdAt,
        profileId: r.profileId,
        profileName: r.profileName,
        topic: r.topic,
        tags: r.tags,
        keys: r.keys,
        mode: r.mode,
        messageCount: 1,
        status: r.status,
        latencyMs: r.latencyMs,
        attemptCount: r.attempts.length,
        origin: r.origin,
        bodyText: r.bodyText,
        request: JSON.stringify(r.request),
      });
      for (const a of r.attempts) att.run(i, a.attempt, a.brokerName, a.addr, a.queueId, a.latencyMs, a.ok ? 1 : 0);
    }
    v1.close();

    const { db } = openDatabase(file);
    expect(version(db)).toBe(SCHEMA_VERSION);
    const store = new HistoryStore(db);
    expect(store.stats()).toMatchObject({ rows: 50, attempts: 40 + 10 * 2 });
    // The FTS index added by migration 2 covers the rows written before it.
    expect(store.search({ text: 'order-17' }).items.map((r) => r.id)).toEqual([17]);
    expect(store.get(5)!.attempts).toHaveLength(2);
    db.close();
  });

  it('refuses a database from a newer app and leaves it untouched', () => {
    const file = dbFile();
    openDatabase(file).db.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('integrity check and recovery', () => {
  it('moves a file that is not a database aside, starts fresh, and says where the backup is', () => {
    const file = dbFile();
    writeFileSync(file, 'this is not a database'.repeat(100));
    const { db, recovered } = openDatabase(file);
    expect(recovered).toBeDefined();
    expect(existsSync(recovered!.backupPath)).toBe(true);
    expect(readFileSync(recovered!.backupPath, 'utf8')).toContain('this is not a database');
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(new HistoryStore(db).stats().recovered).toMatchObject({ backupPath: recovered!.backupPath });
    db.close();
  });

  it('salvages the readable rows of a database with a damaged page', () => {
    const file = dbFile();
    const { db } = openDatabase(file);
    const s = new HistoryStore(db);
    for (let i = 1; i <= 3000; i++) s.record(sendRecord(i, { bodyText: `body ${i} ${'x'.repeat(300)}` }));
    s.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Damage one page in the middle of the file (an index or table b-tree page).
    const bytes = readFileSync(file);
    const pageSize = 4096;
    const page = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0x5a, page * pageSize, page * pageSize + pageSize);
    writeFileSync(file, bytes);

    const { db: fresh, recovered } = openDatabase(file);
    expect(recovered, 'the damage must be detected').toBeDefined();
    expect(existsSync(recovered!.backupPath)).toBe(true);
    expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (fresh.prepare('SELECT count(*) AS n FROM sends').get() as { n: number }).n;
    expect(rows).toBe(recovered!.salvaged['sends']);
    expect(rows).toBeGreaterThan(0);
    fresh.close();
  });
});

describe('history store', () => {
  function filled(n: number) {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db);
    for (let i = 1; i <= n; i++) s.record(sendRecord(i));
    return { db, s };
  }

  it('assigns ids at once, writes in background batches, and reads its own writes', async () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { batchSize: 100 });
    const ids = Array.from({ length: 250 }, (_, i) => s.record(sendRecord(i + 1)));
    expect(ids[0]).toBe(1);
    expect(ids[249]).toBe(250);
    expect(s.pending).toBe(250);
    await s.whenIdle();
    expect(s.pending).toBe(0);
    expect(s.get(250)).toMatchObject({ id: 250, keys: 'order-250 k5', status: 'failed', attempts: [{ attempt: 1 }, { attempt: 2, responseCode: 14 }] });
    db.close();
  });

  it('does not stall the event loop with tens of thousands of queued sends', async () => {
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { batchSize: 500 });
    for (let i = 1; i <= 20_000; i++) s.record(sendRecord(i));
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 1);
    await s.whenIdle();
    clearInterval(timer);
    // Timers kept firing between the batches: the 30k rows went in many transactions, not one.
    expect(gaps.length).toBeGreaterThanOrEqual(20_000 / 500 - 1);
    expect(s.stats().rows).toBe(20_000);
    db.close();
  }, 60_000);

  it('searches by topic, status, profile, text, time range, with keyset paging', () => {
    const { db, s } = filled(200);
    expect(s.search({ topic: 'TOPIC_1', limit: 500 }).items.every((r) => r.topic === 'TOPIC_1')).toBe(true);
    expect(s.search({ status: ['failed'], limit: 500 }).items).toHaveLength(40);
    expect(s.search({ profileId: 'p2', limit: 500 }).items).toHaveLength(100);
    expect(s.search({ text: 'order-123' }).items.map((r) => r.id)).toEqual([123]);
    expect(s.search({ text: 'payload-' + (77).toString(36) }).items.map((r) => r.id)).toContain(77);
    expect(s.search({ text: 'k3', limit: 500 }).items.every((r) => r.keys!.split(' ').includes('k3'))).toBe(true);
    expect(s.search({ text: 'order-12', limit: 500 }).items.map((r) => r.id)).toEqual([129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 12]);
    expect(s.search({ text: '--', limit: 500 }).items).toEqual([]); // punctuation only: scan path
    expect(s.search({ text: 'tag2', limit: 500 }).items.every((r) => r.tags === 'tag2')).toBe(true);
    expect(s.search({ text: '"; DROP TABLE sends; --' }).items).toEqual([]);
    const from = 1_700_000_000_000 + 10_000;
    const to = 1_700_000_000_000 + 19_000;
    expect(s.search({ from, to, limit: 500 }).items.map((r) => r.id)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = s.search({ limit: 60, beforeId: cursor ? Number(cursor) : undefined });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => 200 - i));
    db.close();
  });

  it('links replays to their origin', () => {
    const { db, s } = filled(3);
    const r1 = s.record(sendRecord(4, { origin: 'replay', replayOf: 2 }));
    const r2 = s.record(sendRecord(5, { origin: 'replay', replayOf: 2 }));
    expect(s.get(2)!.replays).toEqual([r2, r1]);
    expect(s.get(r1)).toMatchObject({ origin: 'replay', replayOf: 2 });
    db.close();
  });

  it('applies retention by row count and by age, and deletes on request only', () => {
    let now = 1_700_000_000_000 + 1000 * 1000;
    const { db } = openDatabase(dbFile());
    const s = new HistoryStore(db, { now: () => now });
    for (let i = 1; i <= 1000; i++) s.record(sendRecord(i));
    expect(s.prune()).toBe(0); // defaults keep 1M rows, forever
    s.setSettings({ maxRows: 600, maxAgeDays: 0 });
    expect(s.stats().rows).toBe(600);
    expect(s.search({ limit: 1 }).items[0]!.id).toBe(1000);
    expect((db.prepare('SELECT count(*) AS n FROM attempts WHERE send_id <= 400').get() as { n: number }).n).toBe(0);
    now = 1_700_000_000_000 + 900 * 1000 + 86_400_000;
    s.setSettings({ maxRows: 0, maxAgeDays: 1 });
    expect(s.stats().rows).toBe(101); // created_at ≥ now − 1 day: ids 900…1000
    expect(s.getSettings()).toEqual({ maxRows: 0, maxAgeDays: 1 });
    expect(s.delete([1000, 999, 5])).toBe(2);
    db.close();
  });
});

describe('crash safety', () => {
  it('kill -9 during batched writes leaves a sound database holding every committed row', async () => {
    const file = dbFile();
    const lastCommitted = await killWriterAfter(file, 5_000);
    const observed = lastCommitted;

    const { db, recovered } = openDatabase(file);
    expect(recovered).toBeUndefined();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n, max } = db.prepare('SELECT count(*) AS n, max(id) AS max FROM sends').get() as { n: number; max: number };
    // Every transaction reported committed is there, and rows are whole: no gaps, no send without its attempts.
    expect(n).toBeGreaterThanOrEqual(observed);
    expect(max).toBe(n);
    const partial = db.prepare('SELECT count(*) AS n FROM sends WHERE attempts_json IS NULL OR json_array_length(attempts_json) <> attempt_count').get() as {
      n: number;
    };
    expect(partial.n).toBe(0);
    const attempts = (db.prepare('SELECT sum(json_array_length(attempts_json)) AS n FROM sends').get() as { n: number }).n;
    expect(attempts).toBe(n + Math.floor(n / 5)); // every 5th send has 2 attempts
    db.close();
  }, 60_000);
});
