/** SQL for history search and retention, built from named filters only (never from user SQL). */
import type Database from 'better-sqlite3';
import type { HistoryOrigin, HistoryStatus } from '../../common/contract.js';

export interface SearchFilter {
  profileId?: string | undefined;
  topic?: string | undefined;
  status?: HistoryStatus[] | undefined;
  text?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  origin?: HistoryOrigin | undefined;
  runId?: string | undefined;
  /** Keyset paging: rows with id below this. */
  beforeId?: number | undefined;
  limit?: number | undefined;
}

/**
 * FTS5 query: the text as one quoted phrase (so operators in user text mean nothing) whose last
 * word may be a prefix: "order-12" → "order-12"* matches the words order, 12… in sequence.
 */
export function ftsPrefixPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"*`;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchSql(cols: string, f: SearchFilter, limit: number): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (f.profileId) {
    where.push('profile_id = @profileId');
    params.profileId = f.profileId;
  }
  if (f.topic) {
    where.push('topic = @topic');
    params.topic = f.topic;
  }
  if (f.status && f.status.length > 0) {
    where.push(`status IN (${f.status.map((_, i) => `@status${i}`).join(', ')})`);
    f.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (f.origin) {
    where.push('origin = @origin');
    params.origin = f.origin;
  }
  if (f.runId) {
    where.push('run_id = @runId');
    params.runId = f.runId;
  }
  if (f.from !== undefined) {
    where.push('created_at >= @from');
    params.from = f.from;
  }
  if (f.to !== undefined) {
    where.push('created_at <= @to');
    params.to = f.to;
  }
  if (f.beforeId !== undefined) {
    where.push('sends.id < @beforeId');
    params.beforeId = f.beforeId;
  }
  const text = f.text?.trim();
  let from = 'sends';
  let order = 'id';
  if (text) {
    if (/[\p{L}\p{N}]/u.test(text)) {
      // Word-prefix match on keys, tags, msgId and body text. The FTS index drives the query newest
      // first (FTS5 serves ORDER BY rowid DESC and rowid ranges), so it stops after `limit` matches.
      from = 'sends_fts JOIN sends ON sends.id = sends_fts.rowid';
      order = 'sends_fts.rowid';
      where.push('sends_fts MATCH @fts');
      if (f.beforeId !== undefined) where.push('sends_fts.rowid < @beforeId');
      params.fts = ftsPrefixPhrase(text);
    } else {
      // Only punctuation: nothing the index holds, scan instead.
      where.push("(keys LIKE @like ESCAPE '\\' OR tags LIKE @like ESCAPE '\\' OR msg_id LIKE @like ESCAPE '\\' OR body_text LIKE @like ESCAPE '\\')");
      params.like = `%${escapeLike(text)}%`;
    }
  }
  const sql = `SELECT ${cols} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} DESC LIMIT @limit`;
  return { sql, params };
}

const CHUNK = 5000;

export function pruneStatements(db: Database.Database): { olderThan: Database.Statement; nthNewestId: Database.Statement; belowId: Database.Statement } {
  return {
    olderThan: db.prepare(`DELETE FROM sends WHERE id IN (SELECT id FROM sends WHERE created_at < ? ORDER BY id LIMIT ${CHUNK})`),
    nthNewestId: db.prepare('SELECT id FROM sends ORDER BY id DESC LIMIT 1 OFFSET ?'),
    belowId: db.prepare(`DELETE FROM sends WHERE id IN (SELECT id FROM sends WHERE id < ? ORDER BY id LIMIT ${CHUNK})`),
  };
}

export function readRecovery(db: Database.Database): { at: number; backupPath: string; detail: string } | undefined {
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'recovery'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { at: number; backupPath: string; detail: string }) : undefined;
  } catch {
    return undefined;
  }
}
