/**
 * TransactionMQProducer against scripted brokers on the manual clock: the half message's bytes,
 * END_TRANSACTION's header and destination, the local outcomes (throw, null, flush timeout), bad
 * input refused before anything is sent, and CHECK_TRANSACTION_STATE answered by the group's
 * listener with fromTransactionCheck=true.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionMQProducer, ValidationError, type ClientEvents, type TransactionCheck, type TransactionListener } from '../../../core/index.js';
import { createRequest, type RemotingCommand } from '../../../core/remoting/command.js';
import { decodeProperties, encodeProperties } from '../../../core/protocol/message-properties.js';
import { decodeOffsetMsgId } from '../../../core/protocol/message-id.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';
import { ManualClock } from '../support/manual-clock.js';
import { Harness, ROUTE, SEND, until } from '../support/producer-cluster.js';
import { routeJson, sendOk, type Reply, type ScriptedServer } from '../support/scripted-server.js';

const END_TRANSACTION = 37;
const CHECK_TRANSACTION_STATE = 39;

const h = new Harness();
afterEach(() => h.dispose());
const server = (handler: (cmd: RemotingCommand) => Reply) => h.server(handler);

async function cluster(opts: { a: (c: RemotingCommand) => Reply; b?: (c: RemotingCommand) => Reply; listener?: TransactionListener; group?: string }) {
  const respond =
    (handler: (c: RemotingCommand) => Reply) =>
    (c: RemotingCommand): Reply =>
      (c.flag & 1) !== 0 ? 'silent' : c.code === SEND ? handler(c) : { code: 0 };
  const a = await server(respond(opts.a));
  const b = opts.b ? await server(respond(opts.b)) : undefined;
  const brokers = [{ name: 'broker-a', addr: a.addr }, ...(b ? [{ name: 'broker-b', addr: b.addr }] : [])];
  const ns = await server((c) => (c.code === ROUTE ? { code: 0, body: routeJson(brokers) } : { code: 0 }));
  const clock = new ManualClock();
  const producer = h.track(
    new TransactionMQProducer({ namesrvAddr: ns.addr, producerGroup: opts.group ?? 'tx_group', clock, transactionListener: opts.listener }),
  );
  await producer.start();
  return { a, b, ns, clock, producer };
}

const commit: TransactionListener = { executeLocalTransaction: () => 'COMMIT_MESSAGE', checkLocalTransaction: () => 'COMMIT_MESSAGE' };
const msg = { topic: 'TxTopic', body: 'order #1', keys: 'order-1' };

function ends(s: ScriptedServer): RemotingCommand[] {
  return s.requests.filter((r) => r.code === END_TRANSACTION);
}

describe('sendMessageInTransaction', () => {
  it('writes the half message as Java does and ends it on the broker that stored it', async () => {
    // broker-a refuses (retriable) so the half message lands on broker-b after a retry.
    const { a, b, producer } = await cluster({ a: () => ({ code: 1, remark: 'store error' }), b: (c) => sendOk(c), listener: commit });
    let r = await producer.sendMessageInTransaction(msg);
    for (let i = 0; i < 4 && r.messageQueue.brokerName !== 'broker-b'; i++) r = await producer.sendMessageInTransaction(msg);
    expect(r.messageQueue.brokerName).toBe('broker-b');
    const half = b!.requests.filter((c) => c.code === SEND).at(-1)!;
    const ext = half.extFields!;
    expect(Number(ext.f) & 0xc).toBe(0x4); // TRANSACTION_PREPARED_TYPE
    const props = decodeProperties(ext.i);
    expect(props).toMatchObject({ TRAN_MSG: 'true', PGROUP: 'tx_group', KEYS: 'order-1', UNIQ_KEY: r.msgId });
    expect(props.DELAY).toBeUndefined();

    await until('END_TRANSACTION on broker-b', () => ends(b!).length >= 1);
    const end = ends(b!).at(-1)!;
    expect(end.flag & 2).toBe(2); // oneway
    expect(end.extFields).toMatchObject({
      producerGroup: 'tx_group',
      tranStateTableOffset: r.queueOffset.toString(),
      commitLogOffset: decodeOffsetMsgId(r.offsetMsgId).commitLogOffset.toString(),
      commitOrRollback: '8',
      fromTransactionCheck: 'false',
      msgId: r.msgId,
      topic: 'TxTopic',
      bname: 'broker-b',
    });
    expect(r).toMatchObject({ localTransactionState: 'COMMIT_MESSAGE', endTransaction: { sent: true, addr: b!.addr } });
    // END_TRANSACTION never goes to a broker that did not store the half message.
    expect(ends(a).filter((e) => e.extFields?.msgId === r.msgId)).toHaveLength(0);
  });

  it('sends ROLLBACK (12), and UNKNOW (0) with the exception as remark when the local transaction throws or returns nothing', async () => {
    const outcomes: (() => unknown)[] = [
      () => 'ROLLBACK_MESSAGE',
      () => {
        throw new Error('db down');
      },
      () => null,
      async () => 'COMMIT_MESSAGE',
    ];
    let i = 0;
    const listener: TransactionListener = { executeLocalTransaction: () => outcomes[i++]!() as 'COMMIT_MESSAGE', checkLocalTransaction: () => 'UNKNOW' };
    const { a, producer } = await cluster({ a: (c) => sendOk(c), listener });
    const r1 = await producer.sendMessageInTransaction(msg);
    const r2 = await producer.sendMessageInTransaction(msg);
    const r3 = await producer.sendMessageInTransaction(msg);
    const r4 = await producer.sendMessageInTransaction(msg);
    expect([r1, r2, r3, r4].map((r) => r.localTransactionState)).toEqual(['ROLLBACK_MESSAGE', 'UNKNOW', 'UNKNOW', 'COMMIT_MESSAGE']);
    expect(r2.localTransactionError).toBe('Error: db down');
    await until('four END_TRANSACTION', () => ends(a).length === 4);
    const byId = (id: string) => ends(a).find((e) => e.extFields!.msgId === id)!;
    expect(byId(r1.msgId).extFields!.commitOrRollback).toBe('12');
    expect(byId(r2.msgId).extFields!.commitOrRollback).toBe('0');
    expect(byId(r2.msgId).remark).toBe('executeLocalTransactionBranch exception: Error: db down');
    expect(byId(r3.msgId).extFields!.commitOrRollback).toBe('0');
    expect(byId(r4.msgId).extFields!.commitOrRollback).toBe('8');
  });

  it('rolls back without running the local transaction when the half message is stored with FLUSH_DISK_TIMEOUT', async () => {
    let ran = 0;
    const { a, producer } = await cluster({
      a: (c) => sendOk(c, 10),
      listener: { executeLocalTransaction: () => (ran++, 'COMMIT_MESSAGE'), checkLocalTransaction: () => 'UNKNOW' },
    });
    const r = await producer.sendMessageInTransaction(msg);
    expect(ran).toBe(0);
    expect(r).toMatchObject({ sendStatus: 'FLUSH_DISK_TIMEOUT', localTransactionState: 'ROLLBACK_MESSAGE' });
    await until('END_TRANSACTION', () => ends(a).length === 1);
    expect(ends(a)[0]!.extFields!.commitOrRollback).toBe('12');
  });

  it('refuses a delay level, a deliver-at time, a batch and a missing listener before anything is sent', async () => {
    const { a, producer } = await cluster({ a: (c) => sendOk(c) });
    const cases: [Promise<unknown>, RegExp][] = [
      [producer.sendMessageInTransaction({ ...msg, delayTimeLevel: 3 }, commit), /cannot have a delay level \(got 3\)/],
      [producer.sendMessageInTransaction({ ...msg, deliverTimeMs: Date.now() + 60_000 }, commit), /deliver-at time/],
      [producer.sendMessageInTransaction([msg, msg] as never, commit), /batch cannot be sent in a transaction/],
      [producer.sendMessageInTransaction(msg), /TransactionListener is null/],
    ];
    for (const [p, re] of cases) {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as Error).message).toMatch(re);
    }
    expect(a.count(SEND)).toBe(0);
    expect(a.count(END_TRANSACTION)).toBe(0);
  });

  it('emits half sent, local outcome and end sent, in that order', async () => {
    const { producer } = await cluster({ a: (c) => sendOk(c), listener: commit });
    const seen: string[] = [];
    for (const t of ['transaction:half-sent', 'transaction:local-outcome', 'transaction:end-sent'] as const)
      producer.events.on(t, (e: ClientEvents[typeof t]) => seen.push(`${t}:${e.msgId}`));
    const r = await producer.sendMessageInTransaction(msg);
    expect(seen).toEqual([`transaction:half-sent:${r.msgId}`, `transaction:local-outcome:${r.msgId}`, `transaction:end-sent:${r.msgId}`]);
  });
});

function checkRequest(opts: { group: string; uniq: string; checkTimes?: number; body?: string }): RemotingCommand {
  const body = encodeStored({
    topic: 'TxTopic',
    body: Buffer.from(opts.body ?? 'half body'),
    queueOffset: 7n,
    commitLogOffset: 4242n,
    sysFlag: 0x4,
    properties: encodeProperties({
      TRAN_MSG: 'true',
      PGROUP: opts.group,
      UNIQ_KEY: opts.uniq,
      KEYS: 'order-9',
      TRANSACTION_CHECK_TIMES: String(opts.checkTimes ?? 1),
    }),
  });
  const cmd = createRequest(
    CHECK_TRANSACTION_STATE,
    {
      tranStateTableOffset: '7',
      commitLogOffset: '4242',
      msgId: opts.uniq,
      transactionId: opts.uniq,
      offsetMsgId: '7F00000100002A9F0000000000001092',
      topic: 'TxTopic',
      bname: 'broker-a',
    },
    body,
  );
  cmd.flag = 2; // oneway, as the broker sends it
  cmd.opaque = 99;
  return cmd;
}

describe('CHECK_TRANSACTION_STATE', () => {
  it('is answered through the group listener with END_TRANSACTION fromTransactionCheck=true to the broker that asked', async () => {
    const checks: TransactionCheck[] = [];
    const { a, producer } = await cluster({
      a: (c) => sendOk(c),
      listener: { executeLocalTransaction: () => 'UNKNOW', checkLocalTransaction: (c) => (checks.push(c), 'COMMIT_MESSAGE') },
    });
    await producer.send({ topic: 'TxTopic', body: 'warm up' }); // opens the broker connection the check comes on
    const received: ClientEvents['transaction:check-received'][] = [];
    producer.events.on('transaction:check-received', (e) => received.push(e));
    a.push(checkRequest({ group: 'tx_group', uniq: 'AC110001000000000000000000000001', checkTimes: 3 }));
    await until('END_TRANSACTION from the check', () => ends(a).length === 1);
    const end = ends(a)[0]!;
    expect(end.flag & 2).toBe(2);
    expect(end.extFields).toMatchObject({
      producerGroup: 'tx_group',
      tranStateTableOffset: '7',
      commitLogOffset: '4242',
      commitOrRollback: '8',
      fromTransactionCheck: 'true',
      msgId: 'AC110001000000000000000000000001',
      transactionId: 'AC110001000000000000000000000001',
      bname: 'broker-a',
      topic: 'TxTopic',
    });
    expect(checks).toHaveLength(1);
    expect(checks[0]!.message.body.toString()).toBe('half body');
    expect(checks[0]!.message.keys).toEqual(['order-9']);
    expect(checks[0]!.checkTimes).toBe(3);
    expect(received).toMatchObject([{ group: 'tx_group', msgId: 'AC110001000000000000000000000001', handled: true, checkTimes: 3 }]);
    // The check itself gets no response frame (oneway by protocol).
    expect(a.requests.filter((r) => (r.flag & 1) !== 0)).toHaveLength(0);
  });

  it('answers UNKNOW (0) with the exception as remark when the check listener throws', async () => {
    const { a, producer } = await cluster({
      a: (c) => sendOk(c),
      listener: {
        executeLocalTransaction: () => 'UNKNOW',
        checkLocalTransaction: () => {
          throw new Error('cannot tell');
        },
      },
    });
    await producer.send({ topic: 'TxTopic', body: 'warm up' });
    a.push(checkRequest({ group: 'tx_group', uniq: 'AC110001000000000000000000000002' }));
    await until('END_TRANSACTION', () => ends(a).length === 1);
    expect(ends(a)[0]!.extFields!.commitOrRollback).toBe('0');
    expect(ends(a)[0]!.remark).toBe('checkLocalTransactionState Exception: Error: cannot tell');
  });

  it('ignores a check for a group no producer of this client belongs to, and says so in the event', async () => {
    const { a, producer } = await cluster({ a: (c) => sendOk(c), listener: commit });
    await producer.send({ topic: 'TxTopic', body: 'warm up' });
    const received: ClientEvents['transaction:check-received'][] = [];
    producer.events.on('transaction:check-received', (e) => received.push(e));
    a.push(checkRequest({ group: 'other_group', uniq: 'AC110001000000000000000000000003' }));
    await until('check event', () => received.length === 1);
    expect(received[0]).toMatchObject({ group: 'other_group', handled: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(ends(a)).toHaveLength(0);
  });

  it('lets a host answer a check later (answerCheck) with the offsets of that check', async () => {
    let pending: TransactionCheck | undefined;
    const { a, producer } = await cluster({
      a: (c) => sendOk(c),
      listener: { executeLocalTransaction: () => 'UNKNOW', checkLocalTransaction: (c) => ((pending = c), 'UNKNOW') },
    });
    await producer.send({ topic: 'TxTopic', body: 'warm up' });
    a.push(checkRequest({ group: 'tx_group', uniq: 'AC110001000000000000000000000004' }));
    await until('the listener saw the check', () => pending !== undefined && ends(a).length === 1);
    expect(ends(a)[0]!.extFields!.commitOrRollback).toBe('0');
    const out = await producer.answerCheck(pending!, 'ROLLBACK_MESSAGE');
    expect(out).toMatchObject({ sent: true, addr: a.addr, commitLogOffset: 4242n });
    await until('second END_TRANSACTION', () => ends(a).length === 2);
    expect(ends(a)[1]!.extFields).toMatchObject({ commitOrRollback: '12', fromTransactionCheck: 'true', msgId: 'AC110001000000000000000000000004' });
  });
});

describe('message trace of a transaction (traceEnabled)', () => {
  it('traces the half message as Trans_Msg_Half and END_TRANSACTION as an EndTransaction record, as the Java hooks do', async () => {
    const a = await server((c) => ((c.flag & 1) !== 0 ? 'silent' : c.code === SEND ? sendOk(c) : { code: 0 }));
    const ns = await server((c) => (c.code === ROUTE ? { code: 0, body: routeJson([{ name: 'broker-a', addr: a.addr }]) } : { code: 0 }));
    const producer = new TransactionMQProducer({ namesrvAddr: ns.addr, producerGroup: 'tx_traced', clock: new ManualClock(), traceEnabled: true });
    h.track(producer);
    await producer.start();
    const r = await producer.sendMessageInTransaction({ ...msg, tags: 'TagT' }, commit);
    await producer.trace!.drain();
    const traces = a.requests.filter((c) => c.code === SEND && c.extFields!.b === 'RMQ_SYS_TRACE_TOPIC');
    const body = traces.map((c) => c.body!.toString('utf8')).join('');
    const S = '\u0001';
    // Pub: … msgType 1 (Trans_Msg_Half) … success
    expect(body).toMatch(
      new RegExp(
        `Pub${S}\\d+${S}[^${S}]*${S}tx_traced${S}TxTopic${S}${r.msgId}${S}TagT${S}order-1${S}[^${S}]+${S}\\d+${S}\\d+${S}1${S}${r.offsetMsgId}${S}true\u0002`,
      ),
    );
    // EndTransaction: msgType 2 (Trans_msg_Commit), transactionId = the UNIQ_KEY, the state, fromTransactionCheck=false.
    expect(body).toContain(
      `EndTransaction${S}` +
        body.split(`EndTransaction${S}`)[1]!.split(S)[0]! +
        `${S}DefaultRegion${S}tx_traced${S}TxTopic${S}${r.msgId}${S}TagT${S}order-1${S}${r.endTransaction.addr}${S}2${S}${r.msgId}${S}COMMIT_MESSAGE${S}false\u0002`,
    );
    // The trace message is found by the traced msgId and keys (TraceTransferBean.transKey).
    expect(decodeProperties(traces[0]!.extFields!.i).KEYS!.split(' ')).toEqual(expect.arrayContaining([r.msgId, 'order-1']));
  });

  it('writes no trace when tracing is off', async () => {
    const { a, producer } = await cluster({ a: (c) => sendOk(c), listener: commit });
    await producer.sendMessageInTransaction(msg);
    expect(producer.trace).toBeUndefined();
    expect(a.requests.some((c) => c.code === SEND && c.extFields!.b === 'RMQ_SYS_TRACE_TOPIC')).toBe(false);
  });
});
