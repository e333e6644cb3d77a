/**
 * TransactionMQProducer: the half message, the local transaction, END_TRANSACTION, and the answers
 * to the broker's CHECK_TRANSACTION_STATE — DefaultMQProducerImpl.sendMessageInTransaction,
 * endTransaction and checkTransactionState, as the Java client does them:
 *
 * - the half message is a normal sync send (retries included) with TRAN_MSG=true,
 *   PGROUP=<group> and the prepared sysFlag;
 * - SEND_OK → the local transaction runs; FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT /
 *   SLAVE_NOT_AVAILABLE → ROLLBACK_MESSAGE without running it; a local transaction that throws or
 *   returns nothing leaves the state UNKNOW (the broker will check back) and the exception text
 *   goes to the broker as END_TRANSACTION's remark;
 * - END_TRANSACTION goes oneway to the master of the broker that stored the half message, with its
 *   commit-log offset (from the offsetMsgId), queue offset, msgId and transactionId;
 * - a check is answered by this group's listener, one at a time (Java: a single check thread with
 *   a queue of 2000), with END_TRANSACTION fromTransactionCheck=true to the broker that asked.
 *
 * Where this differs from Java on purpose: a delay level, a deliver-at time or a batch is refused
 * with a ValidationError (Java silently drops the delay; a batch is not a transaction there either),
 * and the result says whether END_TRANSACTION could be written, instead of only logging it.
 */
import type { CheckTransactionState } from '../protocol/requests/check-transaction-state.js';
import { commitOrRollbackOf, encodeEndTransaction, type LocalTransactionState } from '../protocol/requests/end-transaction.js';
import { withoutNamespace } from '../client/namespace.js';
import { ClientErrorCode, MQClientError, ValidationError } from '../errors.js';
import { decodeOffsetMsgId } from '../protocol/message-id.js';
import { MessageConst } from '../protocol/message-properties.js';
import { SysFlag, type StoredMessage } from '../protocol/stored-message.js';
import { keysString, type Message, type SendResult } from './message.js';
import { DEFAULT_TRACE_REGION_ID, TraceMessageType } from '../protocol/trace-codec.js';
import { prepareSingle } from './prepare-message.js';
import { DefaultMQProducer, type ProducerConfig } from './producer.js';

export type { LocalTransactionState } from '../protocol/requests/end-transaction.js';
export const LOCAL_TRANSACTION_STATES: readonly LocalTransactionState[] = ['COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW'];

/** The message handed to executeLocalTransaction: what was sent, plus the ids the broker knows it by. */
export interface TransactionMessage extends Message {
  /** UNIQ_KEY (Java msg.getTransactionId()). */
  transactionId: string;
  /** The broker's transaction id when it returned one (5.x: equal to UNIQ_KEY). */
  brokerTransactionId: string | undefined;
  sendResult: SendResult;
}

/** A broker's CHECK_TRANSACTION_STATE, decoded, for checkLocalTransaction and for answering later. */
export interface TransactionCheck {
  /** The half message as stored (topic without namespace; body, keys, properties, TRANSACTION_CHECK_TIMES …). */
  message: StoredMessage;
  /** UNIQ_KEY (Java messageExt.getTransactionId()); END_TRANSACTION's msgId. */
  transactionId: string;
  producerGroup: string;
  /** The broker connection the check came on: the answer goes there. */
  brokerAddr: string;
  checkTimes: number;
  header: CheckTransactionState['header'];
}

type Outcome = LocalTransactionState | null | undefined;

export interface TransactionListener {
  executeLocalTransaction(msg: TransactionMessage, arg: unknown): Outcome | Promise<Outcome>;
  checkLocalTransaction(check: TransactionCheck): Outcome | Promise<Outcome>;
}

export interface TransactionProducerConfig extends ProducerConfig {
  /** The listener checks are answered with (and the default for sendMessageInTransaction). */
  transactionListener?: TransactionListener | undefined;
  /** Checks waiting for the listener beyond this are dropped with a warning (Java: checkRequestHoldMax, 2000). */
  checkRequestHoldMax?: number | undefined;
}

