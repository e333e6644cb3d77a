/** History database files for tests: each in its own temp folder, removed after each test. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { tempDir } from '../support/workbench.js';

/** Registers the cleanup for the calling spec file; returns a maker of fresh `workbench.db` paths. */
export function historyDbFiles(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = tempDir(prefix);
    dirs.push(d);
    return join(d, 'workbench.db');
  };
}

/** The search file's watermark and indexed rowids, read through the store's `search` attachment. */
export const watermark = (db: Database.Database): number => (db.prepare('SELECT indexed_upto AS n FROM search.index_state').get() as { n: number }).n;
export const indexedIds = (db: Database.Database): number[] =>
  (db.prepare('SELECT rowid AS id FROM search.sends_fts ORDER BY rowid').all() as { id: number }[]).map((r) => r.id);
/** Deleted rows whose full-text entries the indexer has not removed yet. */
export const pendingTextDeletes = (db: Database.Database): number[] =>
  (db.prepare('SELECT id FROM search.fts_deleted ORDER BY id').all() as { id: number }[]).map((r) => r.id);
