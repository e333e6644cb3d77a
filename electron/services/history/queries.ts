/** SQL for history search and retention, built from named filters only (never from user SQL). */
import type Database from 'better-sqlite3';
import type { HistoryOrigin, HistoryStatus } from '../../common/contract.js';
import { FILTER_COLS, WATERMARK_SQL } from './search-indexer.js';

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

/** Filters answered through the search file's indexes of sends_filters (for the rows it holds). */
export function usesFilterIndex(f: SearchFilter): boolean {
  return Boolean(f.profileId || f.topic || f.status?.length || f.origin || f.runId || f.from !== undefined || f.to !== undefined);
}

/**
 * Where a query reads. `rows`: the history file alone (a text search, a query without an indexed
 * filter, or the rows above the index's watermark). `filters`: the search file's sends_filters
 * (every row at or below the watermark), joined to the rows only for a condition on another column.
 */
type Source = 'rows' | 'filters';
/** The columns sends_filters holds (its indexes serve them). */
const FILTER_COLUMNS = new Set(FILTER_COLS.split(', '));

/** WHERE clauses and the FROM/ORDER they need, shared by search, count and export. */
export function whereSql(f: SearchFilter, on: Source = 'rows'): { from: string; order: string; where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const onFilters = on === 'filters';
  let needsRows = false;
  const col = (c: string): string => {
    if (onFilters && FILTER_COLUMNS.has(c)) return `sends_filters.${c}`;
    needsRows = true;
    return `sends.${c}`;
  };
  const idCol = onFilters ? 'sends_filters.id' : 'sends.id';
  if (f.profileId) {
    where.push(`${col('profile_id')} = @profileId`);
    params.profileId = f.profileId;
  }
  if (f.topic) {
    where.push(`${col('topic')} = @topic`);
    params.topic = f.topic;
  }
  if (f.status && f.status.length > 0) {
    where.push(`${col('status')} IN (${f.status.map((_, i) => `@status${i}`).join(', ')})`);
    f.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (f.origin) {
    where.push(`${col('origin')} = @origin`);
    params.origin = f.origin;
  }
  if (f.runId) {
    where.push(`${col('run_id')} = @runId`);
    params.runId = f.runId;
  }
  if (f.from !== undefined) {
    where.push(`${col('created_at')} >= @from`);
    params.from = f.from;
  }
  if (f.to !== undefined) {
    where.push(`${col('created_at')} <= @to`);
    params.to = f.to;
  }
  if (f.beforeId !== undefined) {
    where.push(`${idCol} < @beforeId`);
    params.beforeId = f.beforeId;
  }
  const { keys, rest } = parseSearchText(f.text ?? '');
  const fts: string[] = [];
  keys.forEach(({ key, prefix }, i) => {
    // Exact: the key is one of the row's space-separated keys; prefix only when asked (key:abc*).
    // The index narrows the rows first when the key holds a word; the LIKE decides.
    const k = col('keys');
    where.push(prefix ? `(' ' || ${k}) LIKE @key${i} ESCAPE '\\'` : `(' ' || ${k} || ' ') LIKE @key${i} ESCAPE '\\'`);
    params[`key${i}`] = prefix ? `% ${escapeLike(key)}%` : `% ${escapeLike(key)} %`;
    if (hasWord(key)) fts.push(`keys : ${prefix ? ftsPrefixPhrase(key) : `"${key.replace(/"/g, '""')}"`}`);
  });
  if (rest) {
    if (hasWord(rest)) fts.push(ftsPrefixPhrase(rest));
    else {
      // Only punctuation: nothing the index holds, scan instead.
      const like = ['keys', 'tags', 'msg_id', 'body_text', 'props_text'].map((c) => `${col(c)} LIKE @like ESCAPE '\\'`);
      where.push(`(${like.join(' OR ')})`);
      params.like = `%${escapeLike(rest)}%`;
    }
  }
  let from = onFilters ? (needsRows ? 'search.sends_filters JOIN sends ON sends.id = sends_filters.id' : 'search.sends_filters') : 'sends';
  let order = idCol;
  if (fts.length > 0) {
    // The FTS index drives the query newest first (FTS5 serves ORDER BY rowid DESC and rowid
    // ranges), so it stops after `limit` matches. (Text searches read the rows: onFilters unused.)
    from = 'search.sends_fts JOIN sends ON sends.id = sends_fts.rowid';
    order = 'sends_fts.rowid';
    where.push('sends_fts MATCH @fts');
    if (f.beforeId !== undefined) where.push('sends_fts.rowid < @beforeId');
    params.fts = fts.join(' AND ');
  }
  return { from, order, where, params };
}

