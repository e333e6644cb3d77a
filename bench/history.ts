/**
 * The send-history store (electron/services/history, better-sqlite3, WAL) under the bench: batched
 * insert rate through its own writer (`record()` + background transactions) up to N rows (1M by
 * default), then search latency over that table — newest page, topic filter, status filter, FTS
 * text prefix, a deep keyset page and a single-row get. Runs in its own process; prints one JSON line.
 *
 *   tsx bench/history.ts [rows]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/services/history/db.js';
import { HistoryStore, type SendRecord } from '../electron/services/history/history-store.js';
import { percentiles } from './stats.js';

export interface HistoryBench {
  rows: number;
  insertSeconds: number;
  rowsPerSecond: number;
  /** CPU seconds the process spent inserting (user + system): steadier than wall time on a shared box. */
  insertCpuSeconds: number;
  rowsPerCpuSecond: number;
  dbMiB: number;
  queries: { name: string; runs: number; hits: number; p50: number; p95: number; max: number }[];
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  const file = join(dir, 'history.db');
  try {
    const { db } = openDatabase(file);
    const store = new HistoryStore(db, { batchSize: 500 });
    // Keep retention out of the way: the point is 1M rows.
    store.setSettings({ maxRows: 0, maxAgeDays: 0 });
    const words = ['order', 'payment', 'refund', 'invoice', 'shipment', 'customer', 'priority', 'express', 'warehouse', 'berlin', 'paris', 'tokyo'];
    const topics = ['orders', 'payments', 'shipments', 'audit', 'WorkbenchBench'];
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const base = Date.now() - rows * 10;
    for (let i = 0; i < rows; i++) {
      const topic = topics[i % topics.length]!;
      const bodyText = `{"id":${i},"event":"${words[i % 12]}","city":"${words[(i * 7) % 12]}","note":"${words[(i * 13) % 12]}-${i.toString(36)}"}`;
      const ok = i % 50 !== 0;
      const r: SendRecord = {
        createdAt: base + i * 10,
        profileId: 'local',
        profileName: 'Local cluster',
        topic,
        tags: i % 3 === 0 ? 'TagA' : undefined,
        keys: `order-${i}`,
        mode: 'sync',
        messageCount: 1,
        status: ok ? 'ok' : 'failed',
        latencyMs: 1 + (i % 17),
        attempts: [{ attempt: 1, brokerName: i % 2 ? 'broker-a' : 'broker-b', addr: '127.0.0.1:10911', queueId: i % 8, latencyMs: 1 + (i % 17), ok }],
        result: ok
          ? ({
              sendStatus: 'SEND_OK',
              msgId: `AC110002000000000000${i.toString(16).padStart(12, '0')}`,
              offsetMsgId: '7F00000100002A9F0000000000000000',
              brokerName: 'broker-a',
              queueId: i % 8,
              queueOffset: String(i),
            } as SendRecord['result'])
          : undefined,
        error: ok ? undefined : ({ name: 'SendFailedError', code: 10007, retriable: true, message: 'send timed out' } as SendRecord['error']),
        origin: i % 10 === 0 ? 'bulk' : 'send',
        bodyText,
        request: {
          profileId: 'local',
          mode: 'sync',
          target: { kind: 'auto' },
          messages: [{ topic, properties: {}, bodyBase64: Buffer.from(bodyText).toString('base64'), bodyText, bodyFormat: 'json', bodySize: bodyText.length }],
        } as unknown as SendRecord['request'],
      };
      store.record(r);
      // Let the batched writer run, as it does in the app (one transaction per event-loop turn).
      if (store.pending >= 5000) await new Promise((res) => setImmediate(res));
    }
    await store.whenIdle();
    store.flush();
    const insertSeconds = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const insertCpuSeconds = (c1.user + c1.system) / 1e6;

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
      q('keyset page deep in the table', 50, (i) => store.search({ beforeId: Math.floor(rows / 2) - i * 100, limit: 50 }).items.length),
      q('get one row by id', 200, (i) => (store.get(1 + ((i * 104729) % rows)) ? 1 : 0)),
    ];
    store.close();
    const dbMiB = statSync(file).size / 2 ** 20;
    const out: HistoryBench = {
      rows,
      insertSeconds,
      rowsPerSecond: rows / insertSeconds,
      insertCpuSeconds,
      rowsPerCpuSecond: rows / insertCpuSeconds,
      dbMiB,
      queries,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`history bench failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
