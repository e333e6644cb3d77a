/**
 * The ceiling of any history writer on this schema and machine: SQLite alone, timed on row values
 * built beforehand (the store's own sendRowValues, so the same bytes), written in the store's
 * 500-send transactions, then indexed for search by the store's own indexer. No JavaScript of the
 * writer is on the clock, so `ceilingRowsPerSecond` bounds what HistoryStore (or a writer thread
 * doing the same SQL) can reach. `--no-secondary-indexes` shows what the five indexes on `sends` cost.
 *
 *   tsx bench/history-floor.ts [rows=1000000] [--batch=500] [--no-secondary-indexes] [--out=file.json]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase } from '../electron/services/history/db.js';
import { SearchIndexer } from '../electron/services/history/search-indexer.js';
import { attemptRowValues, INSERT_ATTEMPT_SQL, INSERT_SEND_SQL, sendRowValues } from '../electron/services/history/send-row.js';
import { benchRecord } from './history-records.js';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
const batch = Number(arg('batch') ?? 500);
const noIndexes = process.argv.includes('--no-secondary-indexes');

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

const dir = mkdtempSync(join(tmpdir(), 'bench-history-floor-'));
try {
  const { db } = openDatabase(join(dir, 'history.db'));
  if (noIndexes) for (const n of ['sends_created', 'sends_topic', 'sends_profile', 'sends_status', 'sends_topic_created']) db.exec(`DROP INDEX ${n}`);
  const base = Date.now() - rows * 10;
  const values: { send: unknown[]; attempts: unknown[][] }[] = [];
  for (let i = 0; i < rows; i++) {
    const r = benchRecord(i, base);
    values.push({ send: sendRowValues(i + 1, r), attempts: r.attempts.map((a) => attemptRowValues(i + 1, a)) });
  }
  const insertSend = db.prepare(INSERT_SEND_SQL);
  const insertAttempt = db.prepare(INSERT_ATTEMPT_SQL);
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      insertSend.run(v.send);
      for (const a of v.attempts) insertAttempt.run(a);
    }
  });
  const load0 = loadavg()[0]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rows; i += batch) write(i, Math.min(rows, i + batch));
  const rowSeconds = (performance.now() - t0) / 1000;
  const rowCpu = cpuSeconds(c0);
  const indexer = new SearchIndexer(db);
  indexer.committed(rows);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  indexer.catchUp();
  const indexSeconds = (performance.now() - t1) / 1000;
  const indexCpu = cpuSeconds(c1);
  indexer.dispose();
  db.close();
  const usPerRow = ((rowSeconds + indexSeconds) / rows) * 1e6;
  const out = {
    rows,
    batch,
    secondaryIndexes: !noIndexes,
    rowsUsPerRow: (rowSeconds / rows) * 1e6,
    indexUsPerRow: (indexSeconds / rows) * 1e6,
    cpuUsPerRow: ((rowCpu + indexCpu) / rows) * 1e6,
    ceilingRowsPerSecond: 1e6 / usPerRow,
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
