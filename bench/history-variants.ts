/**
 * Where the history writer's time goes, measured rather than guessed: the same rows as
 * bench/history.ts written through HistoryStore under variants of the FTS indexing, the batch size
 * and the pragmas, each in a fresh process, in rotating order, repeated. rowsPerSecond and
 * rowsPerCpuSecond include indexing every row for search (a deferred index is caught up before the
 * clock stops); committedRows… count only until every row is committed.
 *
 *   tsx bench/history-variants.ts [rows=200000] [--repeat=2] [--only=a,b] [--out=file.json]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../electron/services/history/db.js';
import { HistoryStore } from '../electron/services/history/history-store.js';
import { benchRecord } from './history-records.js';

interface Variant {
  name: string;
  what: string;
  batchSize?: number;
  /** Run on the opened database before the store is made. */
  setup?: (db: Database.Database) => void;
  /** 'store': the store's own chunked indexer (ftsChunkRows, on its worker thread unless ftsThread is false); 'none': no index. */
  fts: 'store' | 'none';
  ftsChunkRows?: number;
  ftsThread?: boolean;
}

const bigCache = (db: Database.Database) => {
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
};

// Schema 7's filter indexes on the rows, written on the host thread with each row (schema 8 keeps
// them in the search file, written by the index worker).
const hostIndexes = (db: Database.Database): void => {
  db.exec(`
    CREATE INDEX sends_created ON sends (created_at);
    CREATE INDEX sends_topic ON sends (topic, id);
    CREATE INDEX sends_profile ON sends (profile_id, id);
    CREATE INDEX sends_status ON sends (status, id);
    CREATE INDEX sends_topic_created ON sends (topic, created_at);
  `);
};

// Schema 8. The per-row trigger of schemas 2–5, the attempt rows of schemas 1–6 and the filter
// indexes on sends of schemas 1–7 are gone from the schema, so their variants went with them (their
// figures: variants-200k-pre-v6.json, variants-indexes-200k.json, variants-schema7-200k.json);
// host-indexes puts the last back for comparison.
const VARIANTS: Variant[] = [
  { name: 'no-fts', what: 'no full-text index at all (the ceiling, not an option)', fts: 'none' },
  { name: 'store-2k', what: 'store, index chunks of 2,000 sends', fts: 'store', ftsChunkRows: 2_000 },
  { name: 'store-10k', what: 'store as shipped: index chunks of 10,000 sends on the worker thread', fts: 'store' },
  {
    name: 'store-10k-loop',
    what: 'store, chunks of 10,000 on the host loop (no worker: schema 6 indexing in the schema 7 file)',
    fts: 'store',
    ftsThread: false,
  },
  { name: 'store-50k', what: 'store, index chunks of 50,000 sends', fts: 'store', ftsChunkRows: 50_000 },
  { name: 'store-10k-cache64', what: 'store, chunks of 10,000, 64 MiB page cache', fts: 'store', setup: bigCache },
  { name: 'store-10k-2000', what: 'store, chunks of 10,000, 2000-send transactions', fts: 'store', batchSize: 2000 },
  {
    name: 'host-indexes',
    what: "store with schema 7's five filter indexes on sends, written by the host thread with each row",
    fts: 'store',
    setup: hostIndexes,
  },
  {
    name: 'wal-10k',
    what: 'store, WAL checkpoint every 10,000 pages (default 1,000)',
    fts: 'store',
    setup: (db) => db.pragma('wal_autocheckpoint = 10000'),
  },
  { name: 'cache-16m', what: 'store, 16 MiB page cache (default 2 MiB)', fts: 'store', setup: (db) => db.pragma('cache_size = -16384') },
];

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function runOne(v: Variant, rows: number): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hvar-'));
  try {
    const { db } = openDatabase(join(dir, 'history.db'));
    v.setup?.(db);
    // With no index, the store's own indexer must never run.
    const off =
      v.fts !== 'store' ? { ftsChunkRows: Number.MAX_SAFE_INTEGER, ftsMaxDelayMs: 2 ** 31 - 1 } : { ftsChunkRows: v.ftsChunkRows, ftsThread: v.ftsThread };
    const store = new HistoryStore(db, { batchSize: v.batchSize ?? 500, ...off });
    store.setSettings({ maxRows: 0, maxAgeDays: 0 });
    const load0 = loadavg()[0]!;
    const base = Date.now() - rows * 10;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < rows; i++) {
      store.record(benchRecord(i, base));
      if (store.pending >= 5000) await new Promise((res) => setImmediate(res));
    }
    await store.whenIdle();
    store.flush();
    const committedWall = (performance.now() - t0) / 1000;
    const cc = process.cpuUsage(c0);
    const committedCpu = (cc.user + cc.system) / 1e6;
    // The clock stops once every row is searchable: a text search catches the index up first.
    const last = `order-${rows - 1}`;
    const found = v.fts === 'store' ? store.search({ text: last }).items.length : 1;
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    if (found !== 1) throw new Error(`${v.name}: the last row is not searchable`);
    store.close();
    db.close();
    return {
      variant: v.name,
      rows,
      wall,
      cpu,
      rowsPerSecond: rows / wall,
      rowsPerCpuSecond: rows / cpu,
      committedRowsPerSecond: rows / committedWall,
      committedRowsPerCpuSecond: rows / committedCpu,
      load: (load0 + loadavg()[0]!) / 2,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 200_000);
  const child = arg('variant');
  if (child) {
    const v = VARIANTS.find((x) => x.name === child);
    if (!v) throw new Error(`no variant ${child}`);
    process.stdout.write(JSON.stringify(await runOne(v, rows)) + '\n');
    return;
  }
  const only = arg('only')?.split(',');
  const list = VARIANTS.filter((v) => !only || only.includes(v.name));
  const repeat = Number(arg('repeat') ?? 2);
  const results: Record<string, number | string>[] = [];
  for (let r = 0; r < repeat; r++) {
    // Rotate the order so a change of machine load does not always hit the same variant.
    const order = list.map((_, i) => list[(i + r) % list.length]!);
    for (const v of order) {
      const p = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, String(rows), `--variant=${v.name}`], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${v.name} failed: ${p.stderr}`);
      const res = JSON.parse(p.stdout.trim().split('\n').pop()!) as Record<string, number | string>;
      results.push(res);
      process.stderr.write(
        `${v.name.padEnd(28)} ${Math.round(res.rowsPerSecond as number)
          .toString()
          .padStart(7)} rows/s  ${Math.round(res.rowsPerCpuSecond as number)
          .toString()
          .padStart(7)} rows/CPU-s  load ${(res.load as number).toFixed(1)}\n`,
      );
    }
  }
  const out = { rows, repeat, at: new Date().toISOString(), variants: Object.fromEntries(list.map((v) => [v.name, v.what])), results };
  const file = arg('out');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: Error) => {
  process.stderr.write(`history variants failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
