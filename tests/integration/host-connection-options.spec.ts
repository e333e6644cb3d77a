/**
 * A profile's connection options through the host service layer (the dispatcher the Electron IPC
 * handlers call) against the real `main` cluster (traceTopicEnable=true), checked from the other
 * side: mqadmin queryMsgTraceById shows the trace of a traced send; an LZ4 body over the threshold
 * is read back identically by the official Java client. (A traced transaction is proven in
 * transactions.spec.ts, on the tx cluster: no transaction may touch main.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mqadmin, waitFor } from '../cluster/cluster.js';
import { readTopic } from '../java-peer/java-peer.js';
import { testWorkbench, type TestWorkbench } from '../unit/electron/support/workbench.js';
import { NAMESRV, uniqueTopic } from './env.js';
import { hostCalls } from './support/host-calls.js';
import type { HistoryEntry, SendOutcome } from '../../electron/common/api.js';

let t: TestWorkbench;
const topic = uniqueTopic('WbHostTrace');
const zTopic = uniqueTopic('WbHostLz4');

const { ok, connectedProfile } = hostCalls(
  () => t,
  () => NAMESRV,
);

/** The Pub line mqadmin queryMsgTraceById prints for msgId (the broker indexes the trace message asynchronously: ask until it is there). */
function pubTraceOf(msgId: string): Promise<string> {
  return waitFor(`the trace of ${msgId} in mqadmin queryMsgTraceById`, 60_000, () => {
    const q = mqadmin(['queryMsgTraceById', '-i', msgId]);
    if (q.status !== 0) throw new Error(q.stderr.slice(-500));
    return q.stdout.split('\n').find((l) => /^Pub\b/.test(l.trim()));
  });
}

beforeAll(() => {
  for (const tp of [topic, zTopic]) expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', tp, '-r', '2', '-w', '2']).status).toBe(0);
  t = testWorkbench();
});
afterAll(() => t?.close());

describe('a profile with message trace on', () => {
  it('a send is traced: the outcome and the history row say so, and mqadmin queryMsgTraceById shows the Pub record', async () => {
    const p = await connectedProfile('Traced', { traceEnabled: true });
    const o = await ok<SendOutcome>('send:message', { profileId: p.id, message: { topic, body: 'traced from the host', keys: 'host-trace-1' } });
    expect(o.status).toBe('ok');
    expect(o.traceTopic).toBe('RMQ_SYS_TRACE_TOPIC');
    const row = await ok<HistoryEntry>('history:get', { id: o.historyId });
    expect(row).toMatchObject({ traced: true, traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
    const pub = await pubTraceOf(o.result!.msgId);
    expect(pub.trim()).toMatch(new RegExp(`^Pub\\s+${p.group}\\s+\\S+\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d+ms\\s+success$`));
  });

  it('a profile without trace records traced=false', async () => {
    const p = await connectedProfile('Untraced', {});
    const o = await ok<SendOutcome>('send:message', { profileId: p.id, message: { topic, body: 'not traced' } });
    expect(o.status).toBe('ok');
    expect(o.traceTopic).toBeUndefined();
    expect(await ok<HistoryEntry>('history:get', { id: o.historyId })).toMatchObject({ traced: false });
  });
});

describe('a profile with LZ4 compression', () => {
  it('a body over the threshold is sent LZ4-compressed and the Java client reads it back identically; one under it is not compressed', async () => {
    const p = await connectedProfile('Lz4', { compressType: 'LZ4', compressThreshold: 4096 });
    const big = Buffer.concat([Buffer.from('{"order":42,"items":["a","b"]}\n'.repeat(400)), randomBytes(512)]).toString('base64');
    const small = 's'.repeat(100);
    const o1 = await ok<SendOutcome>('send:message', { profileId: p.id, message: { topic: zTopic, body: big, bodyFormat: 'base64', keys: 'lz4-big' } });
    const o2 = await ok<SendOutcome>('send:message', { profileId: p.id, message: { topic: zTopic, body: small, keys: 'lz4-small' } });
    expect([o1.status, o2.status]).toEqual(['ok', 'ok']);
    const read = await readTopic(NAMESRV, zTopic);
    const byKey = new Map(read.messages.map((m) => [m.keys, m]));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const bigBytes = Buffer.from(big, 'base64');
    expect(byKey.get('lz4-big')).toMatchObject({ bodyLength: bigBytes.length, bodySha256: sha(bigBytes) });
    expect(byKey.get('lz4-small')).toMatchObject({ bodyLength: small.length, bodySha256: sha(Buffer.from(small)) });
    // The stored sysFlag as mqadmin prints it: LZ4's type bits (256) on the big body, none on the small one.
    for (const [key, flag] of [
      ['lz4-big', '256'],
      ['lz4-small', '0'],
    ] as const) {
      const q = mqadmin(['queryMsgById', '-t', zTopic, '-i', byKey.get(key)!.offsetMsgId!]);
      expect(q.stdout, key).toMatch(new RegExp(`System Flag:\\s+${flag}\\b`));
    }
  }, 180_000);
});