/**
 * How a query with an indexed filter reads (inside one read transaction, so both parts see the
 * same watermark). `tail`: the rows above `aboveId` (at least the watermark) straight from the
 * history file, newest first. `indexed`: the rows at or below `atMostId` through sends_filters'
 * indexes; `byTime` through its time indexes, for a time range far back, where the id order would
 * walk every newer row.
 */
export type Plan = { kind: 'tail'; aboveId: number } | { kind: 'indexed'; atMostId: number; byTime: boolean };

export function searchSql(cols: string, f: SearchFilter, limit: number, plan?: Plan): { sql: string; params: Record<string, unknown> } {
  if (plan?.kind === 'indexed') {
    const { from, where, params } = whereSql(f, 'filters');
    where.push('sends_filters.id <= @atMostId');
    params.atMostId = plan.atMostId;
    // Pick the page's ids inside the index first, then read only those rows: sorting whole rows
    // would read every row of the range.
    const index = plan.byTime ? ` INDEXED BY ${f.topic ? 'filters_topic_created' : 'filters_created'}` : '';
    const source = from.replace(/^search\.sends_filters/, `search.sends_filters${index}`);
    const ids = `SELECT sends_filters.id FROM ${source} WHERE ${where.join(' AND ')} ORDER BY sends_filters.id DESC LIMIT @limit`;
    return { sql: `SELECT ${cols} FROM sends WHERE sends.id IN (${ids}) ORDER BY sends.id DESC`, params: { ...params, limit } };
  }
  const { from, order, where, params } = whereSql(f);
  if (plan?.kind === 'tail') {
    where.push('sends.id > @aboveId');
    params.aboveId = plan.aboveId;
  }
  const sql = `SELECT ${cols} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} DESC LIMIT @limit`;
  return { sql, params: { ...params, limit } };
}

/**
 * How many rows match: through the full-text index for text; otherwise the index's rows (no join
 * unless a condition needs one) plus the rows above its watermark, in one statement (one snapshot).
 */
export function countSql(f: SearchFilter, text: boolean): { sql: string; params: Record<string, unknown> } {
  const count = (q: { from: string; where: string[] }): string => `SELECT count(*) FROM ${q.from} ${q.where.length ? `WHERE ${q.where.join(' AND ')}` : ''}`;
  const rows = whereSql(f);
  if (text) return { sql: `SELECT (${count(rows)}) AS n`, params: rows.params };
  const indexed = whereSql(f, 'filters');
  rows.where.push(`sends.id > ${WATERMARK_SQL}`);
  return { sql: `SELECT (${count(indexed)}) + (${count(rows)}) AS n`, params: rows.params };
}

/** Rows per retention delete. */
export const PRUNE_CHUNK = 5000;

/** Retention's deletes (the store prepares them once, with its other statements). */
export const PRUNE_SQL = {
  // The indexed rows through the search file's time index, the rows above its watermark directly.
  olderThan: `DELETE FROM sends WHERE id IN (SELECT id FROM (SELECT id FROM search.sends_filters WHERE created_at < @before ORDER BY id LIMIT ${PRUNE_CHUNK})
    UNION ALL SELECT id FROM (SELECT id FROM sends WHERE id > ${WATERMARK_SQL} AND created_at < @before LIMIT ${PRUNE_CHUNK}))`,
  // The n oldest rows: a walk from the start of the table, never across the rows that stay.
  oldest: 'DELETE FROM sends WHERE id IN (SELECT id FROM sends ORDER BY id LIMIT ?)',
} as const;

export function readRecovery(db: Database.Database): { at: number; backupPath: string; detail: string } | undefined {
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'recovery'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { at: number; backupPath: string; detail: string }) : undefined;
  } catch {
    return undefined;
  }
}
