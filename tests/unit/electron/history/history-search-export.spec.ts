/** History search in property values, exact/prefix key terms, 'not sent' rows, count, chunked export, and migration 3's backfill. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { csvCell } from '../../../../electron/services/history/export.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { parseSearchText } from '../../../../electron/services/history/queries.js';
import { sendRecord } from './records.js';
import { historyDbFiles } from './db-files.js';

const dbFile = historyDbFiles('hist-x-');

function withProps(i: number, props: Record<string, string>, keys?: string) {
  const r = sendRecord(i, keys ? { keys } : {});
  r.request = { ...r.request, messages: [{ ...r.request.messages[0]!, properties: props }] };
  return r;
}

function store(): HistoryStore {
  const s = new HistoryStore(openDatabase(dbFile()).db);
  s.record(withProps(1, { region: 'eu-west', trace: 'abc' }, 'abc'));
  s.record(withProps(2, { region: 'us-east' }, 'abcdef'));
  s.record(withProps(3, {}, 'xabc other'));
  s.record(withProps(4, { tenant: 'acme-corp' }, 'other abc'));
  return s;
}
const ids = (s: HistoryStore, text: string) => s.search({ text }).items.map((r) => r.id);

describe('search', () => {
  it('finds rows by a property value (word prefix like the other columns)', () => {
    const s = store();
    expect(ids(s, 'eu-west')).toEqual([1]);
    expect(ids(s, 'acme')).toEqual([4]);
    expect(ids(s, 'us-ea')).toEqual([2]);
  });

  it('key:abc matches that key exactly, key:abc* the keys starting with it', () => {
    const s = store();
    expect(ids(s, 'key:abc')).toEqual([4, 1]);
    expect(ids(s, 'key:abc*')).toEqual([4, 2, 1]);
    expect(ids(s, 'key:abcdef')).toEqual([2]);
    expect(ids(s, 'key:abc eu-west')).toEqual([1]);
    expect(ids(s, 'key:nope')).toEqual([]);
    expect(parseSearchText('  key:a*  b key:c ')).toEqual({
      keys: [
        { key: 'a', prefix: true },
        { key: 'c', prefix: false },
      ],
      rest: 'b',
    });
  });

  it("records and filters 'not sent' rows with their reason", () => {
    const s = store();
    s.record({
      ...sendRecord(5),
      status: 'not sent',
      attempts: [],
      result: undefined,
      error: { name: 'MQClientError', code: 10003, retriable: true, message: 'no NameServer answered (tried 127.0.0.1:1)' },
    });
    const page = s.search({ status: ['not sent'] });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ status: 'not sent', errorMessage: 'no NameServer answered (tried 127.0.0.1:1)', attemptCount: 0 });
  });
});

describe('count and export', () => {
  it('counts the whole match, not a page', () => {
    const s = new HistoryStore(openDatabase(dbFile()).db);
    for (let i = 1; i <= 1234; i++) s.record(sendRecord(i));
    expect(s.count({})).toBe(1234);
    expect(s.count({ status: ['failed'] })).toBe(246);
    expect(s.count({ text: 'key:order-17' })).toBe(1);
  });

  it('exports in chunks with a cursor: NDJSON full entries, CSV with one header row', () => {
    const s = new HistoryStore(openDatabase(dbFile()).db);
    for (let i = 1; i <= 25; i++) s.record(sendRecord(i));
    const lines: string[] = [];
    let cursor: number | undefined;
    let calls = 0;
    do {
      const c = s.exportChunk({}, 'ndjson', 10, cursor);
      calls++;
      lines.push(...c.data.split('\n').filter(Boolean));
      cursor = c.nextCursor ? Number(c.nextCursor) : undefined;
    } while (cursor !== undefined);
    expect(calls).toBe(3);
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(JSON.parse(lines[0]!)).toHaveProperty('attempts');

    const first = s.exportChunk({ ids: [3, 1, 2] }, 'csv', 2);
    const second = s.exportChunk({ ids: [3, 1, 2] }, 'csv', 2, Number(first.nextCursor));
    expect(first.data.split('\r\n')[0]).toMatch(/^id,createdAt,profile,topic/);
    expect(first.data.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(
      second.data
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(',')[0]),
    ).toEqual(['1']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('CSV cells are quoted and never start a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('migration 3', () => {
  it('backfills property values of rows written before it into the index', () => {
    const file = dbFile();
    const v2 = openDatabase(file, { migrateTo: 2 }).db;
    // A v2 store has no props_text column: write the row the v2 way through plain SQL.
    v2.prepare(
      `INSERT INTO sends (id, created_at, profile_id, profile_name, topic, mode, message_count, status, latency_ms, attempt_count, origin, body_text, request) VALUES (1, 1, 'p', 'p', 'T', 'sync', 1, 'ok', 1, 0, 'send', '', ?)`,
    ).run(JSON.stringify({ messages: [{ properties: { colour: 'vermilion' } }] }));
    v2.close();
    const s = new HistoryStore(openDatabase(file).db);
    expect(s.search({ text: 'vermilion' }).items.map((r) => r.id)).toEqual([1]);
  });
});
