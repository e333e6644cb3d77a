/**
 * Benchmark (not a test): history search on a large database.
 *   npm run bench:history [-- 1000000]
 * Fills a temp database with N sends through the real batched writer (reused between runs at
 * $TMPDIR/wb-history-bench-N.db), then times the searches the History view makes.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/services/history/db.js';
import { HistoryStore } from '../../electron/services/history/history-store.js';
import type { SearchFilter } from '../../electron/services/history/queries.js';
import { sendRecord } from '../unit/electron/history/records.js';

const N = Number(process.argv[2] ?? 1_000_000);
const file = join(tmpdir(), `wb-history-bench-${N}.db`);
const fresh = !existsSync(file);
const t0 = performance.now();
const { db } = openDatabase(file);
console.log(`open + integrity check: ${(performance.now() - t0).toFixed(0)} ms`);
const store = new HistoryStore(db, { batchSize: 2000 });
if (fresh) {
  const w0 = performance.now();
  for (let i = 1; i <= N; i++) {
    store.record(sendRecord(i));
    if (i % 50_000 === 0) {
      await store.whenIdle();
      process.stdout.write(`\rwritten ${i}/${N}`);
    }
  }
  await store.whenIdle();
  const s = (performance.now() - w0) / 1000;
  console.log(`\nwrote ${N} sends in ${s.toFixed(1)} s (${Math.round(N / s)} sends/s)`);
}
console.log(store.stats());

const cases: [string, SearchFilter][] = [
  ['newest page', { limit: 50 }],
  ['page 2000 (keyset)', { limit: 50, beforeId: N - 100_000 }],
  ['topic', { topic: 'TOPIC_1', limit: 50 }],
  ['status failed', { status: ['failed'], limit: 50 }],
  ['profile + status', { profileId: 'p2', status: ['failed'], limit: 50 }],
  ['text: exact key', { text: `order-${Math.floor(N / 2)}`, limit: 50 }],
  ['text: key prefix', { text: `order-${Math.floor(N / 20)}`, limit: 50 }],
  ['text: common word', { text: 'payload', limit: 50 }],
  ['text: no match', { text: 'zzzznotthere', limit: 50 }],
  ['time range (1 h)', { from: 1_700_000_000_000 + (N / 2) * 1000, to: 1_700_000_000_000 + (N / 2) * 1000 + 3_600_000, limit: 50 }],
  ['topic + text + time', { topic: 'TOPIC_2', text: 'payload', from: 1_700_000_000_000, to: 1_700_000_000_000 + N * 500, limit: 50 }],
  ['rare status + old range', { status: ['degraded'], limit: 50 }],
];
for (const [name, f] of cases) {
  store.search(f); // warm
  const runs = 5;
  const s0 = performance.now();
  let rows = 0;
  for (let i = 0; i < runs; i++) rows = store.search(f).items.length;
  console.log(`${name.padEnd(26)} ${((performance.now() - s0) / runs).toFixed(1).padStart(8)} ms  (${rows} rows)`);
}
store.close();
db.close();
