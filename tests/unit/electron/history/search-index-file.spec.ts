/**
 * Schema 7: the search index lives in its own file and a worker thread fills it. The worker indexes
 * while this thread only writes rows; an index that belongs to other rows is rebuilt; a damaged
 * search file is started again; without a worker (in-memory history, or a worker that cannot open
 * the history file) the same chunks run on this loop.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { migrate } from '../../../../electron/services/history/migrations.js';
import { searchFileFor } from '../../../../electron/services/history/search-indexer.js';
import { sendRecord } from './records.js';
import { historyDbFiles, indexedIds, watermark } from './db-files.js';

const dbFile = historyDbFiles('hist-search-');

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('search index file', () => {
  it('a worker thread fills the index while this thread writes rows; search then needs no catch-up', async () => {
    const file = dbFile();
    const { db } = openDatabase(file);
    const s = new HistoryStore(db, { batchSize: 200, ftsChunkRows: 500, ftsMaxDelayMs: 10 });
    expect(s.indexedByThread).toBe(true);
    for (let i = 1; i <= 3000; i++) s.record(sendRecord(i));
    await s.whenIdle();
    await until(() => s.unindexed === 0, 'the worker to index every row');
    // The worker's own connection wrote the index: this one reads it from the file.
    expect(watermark(db)).toBe(3000);
    expect(indexedIds(db)).toHaveLength(3000);
    expect(s.search({ text: 'key:order-2999' }).items.map((r) => r.id)).toEqual([2999]);
    expect(s.indexedByThread).toBe(true);
    s.close();
    db.close();
  }, 30_000);

  it('an index that belongs to another history file is emptied and built again from these rows', () => {
    const a = dbFile();
    const b = dbFile();
    const dbA = openDatabase(a).db;
    const sa = new HistoryStore(dbA);
    sa.record(sendRecord(1, { keys: 'only-in-a' }));
    sa.close();
    dbA.close();
    const dbB = openDatabase(b).db;
    const sb = new HistoryStore(dbB);
    for (let i = 1; i <= 3; i++) sb.record(sendRecord(i, { keys: `b-${i}` }));
    sb.close();
    dbB.close();
    // B's search file replaced by A's (a copied or restored folder): same ids, other rows.
    copyFileSync(searchFileFor(a), searchFileFor(b));
    rmSync(`${searchFileFor(b)}-wal`, { force: true });
    rmSync(`${searchFileFor(b)}-shm`, { force: true });
    const db = openDatabase(b).db;
    const s = new HistoryStore(db);
    expect(watermark(db)).toBe(0);
    expect(s.search({ text: 'only-in-a' }).items).toEqual([]);
    expect(s.search({ text: 'key:b-2' }).items.map((r) => r.id)).toEqual([2]);
    expect(indexedIds(db)).toEqual([1, 2, 3]);
    db.close();
  });

  it('a search file that is not a database is started again, and the history stays as it was', () => {
    const file = dbFile();
    const first = openDatabase(file).db;
    const s1 = new HistoryStore(first);
    for (let i = 1; i <= 20; i++) s1.record(sendRecord(i));
    s1.close();
    first.close();
    writeFileSync(searchFileFor(file), 'this is not a database '.repeat(500));
    rmSync(`${searchFileFor(file)}-wal`, { force: true });
    const { db, recovered } = openDatabase(file);
    expect(recovered).toBeUndefined();
    const s = new HistoryStore(db);
    expect(s.stats().rows).toBe(20);
    expect(s.search({ text: 'key:order-13' }).items.map((r) => r.id)).toEqual([13]);
    expect(indexedIds(db)).toHaveLength(20);
    db.close();
  });

  it('an in-memory history indexes on this loop, in the background and before a text search', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const s = new HistoryStore(db, { ftsChunkRows: 100, ftsMaxDelayMs: 10 });
    expect(s.indexedByThread).toBe(false);
    for (let i = 1; i <= 450; i++) s.record(sendRecord(i));
    await s.whenIdle();
    await until(() => s.unindexed === 0, 'the loop to index every row');
    expect(indexedIds(db)).toHaveLength(450);
    s.record(sendRecord(451, { keys: 'fresh-one' }));
    expect(s.search({ text: 'fresh-one' }).items.map((r) => r.id)).toEqual([451]);
    db.close();
  });

  it('a worker that cannot open the history file hands the indexing back to this loop', async () => {
    const file = dbFile();
    const { db } = openDatabase(file);
    // The data folder's file is gone (this connection keeps it open): the worker cannot open it.
    rmSync(file);
    const s = new HistoryStore(db, { ftsChunkRows: 100, ftsMaxDelayMs: 10 });
    await until(() => !s.indexedByThread, 'the worker to give up');
    for (let i = 1; i <= 300; i++) s.record(sendRecord(i));
    await s.whenIdle();
    await until(() => s.unindexed === 0, 'the loop to index every row');
    expect(indexedIds(db)).toHaveLength(300);
    expect(s.search({ text: 'key:order-299' }).items.map((r) => r.id)).toEqual([299]);
    db.close();
  });
});