export interface EndTransactionOutcome {
  /** False when END_TRANSACTION could not be written (then the broker checks back). */
  sent: boolean;
  addr: string;
  commitLogOffset: bigint;
  tranStateTableOffset: bigint;
  error?: string | undefined;
}

export interface TransactionSendResult extends SendResult {
  localTransactionState: LocalTransactionState;
  /** What the local transaction threw, if it did (sent to the broker as END_TRANSACTION's remark). */
  localTransactionError?: string | undefined;
  endTransaction: EndTransactionOutcome;
}

const CHECK_END_TIMEOUT_MS = 3000;

function errText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function normalise(state: Outcome): LocalTransactionState | undefined {
  if (state === null || state === undefined) return 'UNKNOW';
  return LOCAL_TRANSACTION_STATES.includes(state) ? state : undefined;
}

export class TransactionMQProducer extends DefaultMQProducer {
  transactionListener: TransactionListener | undefined;
  private readonly checkRequestHoldMax: number;
  private checkQueue: Promise<void> = Promise.resolve();
  private checksWaiting = 0;

  constructor(config: TransactionProducerConfig) {
    super(config);
    this.transactionListener = config.transactionListener;
    this.checkRequestHoldMax = config.checkRequestHoldMax ?? 2000;
  }

  /**
   * Sends `msg` as a half message, runs the local transaction, and ends it on the broker. Rejects
   * only when the half message was not stored (nothing to end) or the input is refused; otherwise
   * resolves with the local outcome and whether END_TRANSACTION went out.
   */
  async sendMessageInTransaction(msg: Message, listener?: TransactionListener, arg?: unknown): Promise<TransactionSendResult> {
    const local = listener ?? this.transactionListener;
    if (!local) throw new ValidationError('TransactionListener is null: pass a listener or set transactionListener before sending in a transaction.');
    if (Array.isArray(msg)) throw new ValidationError('a batch cannot be sent in a transaction: send each message in its own transaction.');
    if ((msg.delayTimeLevel ?? 0) > 0)
      throw new ValidationError(
        `a transactional message cannot have a delay level (got ${msg.delayTimeLevel}); the Java client drops it silently, the workbench refuses it so you know.`,
      );
    if (msg.deliverTimeMs !== undefined)
      throw new ValidationError('a transactional message cannot have a deliver-at time: the broker would deliver a committed transaction at once.');
    const prepared = prepareSingle(msg, this.prepareOptions, {
      properties: { [MessageConst.TRAN_MSG]: 'true', [MessageConst.PGROUP]: this.group },
      sysFlag: SysFlag.TRANSACTION_PREPARED_TYPE,
    });
    // Traced like any send (Java's SendMessageTraceHookImpl sees a Trans_Msg_Half), when tracing is on.
    const sendResult = (await this.sendPrepared(prepared, 'sync', this.sendMsgTimeout, { msg, msgType: TraceMessageType.Trans_Msg_Half })) as SendResult;
    const client = this.client;
    const events = client.events;
    if (events.wants('transaction:half-sent')) {
      events.emit('transaction:half-sent', {
        group: this.group,
        topic: msg.topic,
        msgId: sendResult.msgId,
        transactionId: sendResult.transactionId,
        offsetMsgId: sendResult.offsetMsgId,
        brokerName: sendResult.messageQueue.brokerName,
        addr: sendResult.brokerAddr,
        queueId: sendResult.messageQueue.queueId,
        queueOffset: sendResult.queueOffset,
        status: sendResult.sendStatus,
        at: client.clock.now(),
      });
    }

    let state: LocalTransactionState = 'UNKNOW';
    let localError: unknown;
    if (sendResult.sendStatus === 'SEND_OK') {
      const properties: Record<string, string> = { ...msg.properties };
      if (sendResult.transactionId !== undefined) properties[MessageConst.TRANSACTION_ID] = sendResult.transactionId;
      try {
        const r = normalise(
          await local.executeLocalTransaction(
            { ...msg, properties, transactionId: sendResult.msgId, brokerTransactionId: sendResult.transactionId, sendResult },
            arg,
          ),
        );
        if (r === undefined)
          throw new MQClientError('executeLocalTransaction returned something other than COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW', {
            code: ClientErrorCode.UNKNOWN_ERROR,
          });
        state = r;
      } catch (e) {
        localError = e;
        this.log.error('executeLocalTransactionBranch exception', { topic: msg.topic, transactionId: sendResult.msgId, error: e });
      }
    } else {
      // Stored but not safely (flush or replica failed): Java rolls back without asking the listener.
      state = 'ROLLBACK_MESSAGE';
    }
    if (events.wants('transaction:local-outcome')) {
      events.emit('transaction:local-outcome', {
        group: this.group,
        topic: msg.topic,
        msgId: sendResult.msgId,
        state,
        error: localError === undefined ? undefined : errText(localError),
        at: client.clock.now(),
      });
    }

    const endTransaction = await this.endTransaction(msg, sendResult, state, localError);
    return { ...sendResult, localTransactionState: state, localTransactionError: localError === undefined ? undefined : errText(localError), endTransaction };
  }

