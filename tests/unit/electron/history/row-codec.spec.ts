/**
 * The stored request/result JSON leaves out what the row already holds and reads back exactly what
 * was recorded: text bodies of any size, a body whose BOM the decoder dropped, binary bodies,
 * batches, a result whose topic differs from the row's (namespaces), and rows written before the
 * codec existed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedMessage, ResolvedSend, SendResultView } from '../../../../electron/common/contract.js';
import { bodyAsText } from '../../../../electron/services/body-codec.js';
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { searchColumn, BODY_TEXT_MAX, packRequest, packResult, unpackRequest, unpackResult } from '../../../../electron/services/history/row-codec.js';
import { tempDir } from '../support/workbench.js';
import { sendRecord } from './records.js';

function message(bytes: Buffer, topic = 'T'): ResolvedMessage {
  return { topic, properties: { a: 'b' }, bodyBase64: bytes.toString('base64'), bodyText: bodyAsText(bytes), bodyFormat: 'text', bodySize: bytes.length };
}
const send = (...messages: ResolvedMessage[]): ResolvedSend => ({ profileId: 'p', mode: 'sync', target: { kind: 'auto' }, messages }) as ResolvedSend;
const roundTrip = (req: ResolvedSend, column: string) => unpackRequest(packRequest(req, column), column);

describe('request', () => {
  it('a text body that fits the column is stored once, in the column', () => {
    const req = send(message(Buffer.from('{"hello":"wörld ✓"}')));
    const column = searchColumn(req.messages[0]!.bodyText!);
    const stored = packRequest(req, column);
    expect(stored).not.toContain('hello');
    expect(stored).not.toContain(req.messages[0]!.bodyBase64);
    expect(unpackRequest(stored, column)).toEqual(req);
  });

  it('a text body longer than the column keeps its full text in the JSON, not its base64', () => {
    const text = 'x'.repeat(BODY_TEXT_MAX + 10);
    const req = send(message(Buffer.from(text)));
    const stored = packRequest(req, searchColumn(text));
    expect(stored).toContain(text);
    expect(stored).not.toContain('bodyBase64');
    expect(roundTrip(req, searchColumn(text))).toEqual(req);
  });

  it('a body whose BOM the decoder dropped, and a binary body, keep their bytes', () => {
    const bom = message(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]));
    expect(bom.bodyText).toBe('hi'); // the decoder dropped 3 bytes: the text alone would lose them
    const binary = message(Buffer.from([0xff, 0x00, 0xfe]));
    expect(binary.bodyText).toBeUndefined();
    for (const m of [bom, binary]) {
      const req = send(m);
      const stored = packRequest(req, 'hi');
      expect(stored).toContain(m.bodyBase64);
      expect(roundTrip(req, 'hi')).toEqual(req);
    }
  });

  it('a batch: only the first message can use the column; the others keep their text', () => {
    const req = send(message(Buffer.from('one')), message(Buffer.from('two')), message(Buffer.from('one')));
    const stored = packRequest(req, 'one');
    expect(JSON.parse(stored).messages.map((m: { textInRow?: true; bodyText?: string }) => m.textInRow ?? m.bodyText)).toEqual([true, 'two', 'one']);
    expect(roundTrip(req, 'one')).toEqual(req);
  });

  it('a first message whose text differs from the column (another body was indexed) keeps its text', () => {
    const req = send(message(Buffer.from('real body')));
    expect(roundTrip(req, 'something else')).toEqual(req);
  });
});

describe('result', () => {
  const res: SendResultView = {
    sendStatus: 'SEND_OK',
    msgId: 'M1',
    offsetMsgId: 'O1',
    topic: 'T',
    brokerName: 'broker-a',
    queueId: 0,
    queueOffset: '42',
    regionId: 'DefaultRegion',
    brokerAddr: '127.0.0.1:10911',
  };
  const columns = { send_status: 'SEND_OK', msg_id: 'M1', offset_msg_id: 'O1', broker_name: 'broker-a', queue_id: 0, queue_offset: '42', topic: 'T' };

  it('leaves out the fields its row holds, and reads them back', () => {
    const stored = packResult(res, 'T');
    expect(stored).not.toContain('M1');
    expect(unpackResult(stored, columns)).toEqual(res);
  });

  it('a result whose topic is not the row topic (a namespace) is stored whole', () => {
    const ns = { ...res, topic: 'ns%T' };
    const stored = packResult(ns, 'T');
    expect(stored).toContain('M1');
    expect(unpackResult(stored, columns)).toEqual(ns);
  });
});

describe('through the store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('get() returns what record() was given, for new rows and for rows stored whole before the codec', () => {
    const dir = tempDir('hist-codec-');
    dirs.push(dir);
    const { db } = openDatabase(join(dir, 'workbench.db'));
    const store = new HistoryStore(db);
    const records = [1, 2, 5].map((i) => sendRecord(i));
    const ids = records.map((r) => store.record(r));
    store.flush();
    // A row as written before the codec: the request and result JSON whole.
    db.prepare('UPDATE sends SET request = ?, result = ? WHERE id = ?').run(JSON.stringify(records[0]!.request), JSON.stringify(records[0]!.result), ids[0]);
    ids.forEach((id, i) => {
      const e = store.get(id)!;
      expect(e.request).toEqual(records[i]!.request);
      expect(e.result).toEqual(records[i]!.result);
    });
    const stored = db.prepare('SELECT request, result FROM sends WHERE id = ?').get(ids[1]) as { request: string; result: string };
    expect(stored.request).not.toContain('bodyBase64');
    expect(stored.result).not.toContain('msgId');
    store.close();
    db.close();
  });
});
