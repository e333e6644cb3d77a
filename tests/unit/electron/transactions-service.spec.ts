/**
 * The host's transaction service against scripted brokers: a composer transaction left unknown is
 * one history row with its timeline; the broker's check lands in the inbox and is answered
 * unknown while the policy is "ask"; the user's Commit goes out as END_TRANSACTION
 * fromTransactionCheck=true with the latest check's offsets, later checks get the same answer, a
 * second answer is refused; the "always roll back" policy answers by itself.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionMQProducer } from '../../../core/index.js';
import { createRequest, type RemotingCommand } from '../../../core/remoting/command.js';
import { encodeProperties } from '../../../core/protocol/message-properties.js';
import type { EventName, EventPayloads, ProfileView } from '../../../electron/common/contract.js';
import { openDatabase } from '../../../electron/services/history/db.js';
import { HistoryStore } from '../../../electron/services/history/history-store.js';
import type { ProducerPool } from '../../../electron/services/producer-pool.js';
import { SendEvents } from '../../../electron/services/send-events.js';
import { SequenceCounters } from '../../../electron/services/template-vars.js';
import { TransactionsService } from '../../../electron/services/transactions.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';
import { routeJson, ScriptedServer, sendOk } from '../support/scripted-server.js';
import { tempDir } from './support/workbench.js';

const SEND = 310;
const END = 37;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setup() {
  const broker = await new ScriptedServer((c) => ((c.flag & 1) !== 0 ? 'silent' : c.code === SEND ? sendOk(c) : { code: 0 })).listen();
  const ns = await new ScriptedServer((c) => (c.code === 105 ? { code: 0, body: routeJson([{ name: 'broker-a', addr: broker.addr }]) } : { code: 0 })).listen();
  const producer = new TransactionMQProducer({ namesrvAddr: ns.addr, producerGroup: 'wb_tx_group', instanceName: `tx-svc-${Date.now()}` });
  await producer.start();
  const dir = tempDir('wb-tx-');
  const { db } = openDatabase(join(dir, 'workbench.db'));
  const history = new HistoryStore(db);
  const timeline = new SendEvents(db);
  const events: { event: EventName; payload: unknown }[] = [];
  const sink = { emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void events.push({ event, payload }) };
  const profile = { id: 'p1', name: 'local', readOnly: false, env: {} } as unknown as ProfileView;
  const pool = { get: () => ({ profile, producer }) } as unknown as ProducerPool;
  const svc = new TransactionsService(pool, history, timeline, sink, new SequenceCounters(), db);
  const off = svc.observe('p1', producer);
  cleanups.push(async () => {
    off();
    await producer.shutdown();
    history.close();
    db.close();
    await broker.close();
    await ns.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { broker, producer, svc, history, timeline, events };
}

function check(uniq: string, offset: number, times: number): RemotingCommand {
  const body = encodeStored({
    topic: 'TxTopic',
    body: Buffer.from('pay order 42'),
    commitLogOffset: BigInt(offset),
    sysFlag: 0x4,
    properties: encodeProperties({ TRAN_MSG: 'true', PGROUP: 'wb_tx_group', UNIQ_KEY: uniq, KEYS: 'order-42', TRANSACTION_CHECK_TIMES: String(times) }),
  });
  const cmd = createRequest(
    39,
    { tranStateTableOffset: String(offset), commitLogOffset: String(offset * 100), msgId: uniq, transactionId: uniq, topic: 'TxTopic', bname: 'broker-a' },
    body,
  );
  cmd.flag = 2;
  return cmd;
}

const ends = (s: ScriptedServer) => s.requests.filter((r) => r.code === END);
const request = {
  profileId: 'p1',
  message: { topic: 'TxTopic', keys: ['order-42'], body: 'pay order 42', bodyFormat: 'text' as const },
  mode: 'sync' as const,
  target: { kind: 'auto' as const },
  batch: 1,
};

describe('host transactions: composer mode, inbox, policy', () => {
  it("records the transaction with a timeline, puts the check in the inbox, and sends the user's Commit with the latest offsets", async () => {
    const { broker, svc, history, timeline } = await setup();
    const out = await svc.send({ request, localOutcome: 'unknown' });
    expect(out).toMatchObject({ status: 'ok', localState: 'UNKNOW', endTransaction: { sent: true } });
    const txId = out.result!.msgId;
    await until('END_TRANSACTION (unknown)', () => ends(broker).length === 1);
    expect(ends(broker)[0]!.extFields).toMatchObject({ commitOrRollback: '0', fromTransactionCheck: 'false', msgId: txId });
    await until('history row', () => history.get(out.historyId) !== undefined);
    expect(history.get(out.historyId)).toMatchObject({ mode: 'transaction', topic: 'TxTopic', keys: 'order-42' });
    expect(timeline.list(out.historyId).map((e) => e.kind)).toEqual(['half-sent', 'local-outcome', 'end-sent']);

    broker.push(check(txId, 5, 1));
    await until('the check answered unknown (policy ask)', () => ends(broker).length === 2);
    expect(ends(broker)[1]!.extFields).toMatchObject({ commitOrRollback: '0', fromTransactionCheck: 'true' });
    broker.push(check(txId, 6, 2)); // the broker re-stores the half message on every check
    await until('second check', () => ends(broker).length === 3);
    const [entry] = svc.list('p1');
    expect(entry).toMatchObject({
      transactionId: txId,
      status: 'waiting',
      checkCount: 2,
      brokerCheckTimes: 2,
      keys: ['order-42'],
      bodyText: 'pay order 42',
      historyId: out.historyId,
    });

    const answered = await svc.answer('p1', txId, 'commit');
    expect(answered).toMatchObject({ status: 'answered', answer: 'COMMIT_MESSAGE', answeredBy: 'user' });
    await until('the commit', () => ends(broker).length === 4);
    expect(ends(broker)[3]!.extFields).toMatchObject({
      commitOrRollback: '8',
      fromTransactionCheck: 'true',
      tranStateTableOffset: '6',
      commitLogOffset: '600',
      msgId: txId,
    });
    await expect(svc.answer('p1', txId, 'rollback')).rejects.toThrow(/already answered \(commit, by you\)/);

    // A check that crossed the answer gets the same decision.
    broker.push(check(txId, 7, 3));
    await until('the late check answered commit', () => ends(broker).length === 5);
    expect(ends(broker)[4]!.extFields!.commitOrRollback).toBe('8');
    const kinds = timeline.list(out.historyId).map((e) => `${e.kind}${e.state ? `:${e.state}` : ''}`);
    expect(kinds).toEqual([
      'half-sent',
      'local-outcome:UNKNOW',
      'end-sent:UNKNOW',
      'check-received',
      'check-answered:UNKNOW',
      'check-received',
      'check-answered:UNKNOW',
      'check-answered:COMMIT_MESSAGE',
      'check-received',
      'check-answered:COMMIT_MESSAGE',
    ]);
  });

  it('answers by policy (always roll back) and refuses a batch or a delay before anything is sent', async () => {
    const { broker, svc, events } = await setup();
    expect(svc.policy('p1')).toBe('ask');
    svc.setPolicy('p1', 'rollback');
    expect(svc.policy('p1')).toBe('rollback');
    await svc.send({ request: { ...request, message: { ...request.message, keys: ['warm'] } }, localOutcome: 'commit' });
    broker.push(check('AC1100010000000000000000000000FF', 9, 1));
    await until('policy rollback', () => ends(broker).some((e) => e.extFields!.fromTransactionCheck === 'true'));
    expect(ends(broker).find((e) => e.extFields!.fromTransactionCheck === 'true')!.extFields!.commitOrRollback).toBe('12');
    expect(svc.list('p1')[0]).toMatchObject({ status: 'answered', answer: 'ROLLBACK_MESSAGE', answeredBy: 'policy', historyId: undefined });
    expect(events.filter((e) => e.event === 'tx:inbox')).toHaveLength(1);

    const sends = broker.count(SEND);
    await expect(svc.send({ request: { ...request, batch: 2 }, localOutcome: 'commit' })).rejects.toThrow(/exactly one message/);
    const delayed = await svc.send({ request: { ...request, message: { ...request.message, delayLevel: 3 } }, localOutcome: 'commit' });
    expect(delayed).toMatchObject({ status: 'not sent', error: { name: 'ValidationError' } });
    expect(delayed.error!.message).toMatch(/cannot have a delay level/);
    expect(broker.count(SEND)).toBe(sends);
  });
});