  /** endTransaction: oneway to the master of the broker that stored the half message. */
  private async endTransaction(msg: Message, r: SendResult, state: LocalTransactionState, localError: unknown): Promise<EndTransactionOutcome> {
    const topic = msg.topic;
    const client = this.client;
    const id = decodeOffsetMsgId(r.offsetMsgId !== '' ? r.offsetMsgId : r.msgId);
    const brokerName = r.messageQueue.brokerName;
    const addr = client.findBrokerAddressInPublish(brokerName) ?? r.brokerAddr;
    const header = {
      producerGroup: this.group,
      tranStateTableOffset: r.queueOffset,
      commitLogOffset: id.commitLogOffset,
      commitOrRollback: commitOrRollbackOf(state),
      fromTransactionCheck: false,
      msgId: r.msgId,
      transactionId: r.transactionId,
      topic: this.prepareOptions.wrapTopic(topic),
      brokerName,
    };
    const remark = localError === undefined ? undefined : `executeLocalTransactionBranch exception: ${errText(localError)}`;
    // Java doExecuteEndTransactionHook, before END_TRANSACTION is written; transactionId is
    // msg.getTransactionId(), which the Java client sets to the UNIQ_KEY after the half send.
    this.traceEndTransaction({
      regionId: msg.properties?.[MessageConst.MSG_REGION] || DEFAULT_TRACE_REGION_ID,
      topic,
      msgId: r.msgId,
      tags: msg.tags || undefined,
      keys: keysString(msg.keys),
      storeHost: addr,
      transactionId: r.msgId,
      transactionState: state,
      fromTransactionCheck: false,
    });
    let error: string | undefined;
    try {
      await client.api.sendMessage(addr, encodeEndTransaction(header, remark), this.sendMsgTimeout, 'oneway');
    } catch (e) {
      error = errText(e);
      this.log.warn(`local transaction execute ${state}, but end broker transaction failed`, { addr, msgId: r.msgId, error: e });
    }
    this.emitEnd(topic, r.msgId, state, false, addr, header.commitLogOffset, header.tranStateTableOffset, error);
    return { sent: error === undefined, addr, commitLogOffset: header.commitLogOffset, tranStateTableOffset: header.tranStateTableOffset, error };
  }

  private emitEnd(
    topic: string,
    msgId: string,
    state: LocalTransactionState,
    fromCheck: boolean,
    addr: string,
    commitLogOffset: bigint,
    tranStateTableOffset: bigint,
    error: string | undefined,
  ): void {
    const events = this.client.events;
    if (events.wants('transaction:end-sent')) {
      events.emit('transaction:end-sent', {
        group: this.group,
        topic,
        msgId,
        state,
        fromTransactionCheck: fromCheck,
        addr,
        commitLogOffset,
        tranStateTableOffset,
        error,
        at: this.client.clock.now(),
      });
    }
  }

