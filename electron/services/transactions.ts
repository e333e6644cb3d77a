/**
 * Transactions in the workbench: the composer's transaction mode (half message, a local outcome the
 * user chose, END_TRANSACTION), the check-back inbox (every CHECK_TRANSACTION_STATE for a profile's
 * producer group, answered by the user or by the profile's policy), and the timeline of each
 * transaction on its history row. Each connected profile's producer is a TransactionMQProducer
 * whose check listener is this service.
 */
import type Database from 'better-sqlite3';
import {
  TransactionMQProducer,
  type DefaultMQProducer,
  type LocalTransactionState,
  type TransactionCheck,
  type TransactionSendResult,
} from '../../core/index.js';
import type { z } from 'zod';
import type * as X from '../common/contract-transactions.js';
import type { TxCheckPolicy, TxCheckView, TxSendOutcome } from '../common/contract.js';
import { bodyAsText } from './body-codec.js';
import { conflict, invalidInput, notFound, readOnly, toApiError } from './errors.js';
import type { EventSink } from './event-sink.js';
import type { HistoryStore } from './history/history-store.js';
import type { ProducerPool } from './producer-pool.js';
import type { SendEvents } from './send-events.js';
import { resolveSend, toCoreMessage, toResolvedView, toResultView, traceTopicOf } from './send-service.js';
import type { SequenceCounters } from './template-vars.js';

type TxSendInput = z.output<typeof X.TxSend>;

const OUTCOME: Record<X.TxLocalOutcome, LocalTransactionState> = { commit: 'COMMIT_MESSAGE', rollback: 'ROLLBACK_MESSAGE', unknown: 'UNKNOW' };
const POLICY_STATE: Record<TxCheckPolicy, LocalTransactionState> = { ask: 'UNKNOW', commit: 'COMMIT_MESSAGE', rollback: 'ROLLBACK_MESSAGE', unknown: 'UNKNOW' };
const WORD: Record<LocalTransactionState, string> = { COMMIT_MESSAGE: 'commit', ROLLBACK_MESSAGE: 'rollback', UNKNOW: 'unknown' };
/** Inbox entries kept per profile (oldest answered ones go first). */
const INBOX_MAX = 500;

interface Entry {
  view: TxCheckView;
  /** The latest check: the broker re-stores the half message on every check, so answers use its offsets. */
  check: TransactionCheck;
  /** The user's decision: later checks of the same transaction get it too. */
  decided?: LocalTransactionState | undefined;
}

export class TransactionsService {
  private readonly inbox = new Map<string, Map<string, Entry>>();
  /** transactionId → history row of its half send (this host's sends). */
  private readonly rows = new Map<string, number>();
  private readonly getSetting: Database.Statement;
  private readonly putSetting: Database.Statement;

