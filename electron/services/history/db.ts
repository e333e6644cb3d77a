/**
 * Opens the workbench database: WAL, foreign keys, an integrity check at start, migrations.
 * A database that fails the check (or cannot be opened as SQLite) is never deleted: it is moved
 * aside as a timestamped backup, a fresh database is created, every row that can still be read is
 * copied back, and the recovery is recorded so the UI can tell the user where the backup is.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ownerOnly } from './db-files.js';
import { migrate, NewerDatabaseError } from './migrations.js';
import { SEARCH_INDEX_ID_KEY } from './search-indexer.js';

export interface RecoveryInfo {
  at: number;
  backupPath: string;
  detail: string;
  /** Rows copied back per table. */
  salvaged: Record<string, number>;
}

export interface OpenedDatabase {
  db: Database.Database;
  recovered?: RecoveryInfo | undefined;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only an OS
  // crash or power loss can lose the last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** quick_check: the integrity check without the (slow) index-content cross-check. */
function check(db: Database.Database): string | null {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
  return problems.length === 0 ? null : problems.slice(0, 5).join('; ');
}

export function openDatabase(file: string, opts: { migrateTo?: number } = {}): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  ownerOnly(file);
  let problem: string | null = null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    configure(db);
    problem = check(db);
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  if (db && problem === null) {
    try {
      migrate(db, opts.migrateTo);
      return { db };
    } catch (e) {
      db.close();
      throw e; // a failed migration rolled back: the file is as it was
    }
  }
  try {
    db?.close();
  } catch {
    // already unusable
  }
  return recover(file, problem ?? 'unknown problem', opts.migrateTo);
}

const TABLES = ['profiles', 'templates', 'settings', 'sends', 'attempts'] as const;

function recover(file: string, detail: string, migrateTo?: number): OpenedDatabase {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupPath = `${file}.corrupt-${stamp}`;
  renameSync(file, backupPath);
  for (const ext of ['-wal', '-shm']) if (existsSync(file + ext)) renameSync(file + ext, backupPath + ext);

  ownerOnly(file);
  const db = new Database(file);
  configure(db);
  migrate(db, migrateTo);
  const salvaged: Record<string, number> = {};
  let old: Database.Database | undefined;
  try {
    old = new Database(backupPath, { readonly: true, fileMustExist: true });
    for (const table of TABLES) salvaged[table] = copyTable(old, db, table);
  } catch {
    // Not readable as SQLite at all: the backup is kept for manual recovery.
  } finally {
    old?.close();
  }
  const info: RecoveryInfo = { at: Date.now(), backupPath, detail, salvaged };
  try {
    // The search index belonged to the damaged file: a new one is tied to these rows.
    db.prepare('DELETE FROM settings WHERE key = ?').run(SEARCH_INDEX_ID_KEY);
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run('recovery', JSON.stringify(info));
  } catch {
    // settings table absent when migrated to v1 only (tests)
  }
  return { db, recovered: info };
}

/** Copies what can be read, row by row; a row that fails to read or insert is skipped. */
function copyTable(from: Database.Database, to: Database.Database, table: string): number {
  let cols: string[];
  try {
    cols = (to.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const fromCols = new Set((from.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    cols = cols.filter((c) => fromCols.has(c));
  } catch {
    return 0;
  }
  if (cols.length === 0) return 0;
  const list = cols.join(', ');
  const insert = to.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
  let n = 0;
  const run = to.transaction((rows: unknown[][]) => {
    for (const r of rows) {
      try {
        n += insert.run(...r).changes;
      } catch {
        // e.g. an attempt whose send was lost: skip the row, keep the rest
      }
    }
  });
  let batch: unknown[][] = [];
  try {
    for (const row of from.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length >= 1000) {
        run(batch);
        batch = [];
      }
    }
  } catch {
    // the rest of this table is unreadable
  }
  if (batch.length) run(batch);
  return n;
}

export { NewerDatabaseError };
