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

/** `key:abc` (exact key) and `key:abc*` (key prefix) terms, and the free text around them. */
export function parseSearchText(text: string): { keys: { key: string; prefix: boolean }[]; rest: string } {
  const keys: { key: string; prefix: boolean }[] = [];
  const rest = text
    .replace(/(^|\s)key:(\S+)/gi, (_m, lead: string, k: string) => {
      const prefix = k.endsWith('*');
      const key = prefix ? k.slice(0, -1) : k;
      if (key) keys.push({ key, prefix });
      return lead;
    })
    .trim();
  return { keys, rest };
}

const hasWord = (s: string) => /[\p{L}\p{N}]/u.test(s);

/** True when the filter is answered from the full-text index (its text holds a word). */
export function usesFullText(f: SearchFilter): boolean {
  const { keys, rest } = parseSearchText(f.text ?? '');
  return keys.some((k) => hasWord(k.key)) || hasWord(rest);
}

/** WHERE clauses and the FROM/ORDER they need, shared by search, count and export. */
export function whereSql(f: SearchFilter): { from: string; order: string; where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
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
  const { keys, rest } = parseSearchText(f.text ?? '');
  const fts: string[] = [];
  keys.forEach(({ key, prefix }, i) => {
    // Exact: the key is one of the row's space-separated keys; prefix only when asked (key:abc*).
    // The index narrows the rows first when the key holds a word; the LIKE decides.
    where.push(prefix ? `(' ' || sends.keys) LIKE @key${i} ESCAPE '\\'` : `(' ' || sends.keys || ' ') LIKE @key${i} ESCAPE '\\'`);
    params[`key${i}`] = prefix ? `% ${escapeLike(key)}%` : `% ${escapeLike(key)} %`;
    if (hasWord(key)) fts.push(`keys : ${prefix ? ftsPrefixPhrase(key) : `"${key.replace(/"/g, '""')}"`}`);
  });
  if (rest) {
    if (hasWord(rest)) fts.push(ftsPrefixPhrase(rest));
    else {
      // Only punctuation: nothing the index holds, scan instead.
      where.push(
        "(sends.keys LIKE @like ESCAPE '\\' OR sends.tags LIKE @like ESCAPE '\\' OR sends.msg_id LIKE @like ESCAPE '\\' OR sends.body_text LIKE @like ESCAPE '\\' OR sends.props_text LIKE @like ESCAPE '\\')",
      );
      params.like = `%${escapeLike(rest)}%`;
    }
  }
  let from = 'sends';
  let order = 'sends.id';
  if (fts.length > 0) {
    // The FTS index drives the query newest first (FTS5 serves ORDER BY rowid DESC and rowid
    // ranges), so it stops after `limit` matches.
    from = 'search.sends_fts JOIN sends ON sends.id = sends_fts.rowid';
    order = 'sends_fts.rowid';
    where.push('sends_fts MATCH @fts');
    if (f.beforeId !== undefined) where.push('sends_fts.rowid < @beforeId');
    params.fts = fts.join(' AND ');
  }
  return { from, order, where, params };
}

/**
 * How a time-range query without text runs. `newest`: newest first through the id order (or the
 * topic's (topic, id) index), only rows above `aboveId` — quick when the range holds recent rows.
 * `byTime`: through the created_at index (or (topic, created_at)), only rows at or below `atMostId`,
 * then sorted — quick when the range is far back, where the id order would walk every newer row.
 */
export type TimePlan = { kind: 'newest'; aboveId: number } | { kind: 'byTime'; atMostId: number };

export function searchSql(cols: string, f: SearchFilter, limit: number, plan?: TimePlan): { sql: string; params: Record<string, unknown> } {
  const { from, order, where, params } = whereSql(f);
  const source = from;
  if (plan?.kind === 'newest') {
    where.push('sends.id > @aboveId');
    params.aboveId = plan.aboveId;
  } else if (plan?.kind === 'byTime') {
    where.push('sends.id <= @atMostId');
    params.atMostId = plan.atMostId;
    // Pick the page's ids inside the index first (the index holds topic, created_at and the id),
    // then read only those rows: sorting whole rows would read every row of the range.
    const index = f.topic ? 'sends_topic_created' : 'sends_created';
    const ids = `SELECT sends.id FROM sends INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY sends.id DESC LIMIT @limit`;
    return { sql: `SELECT ${cols} FROM sends WHERE sends.id IN (${ids}) ORDER BY sends.id DESC`, params: { ...params, limit } };
  }
  const sql = `SELECT ${cols} FROM ${source} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} DESC LIMIT @limit`;
  return { sql, params: { ...params, limit } };
}

export function countSql(f: SearchFilter): { sql: string; params: Record<string, unknown> } {
  const { from, where, params } = whereSql(f);
  return { sql: `SELECT count(*) AS n FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params };
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
