/**
 * The search index's worker thread, as source text run with `eval: true`: no file of its own to
 * bundle (electron-vite), load through a TypeScript loader (tsx, vitest) or unpack from an archive.
 * It opens its own connection to the history file with the search file attached under the same
 * name as on the host thread, and runs the host's chunk SQL (search-indexer.ts) — no SQL of its own.
 *
 * Messages in: { upTo } apply queued full-text deletes and index up to there, chunk by chunk; { stop } close and end.
 * Messages out: { indexed } after each chunk; { failed } before it ends on an error it cannot wait out.
 */
import type { CHUNK_SQL } from './search-indexer.js';

export interface IndexerWorkerData {
  historyFile: string;
  searchFile: string;
  chunkRows: number;
  purgeRows: number;
  sql: typeof CHUNK_SQL;
}

export type WorkerReport = { indexed: number } | { failed: string };

export const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.sqlite);
let db;
try {
  db = new Database(w.historyFile, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.prepare('ATTACH ? AS search').run(w.searchFile);
} catch (e) {
  parentPort.postMessage({ failed: String(e && e.message || e) });
  process.exit(1);
}
const st = {};
for (const k of Object.keys(w.sql)) st[k] = db.prepare(w.sql[k]);
const chunk = db.transaction((target) => {
  st.claim.run();
  const gone = st.pendingDeletes.pluck().all(w.purgeRows);
  for (const id of gone) st.deleteText.run(id);
  if (gone.length > 0) st.clearDeletes.run(gone[gone.length - 1]);
  const more = gone.length === w.purgeRows;
  const from = st.watermark.get().n;
  if (from >= target) return [from, more];
  const to = Math.min(target, from + w.chunkRows);
  st.insertText.run(from, to);
  st.insertFilters.run(from, to);
  st.mark.run(to);
  return [to, more];
});
let target = 0;
let running = false;
let stopping = false;
function step() {
  running = false;
  if (stopping) return;
  let indexed, more;
  try {
    [indexed, more] = chunk(target);
  } catch (e) {
    if (e && e.code === 'SQLITE_BUSY') { running = true; setTimeout(step, 50); return; }
    parentPort.postMessage({ failed: String(e && e.message || e) });
    db.close();
    process.exit(1);
  }
  parentPort.postMessage({ indexed });
  if (indexed < target || more) { running = true; setImmediate(step); }
}
parentPort.on('message', (m) => {
  if (m.stop) { stopping = true; db.close(); process.exit(0); }
  if (m.upTo > target) target = m.upTo;
  // Even with no new rows: the chunk applies queued deletes.
  if (!running) { running = true; setImmediate(step); }
});
`;
