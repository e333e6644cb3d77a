/**
 * Where the history writer's time goes, measured rather than guessed: the same rows as
 * bench/history.ts written through HistoryStore under variants of the FTS indexing, the batch size
 * and the pragmas, each in a fresh process, in rotating order, repeated. Wall time and CPU time
 * include indexing every row for search (a deferred index is caught up before the clock stops).
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
  /** FTS rows are written by this bench in chunks of this many sends (the trigger dropped); 0 = none at all. */
  ftsChunk?: number;
}

const FTS_COLS = 'keys, tags, msg_id, body_text, props_text';
const dropTrigger = (db: Database.Database) => db.exec('DROP TRIGGER IF EXISTS sends_fts_ai');
const bigCache = (db: Database.Database) => {
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
};

const VARIANTS: Variant[] = [
  { name: 'trigger-500', what: 'as shipped: FTS by trigger in each 500-send transaction' },
  { name: 'trigger-2000', what: 'FTS by trigger, 2000-send transactions', batchSize: 2000 },
  { name: 'trigger-500-cache64', what: 'FTS by trigger, 500, 64 MiB page cache', setup: bigCache },
  { name: 'no-fts', what: 'no full-text index at all (the ceiling, not an option)', setup: dropTrigger, ftsChunk: 0 },
  { name: 'deferred-10k', what: 'rows in 500-send transactions; FTS filled by INSERT…SELECT every 10,000 sends', setup: dropTrigger, ftsChunk: 10_000 },
  { name: 'deferred-50k', what: 'as above, every 50,000 sends', setup: dropTrigger, ftsChunk: 50_000 },
  {
    name: 'deferred-50k-cache64',
    what: 'every 50,000 sends, 64 MiB page cache',
    setup: (db) => {
      dropTrigger(db);
      bigCache(db);
    },
    ftsChunk: 50_000,
  },
  {
    name: 'deferred-50k-cache64-2000',
    what: 'every 50,000 sends, 64 MiB page cache, 2000-send transactions',
    batchSize: 2000,
    setup: (db) => {
      dropTrigger(db);
      bigCache(db);
    },
    ftsChunk: 50_000,
  },
];

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function runOne(v: Variant, rows: number): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hvar-'));
  try {
    const { db } = openDatabase(join(dir, 'history.db'));
    v.setup?.(db);
    let indexed = 0;
    let committed = 0;
    const indexUpTo = (last: number) => {
      db.prepare(`INSERT INTO sends_fts (rowid, ${FTS_COLS}) SELECT id, ${FTS_COLS} FROM sends WHERE id > ? AND id <= ?`).run(indexed, last);
      indexed = last;
    };
    const store = new HistoryStore(db, {
      batchSize: v.batchSize ?? 500,
      onCommitted: (_n, last) => {
        committed = last;
        if (v.ftsChunk && last - indexed >= v.ftsChunk) indexUpTo(last);
      },
    });
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
    if (v.ftsChunk && indexed < committed) indexUpTo(committed);
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    // The index is complete: a word from the last row is found.
    if (v.ftsChunk !== 0 && store.search({ text: `order-${rows - 1}` }).items.length !== 1) throw new Error(`${v.name}: last row not searchable`);
    store.close();
    db.close();
    return { variant: v.name, rows, wall, cpu, rowsPerSecond: rows / wall, rowsPerCpuSecond: rows / cpu, load: (load0 + loadavg()[0]!) / 2 };
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
