/**
 * The ceiling of any history writer on this schema and machine: SQLite alone, timed on row values
 * built beforehand (the store's own sendRowValues, so the same bytes), written in the store's
 * 500-send transactions, with the store's own search indexer following them (on its worker thread,
 * or with `--no-thread` after the rows on this thread). No JavaScript of the writer is on the
 * clock, so `ceilingRowsPerSecond` bounds what HistoryStore can reach. `--host-indexes` puts
 * schema 7's five filter indexes back on `sends` (schema 8 keeps them in the search file).
 *
 *   tsx bench/history-floor.ts [rows=1000000] [--batch=500] [--no-thread] [--host-indexes] [--out=file.json]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase } from '../electron/services/history/db.js';
import { SearchIndexer } from '../electron/services/history/search-indexer.js';
import { INSERT_SEND_SQL, sendRowValues } from '../electron/services/history/send-row.js';
import { benchRecord } from './history-records.js';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
const batch = Number(arg('batch') ?? 500);
const hostIndexes = process.argv.includes('--host-indexes');
const thread = !process.argv.includes('--no-thread');

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

const dir = mkdtempSync(join(tmpdir(), 'bench-history-floor-'));
try {
  const { db } = openDatabase(join(dir, 'history.db'));
  if (hostIndexes) {
    db.exec(`CREATE INDEX sends_created ON sends (created_at); CREATE INDEX sends_topic ON sends (topic, id); CREATE INDEX sends_profile ON sends (profile_id, id);
      CREATE INDEX sends_status ON sends (status, id); CREATE INDEX sends_topic_created ON sends (topic, created_at);`);
  }
  const base = Date.now() - rows * 10;
  const values: unknown[][] = [];
  for (let i = 0; i < rows; i++) values.push(sendRowValues(i + 1, benchRecord(i, base)));
  const insertSend = db.prepare(INSERT_SEND_SQL);
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insertSend.run(values[i]!);
  });
  const indexer = new SearchIndexer(db, { thread });
  const load0 = loadavg()[0]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rows; i += batch) {
    const to = Math.min(rows, i + batch);
    write(i, to);
    indexer.committed(to);
    // The store yields between transactions; so does this (the worker's reports arrive here).
    if (thread) await new Promise((r) => setImmediate(r));
  }
  const rowSeconds = (performance.now() - t0) / 1000;
  indexer.catchUp();
  const seconds = (performance.now() - t0) / 1000;
  // Process CPU: with the worker, both threads.
  const cpu = cpuSeconds(c0);
  indexer.dispose();
  db.close();
  const out = {
    rows,
    batch,
    thread,
    hostIndexes,
    rowsUsPerRow: (rowSeconds / rows) * 1e6,
    indexTailUsPerRow: ((seconds - rowSeconds) / rows) * 1e6,
    cpuUsPerRow: (cpu / rows) * 1e6,
    ceilingRowsPerSecond: rows / seconds,
    load: { start: load0, end: loadavg()[0]! },
    cpus: cpus().length,
    at: new Date().toISOString(),
  };
  const file = arg('out');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  }
  process.stdout.write(JSON.stringify(out) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