  constructor(
    private readonly pool: ProducerPool,
    private readonly history: HistoryStore,
    private readonly timeline: SendEvents,
    private readonly sink: EventSink,
    private readonly seqs: SequenceCounters,
    db: Database.Database,
  ) {
    this.getSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.putSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  // ── policy ────────────────────────────────────────────────────────────────
  policy(profileId: string): TxCheckPolicy {
    const row = this.getSetting.get(`tx.checkPolicy.${profileId}`) as { value: string } | undefined;
    return row && ['ask', 'commit', 'rollback', 'unknown'].includes(row.value) ? (row.value as TxCheckPolicy) : 'ask';
  }

  setPolicy(profileId: string, policy: TxCheckPolicy): { policy: TxCheckPolicy } {
    this.putSetting.run(`tx.checkPolicy.${profileId}`, policy);
    return { policy };
  }

  // ── connection hook ───────────────────────────────────────────────────────
  /** Called for every new connection: checks for the profile's group come here. */
  observe(profileId: string, producer: DefaultMQProducer): () => void {
    if (!(producer instanceof TransactionMQProducer)) return () => {};
    producer.transactionListener = {
      // Composer sends pass their own listener; this one only answers checks.
      executeLocalTransaction: () => 'UNKNOW',
      checkLocalTransaction: (check) => this.onCheck(profileId, check),
    };
    const off = producer.events.on('transaction:check-answered', (e) => {
      const historyId = this.rows.get(e.msgId);
      if (historyId === undefined) return;
      const how = this.inbox.get(profileId)?.get(e.msgId)?.view.answeredBy;
      const text = e.error
        ? `answering the check with ${WORD[e.state]} failed: ${e.error}`
        : e.state === 'UNKNOW'
          ? `check answered unknown (${this.policy(profileId) === 'ask' ? 'waiting for your answer in the inbox' : 'policy: stay unknown'}) → ${e.addr}`
          : `check answered ${WORD[e.state]} (${how === 'user' ? 'by you' : 'by the profile policy'}) → END_TRANSACTION fromTransactionCheck=true to ${e.addr}`;
      this.timeline.add(historyId, { at: e.at, kind: 'check-answered', text, state: e.state });
    });
    return () => {
      off();
      producer.transactionListener = undefined;
    };
  }

  private onCheck(profileId: string, check: TransactionCheck): LocalTransactionState {
    let list = this.inbox.get(profileId);
    if (!list) this.inbox.set(profileId, (list = new Map()));
    const now = Date.now();
    const m = check.message;
    let entry = list.get(check.transactionId);
    if (!entry) {
      entry = {
        check,
        view: {
          profileId,
          group: check.producerGroup,
          transactionId: check.transactionId,
          topic: m.topic,
          tags: m.tags,
          keys: m.keys,
          properties: m.properties,
          bodyBase64: m.body.toString('base64'),
          bodyText: bodyAsText(m.body),
          bodySize: m.body.length,
          bornTimestamp: m.bornTimestamp,
          brokerAddr: check.brokerAddr,
          brokerName: check.header.brokerName,
          firstCheckAt: now,
          lastCheckAt: now,
          checkCount: 0,
          brokerCheckTimes: check.checkTimes,
          status: 'waiting',
          historyId: this.rows.get(check.transactionId),
        },
      };
      list.set(check.transactionId, entry);
      this.trim(list);
    }
    entry.check = check;
    const v = entry.view;
    v.checkCount++;
    v.lastCheckAt = now;
    v.brokerCheckTimes = check.checkTimes;
    v.brokerAddr = check.brokerAddr;
    v.properties = m.properties;
    if (v.historyId !== undefined) {
      this.timeline.add(v.historyId, {
        at: now,
        kind: 'check-received',
        text: `broker ${check.header.brokerName ?? check.brokerAddr} checked back (check #${check.checkTimes}, host's #${v.checkCount})`,
      });
    }
    let state: LocalTransactionState;
    if (entry.decided) {
      state = entry.decided;
    } else {
      state = POLICY_STATE[this.policy(profileId)];
      if (state !== 'UNKNOW') Object.assign(v, { status: 'answered', answer: state, answeredBy: 'policy', answeredAt: now });
    }
    this.sink.emit('tx:inbox', { profileId, check: { ...v } });
    return state;
  }

  private trim(list: Map<string, Entry>): void {
    if (list.size <= INBOX_MAX) return;
    for (const [k, e] of list) {
      if (e.view.status === 'answered') {
        list.delete(k);
        if (list.size <= INBOX_MAX) return;
      }
    }
  }

  list(profileId: string): TxCheckView[] {
    return [...(this.inbox.get(profileId)?.values() ?? [])].map((e) => ({ ...e.view })).sort((a, b) => b.lastCheckAt - a.lastCheckAt);
  }

  /** The user's answer to a waiting check: END_TRANSACTION to the broker that asked last. */
  async answer(profileId: string, transactionId: string, decision: 'commit' | 'rollback'): Promise<TxCheckView> {
    const entry = this.inbox.get(profileId)?.get(transactionId);
    if (!entry) throw notFound(`check for transaction ${transactionId}`);
    if (entry.view.status === 'answered')
      throw conflict(
        `transaction ${transactionId} was already answered (${WORD[entry.view.answer ?? 'UNKNOW']}, by ${entry.view.answeredBy === 'user' ? 'you' : 'the policy'})`,
      );
    const c = this.pool.get(profileId);
    if (c.profile.readOnly) throw readOnly(c.profile.name, 'answering a transaction check');
    const producer = c.producer;
    if (!(producer instanceof TransactionMQProducer)) throw invalidInput('this connection cannot answer transaction checks');
    const state = OUTCOME[decision];
    // Marked before the await: the check-answered event it triggers reads who answered.
    Object.assign(entry.view, { status: 'answered', answer: state, answeredBy: 'user', answeredAt: Date.now() });
    entry.decided = state;
    try {
      await producer.answerCheck(entry.check, state);
    } catch (e) {
      Object.assign(entry.view, { status: 'waiting', answer: undefined, answeredBy: undefined, answeredAt: undefined });
      entry.decided = undefined;
      throw e;
    }
    this.sink.emit('tx:inbox', { profileId, check: { ...entry.view } });
    return { ...entry.view };
  }

  // ── composer: transaction mode ────────────────────────────────────────────
  async send(input: TxSendInput): Promise<TxSendOutcome> {
    const req = input.request;
    if (req.batch !== 1) throw invalidInput(`a transaction sends exactly one message (batch is ${req.batch}): a batch cannot be sent in a transaction.`);
    if (req.mode !== 'sync') throw invalidInput(`a transaction's half message is sent sync, as the Java client does (mode was ${req.mode}).`);
    if (req.target.kind !== 'auto') throw invalidInput('a transaction chooses its queue like a normal send: the target must be automatic.');
    const c = this.pool.get(req.profileId);
    if (c.profile.readOnly) throw readOnly(c.profile.name, 'sending');
    const producer = c.producer;
    if (!(producer instanceof TransactionMQProducer)) throw invalidInput('this connection cannot send transactions');
    const prepared = resolveSend(req, c.profile, this.seqs);
    const resolved = toResolvedView(prepared);
    const msg = toCoreMessage(prepared.messages[0]!);
    const wanted = OUTCOME[input.localOutcome];
    const begin = performance.now();
    const t0 = Date.now();
    let halfAt = 0;
    let result: TransactionSendResult | undefined;
    let error: unknown;
    try {
      result = await producer.sendMessageInTransaction(msg, {
        executeLocalTransaction: () => {
          halfAt = Date.now();
          return wanted;
        },
        checkLocalTransaction: () => 'UNKNOW',
      });
    } catch (e) {
      error = e;
    }
    const latencyMs = Math.round((performance.now() - begin) * 100) / 100;
    const attempts = (result?.attempts ?? (error as { attempts?: TransactionSendResult['attempts'] } | undefined)?.attempts ?? []).map((a) => ({ ...a }));
    const status = result ? (result.sendStatus === 'SEND_OK' && result.endTransaction.sent ? 'ok' : 'degraded') : attempts.length === 0 ? 'not sent' : 'failed';
    const view = result ? toResultView(result) : undefined;
    const first = resolved.messages[0]!;
    const historyId = this.history.record({
      createdAt: t0,
      profileId: c.profile.id,
      profileName: c.profile.name,
      topic: first.topic,
      tags: first.tags,
      keys: first.keys?.join(' '),
      mode: 'transaction',
      messageCount: 1,
      status,
      latencyMs,
      attempts,
      result: view,
      error:
        error === undefined
          ? result && !result.endTransaction.sent
            ? toApiError(new Error(`END_TRANSACTION was not written: ${result.endTransaction.error ?? 'unknown'}; the broker will check back`))
            : undefined
          : toApiError(error),
      origin: 'send',
      templateId: req.templateId,
      bodyText: first.bodyText ?? '',
      request: resolved,
      // The half message's Pub trace and END_TRANSACTION's EndTransaction trace (core transaction-producer.ts).
      traceTopic: traceTopicOf(c.profile, result),
    });
    if (result) {
      this.rows.set(result.msgId, historyId);
      const end = Date.now();
      this.timeline.add(historyId, {
        at: halfAt || end,
        kind: 'half-sent',
        text: `half message stored on ${result.messageQueue.brokerName} (${result.brokerAddr}) queue ${result.messageQueue.queueId}, ${result.sendStatus}, transactionId ${result.msgId}`,
      });
      this.timeline.add(historyId, {
        at: halfAt || end,
        kind: 'local-outcome',
        state: result.localTransactionState,
        text:
          result.sendStatus === 'SEND_OK'
            ? `local transaction: ${WORD[result.localTransactionState]}${result.localTransactionError ? ` (${result.localTransactionError})` : ''}`
            : `stored with ${result.sendStatus}: rolled back without running the local transaction (as the Java client does)`,
      });
      this.timeline.add(historyId, {
        at: end,
        kind: 'end-sent',
        state: result.localTransactionState,
        text: result.endTransaction.sent
          ? `END_TRANSACTION ${WORD[result.localTransactionState]} (oneway) → ${result.endTransaction.addr}${result.localTransactionState === 'UNKNOW' ? ': the broker will check back' : ''}`
          : `END_TRANSACTION could not be written to ${result.endTransaction.addr}: ${result.endTransaction.error ?? ''}; the broker will check back`,
      });
    }
    return {
      historyId,
      status,
      latencyMs,
      result: view,
      localState: result?.localTransactionState,
      endTransaction: result ? { sent: result.endTransaction.sent, addr: result.endTransaction.addr, error: result.endTransaction.error } : undefined,
      error: error === undefined ? undefined : toApiError(error),
      resolved,
      traceTopic: traceTopicOf(c.profile, result),
    };
  }
}