  // ── checks ────────────────────────────────────────────────────────────────
  /** ProducerHandle hook (ClientRemotingProcessor.checkTransactionState): queue the check for the listener. */
  checkTransactionState(addr: string, c: CheckTransactionState): void {
    const check: TransactionCheck = {
      message: { ...c.message, topic: withoutNamespace(this.prepareOptions.namespace, c.message.topic) },
      transactionId: c.uniqueKey,
      producerGroup: this.group,
      brokerAddr: addr,
      checkTimes: c.checkTimes,
      header: c.header,
    };
    if (this.checksWaiting >= this.checkRequestHoldMax) {
      this.log.warn('checkTransactionState dropped: too many checks waiting for the listener', {
        waiting: this.checksWaiting,
        transactionId: check.transactionId,
      });
      return;
    }
    this.checksWaiting++;
    this.checkQueue = this.checkQueue.then(() => this.runCheck(check)).finally(() => this.checksWaiting--);
  }

  private async runCheck(check: TransactionCheck): Promise<void> {
    const listener = this.transactionListener;
    if (!listener) {
      this.log.warn('CheckTransactionState, pick transactionCheckListener by group failed', { group: this.group });
      return;
    }
    let state: LocalTransactionState = 'UNKNOW';
    let error: unknown;
    try {
      const r = normalise(await listener.checkLocalTransaction(check));
      if (r === undefined)
        throw new MQClientError('checkLocalTransaction returned something other than COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW', {
          code: ClientErrorCode.UNKNOWN_ERROR,
        });
      state = r;
    } catch (e) {
      error = e;
      this.log.error('Broker call checkTransactionState, but checkLocalTransactionState exception', { transactionId: check.transactionId, error: e });
    }
    await this.answerCheck(check, state, error === undefined ? undefined : `checkLocalTransactionState Exception: ${errText(error)}`).catch(() => undefined);
  }

  /**
   * Answers a check with END_TRANSACTION fromTransactionCheck=true to the broker that asked. The
   * listener's path uses it, and so can a host that answers a check later (a user's decision).
   */
  async answerCheck(check: TransactionCheck, state: LocalTransactionState, remark?: string): Promise<EndTransactionOutcome> {
    if (!LOCAL_TRANSACTION_STATES.includes(state)) throw new ValidationError(`state must be COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW (got ${String(state)})`);
    const client = this.client;
    const h = check.header;
    const header = {
      producerGroup: this.group,
      tranStateTableOffset: h.tranStateTableOffset,
      commitLogOffset: h.commitLogOffset,
      commitOrRollback: commitOrRollbackOf(state),
      fromTransactionCheck: true,
      msgId: check.transactionId,
      transactionId: h.transactionId,
      topic: h.topic,
      brokerName: h.brokerName,
    };
    const m = check.message;
    this.traceEndTransaction({
      regionId: m.properties[MessageConst.MSG_REGION] || DEFAULT_TRACE_REGION_ID,
      topic: m.topic,
      msgId: check.transactionId,
      tags: m.tags || undefined,
      keys: m.keys.length ? m.keys.join(' ') : undefined,
      storeHost: check.brokerAddr,
      transactionId: h.transactionId ?? check.transactionId,
      transactionState: state,
      fromTransactionCheck: true,
    });
    let error: string | undefined;
    try {
      await client.api.sendMessage(check.brokerAddr, encodeEndTransaction(header, remark), CHECK_END_TIMEOUT_MS, 'oneway');
    } catch (e) {
      error = errText(e);
      this.log.error('endTransactionOneway exception', { addr: check.brokerAddr, error: e });
    }
    const events = client.events;
    if (events.wants('transaction:check-answered')) {
      events.emit('transaction:check-answered', {
        group: this.group,
        topic: check.message.topic,
        msgId: check.transactionId,
        state,
        addr: check.brokerAddr,
        error,
        at: client.clock.now(),
      });
    }
    this.emitEnd(check.message.topic, check.transactionId, state, true, check.brokerAddr, h.commitLogOffset, h.tranStateTableOffset, error);
    if (error !== undefined)
      throw new MQClientError(`END_TRANSACTION (${state}) for ${check.transactionId} could not be written to ${check.brokerAddr}: ${error}`, {
        code: ClientErrorCode.CONNECT_BROKER_EXCEPTION,
        retriable: true,
      });
    return { sent: true, addr: check.brokerAddr, commitLogOffset: h.commitLogOffset, tranStateTableOffset: h.tranStateTableOffset };
  }
}
