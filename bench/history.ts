/**
 * The send-history store (electron/services/history, better-sqlite3, WAL) under the bench: batched
 * insert rate through its own writer (`record()` + background transactions) up to N rows (1M by
 * default), then search latency over that table — newest page, topic filter, status filter, FTS
 * text prefix, exact key, property value, body text, topic + time range, a deep keyset page and a
 * single-row get. Runs in its own process; prints one JSON line. The machine's load average is
 * recorded before the inserts, after them and after the searches: on a shared box the figures
 * mean little without it.
 *
 *   tsx bench/history.ts [rows] [--out=file.json] [--label=text]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase } from '../electron/services/history/db.js';
import { HistoryStore } from '../electron/services/history/history-store.js';
import { searchFileFor } from '../electron/services/history/search-indexer.js';
import { benchRecord, WORDS } from './history-records.js';
import { percentiles } from './stats.js';

export interface HistoryBench {
  rows: number;
  insertSeconds: number;
  rowsPerSecond: number;
  /** CPU seconds the process spent inserting (user + system): steadier than wall time on a shared box. */
  insertCpuSeconds: number;
  rowsPerCpuSecond: number;
  /**
   * Schema 6 on: rows the search index still lacked when the last row was committed, and the wall
   * and CPU seconds of catching it up (what the first text search after the run pays). The
   * searchable rates count from the first insert until every row is in the index.
   */
  unindexedAtCommit?: number;
  catchUpSeconds?: number;
  searchableRowsPerSecond?: number;
  searchableRowsPerCpuSecond?: number;
  /** All files of the history (rows, search index, their WALs); before schema 7 the rows' file alone. */
  dbMiB: number;
  queries: { name: string; runs: number; hits: number; p50: number; p95: number; max: number }[];
  /** 1-minute load average at the start, after the inserts and at the end. */
  load?: { start: number; afterInsert: number; end: number };
  label?: string;
  at?: string;
  cpus?: number;
}

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
  const loadStart = load1();
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  const file = join(dir, 'history.db');
  try {
    const { db } = openDatabase(file);
    const store = new HistoryStore(db, { batchSize: 500 });
    // Keep retention out of the way: the point is 1M rows.
    store.setSettings({ maxRows: 0, maxAgeDays: 0 });
    const words = WORDS;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const base = Date.now() - rows * 10;
    for (let i = 0; i < rows; i++) {
      const r = benchRecord(i, base);
      store.record(r);
      // Let the batched writer run, as it does in the app (one transaction per event-loop turn).
      if (store.pending >= 5000) await new Promise((res) => setImmediate(res));
    }
    await store.whenIdle();
    store.flush();
    const insertSeconds = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const insertCpuSeconds = (c1.user + c1.system) / 1e6;
    const loadAfterInsert = load1();
    const unindexedAtCommit = store.unindexed;
    const k0 = performance.now();
    store.search({ text: 'catch-up', limit: 1 });
    const catchUpSeconds = (performance.now() - k0) / 1000;
    const c2 = process.cpuUsage(c0);
    const searchableCpuSeconds = (c2.user + c2.system) / 1e6;

    const q = (name: string, runs: number, fn: (i: number) => number) => {
      fn(0);
      const s = new Float64Array(runs);
      let hits = 0;
      for (let i = 0; i < runs; i++) {
        const a = performance.now();
        hits += fn(i + 1);
        s[i] = performance.now() - a;
      }
      const p = percentiles(s);
      return { name, runs, hits: Math.round(hits / runs), p50: p.p50, p95: p.p95, max: p.max };
    };
    const queries = [
      q('newest page (50)', 50, () => store.search({ limit: 50 }).items.length),
      q('topic = payments, page 50', 50, () => store.search({ topic: 'payments', limit: 50 }).items.length),
      q('status = failed, page 50', 50, () => store.search({ status: ['failed'], limit: 50 }).items.length),
      q('text prefix "refund" (FTS), page 50', 30, () => store.search({ text: words[(2 + 0) % 12]!, limit: 50 }).items.length),
      q('text "order-<id>" (FTS, rare)', 30, (i) => store.search({ text: `order-${(i * 7919) % rows}`, limit: 50 }).items.length),
      q('key:order-<id> (exact key)', 30, (i) => store.search({ text: `key:order-${(i * 7919) % rows}`, limit: 50 }).items.length),
      q('property value "tenant<n>", page 50', 30, (i) => store.search({ text: `tenant${(i * 37) % 1000}`, limit: 50 }).items.length),
      q(
        'body text "<word>-<id36>" (one row)',
        30,
        (i) => store.search({ text: `${words[(((i * 7919) % rows) * 13) % 12]}-${((i * 7919) % rows).toString(36)}`, limit: 50 }).items.length,
      ),
      q('topic + time range (1 h, mid table)', 30, (i) => {
        const from = base + Math.floor(rows / 4) * 10 + i * 10_000;
        return store.search({ topic: 'payments', from, to: from + 3_600_000, limit: 50 }).items.length;
      }),
      q('export chunk (1000, NDJSON), topic + 1 h range mid table', 10, (i) => {
        const from = base + Math.floor(rows / 4) * 10 + i * 10_000;
        return store.exportChunk({ topic: 'payments', from, to: from + 3_600_000 }, 'ndjson', 1000).rows;
      }),
      q('keyset page deep in the table', 50, (i) => store.search({ beforeId: Math.floor(rows / 2) - i * 100, limit: 50 }).items.length),
      q('get one row by id', 200, (i) => (store.get(1 + ((i * 104729) % rows)) ? 1 : 0)),
    ];
    store.close();
    // Every file of the history: the rows, the search index (schema 7) and their write-ahead logs.
    const files = [file, searchFileFor(file)].flatMap((f) => [f, `${f}-wal`]).filter((f) => existsSync(f));
    const dbMiB = files.reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;
    const out: HistoryBench = {
      rows,
      insertSeconds,
      rowsPerSecond: rows / insertSeconds,
      insertCpuSeconds,
      rowsPerCpuSecond: rows / insertCpuSeconds,
      unindexedAtCommit,
      catchUpSeconds,
      searchableRowsPerSecond: rows / (insertSeconds + catchUpSeconds),
      searchableRowsPerCpuSecond: rows / searchableCpuSeconds,
      dbMiB,
      queries,
      load: { start: loadStart, afterInsert: loadAfterInsert, end: load1() },
      label: arg('label'),
      at: new Date().toISOString(),
      cpus: cpus().length,
    };
    const outFile = arg('out');
    if (outFile) {
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`history bench failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
