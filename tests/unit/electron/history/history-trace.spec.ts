/**
 * History keeps each send's trace state (migration 5, column trace_topic): rows written before it
 * read back as not traced; a traced send reads back traced with its topic, in search and in get.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { tempDir } from '../support/workbench.js';
import { sendRecord } from './records.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbFile(): string {
  const d = tempDir('hist-trace-');
  dirs.push(d);
  return join(d, 'workbench.db');
}

describe('history trace state', () => {
  it('a row from a version-4 database upgrades to not traced', () => {
    const file = dbFile();
    const v4 = openDatabase(file, { migrateTo: 4 }).db;
    const r = sendRecord(1);
    v4.prepare(
      `INSERT INTO sends (id, created_at, profile_id, profile_name, topic, mode, message_count, status, latency_ms, attempt_count, origin, body_text, request)
       VALUES (1, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?)`,
    ).run(r.createdAt, r.profileId, r.profileName, r.topic, r.mode, r.status, r.latencyMs, r.origin, r.bodyText, JSON.stringify(r.request));
    v4.close();
    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
    const store = new HistoryStore(db);
    expect(store.get(1)).toMatchObject({ id: 1, traced: false, traceTopic: undefined });
    db.close();
  });

  it('a traced send reads back traced, with its topic, in search and get; an untraced one does not', () => {
    const { db } = openDatabase(dbFile());
    const store = new HistoryStore(db);
    const traced = store.record({ ...sendRecord(1), traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
    const plain = store.record(sendRecord(2));
    expect(store.get(traced)).toMatchObject({ traced: true, traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
    expect(store.get(plain)).toMatchObject({ traced: false, traceTopic: undefined });
    const items = store.search({ limit: 10 }).items;
    expect(items.find((i) => i.id === traced)).toMatchObject({ traced: true, traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
    expect(items.find((i) => i.id === plain)!.traced).toBe(false);
    store.close();
    db.close();
  });
});
