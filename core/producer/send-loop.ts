/**
 * sendDefaultImpl: the attempts of one send under one timeout budget, for the chosen Java
 * behaviour (docs/producer-behaviour.md). What both versions share is one code path; the rows that
 * differ — retry codes, async retry on a busy connection, what a failure does to the fault table,
 * resetting the round robin on a retry — are read from `behaviour` where they apply.
 *
 * Hot path: one async frame per send (this function), the connection's own promise awaited, no
 * closure per send; one AttemptRecord and its array per send are the result's `attempts`.
 */
import type { MQClientInstance } from '../client/client-instance.js';
import { withoutNamespace } from '../client/namespace.js';
import type { Clock } from '../clock.js';
import {
  BrokerResponseError,
  ClientClosedError,
  ClientErrorCode,
  ConnectError,
  ConnectionClosedError,
  MQClientError,
  RequestTimeoutError,
  TooManyRequestsError,
  ValidationError,
} from '../errors.js';
import type { EventHub, SendMode } from '../instrumentation.js';
import type { Logger } from '../logger.js';
import { decodeSendResponse, encodeSendMessage } from '../protocol/requests/send-message.js';
type SendResponse = ReturnType<typeof decodeSendResponse>;
import type { RemotingCommand } from '../remoting/command.js';
import type { FaultStrategy } from './fault-strategy.js';
import type { ProducerBehaviour } from './latency-fault-tolerance.js';
import type { Message, OnewayResult, SendResult } from './message.js';
import type { MessageQueue } from './message-queue.js';
import type { PreparedSend } from './prepare-message.js';
import type { TopicPublishInfoTable } from './publish-info-table.js';
import { isRetryResponseCode } from './retry-codes.js';
import type { MessageQueueSelector } from './selectors.js';
import { SendFailedError, type AttemptRecord } from './send-errors.js';
import type { TopicPublishInfo } from './topic-publish-info.js';

export type Target = { kind: 'auto' } | { kind: 'fixed'; mq: MessageQueue } | { kind: 'selector'; selector: MessageQueueSelector; arg: unknown; msg: Message };

export const AUTO_TARGET: Target = { kind: 'auto' };

/** MQVersion ordinal of V5_0_0: brokers below it ignore a deliver-at time. */
export const MQ_VERSION_5_0_0 = 413;

export interface SendLoopConfig {
  behaviour: ProducerBehaviour;
  group: string;
  namespace: string | undefined;
  createTopicKey: string;
  defaultTopicQueueNums: number;
  retryTimesWhenSendFailed: number;
  retryTimesWhenSendAsyncFailed: number;
  retryAnotherBrokerWhenNotStoreOK: boolean;
}

/** What the loop needs from its producer. */
export interface SendLoopHost {
  readonly client: MQClientInstance;
  readonly faults: FaultStrategy;
  readonly publishInfo: TopicPublishInfoTable;
  readonly log: Logger;
  isShutDown(): boolean;
  /** Called once per send, however it ends (the in-flight count). */
  settled(): void;
}

let nextSendId = 1;

/** A deliver-at time sent to a broker older than 5.0 (it would be stored and delivered at once). */
export class DeliverTimeNotSupportedError extends MQClientError {
  override readonly name = 'DeliverTimeNotSupportedError';
  constructor(brokerName: string, addr: string, version: number) {
    super(
      `broker ${brokerName} (${addr}) runs a RocketMQ version before 5.0 (MQVersion ordinal ${version}), which ignores a deliver-at time and would deliver the message at once; nothing was sent. Use a delay level (delayTimeLevel) or a 5.x broker.`,
      { code: ClientErrorCode.DELIVER_TIME_NOT_SUPPORTED },
    );
  }
}

export class SendLoop {
  constructor(
    private readonly host: SendLoopHost,
    private readonly cfg: SendLoopConfig,
  ) {}

  /** Java sendDefaultImpl (auto target) / send to a queue / sendSelectImpl: settles the in-flight count however it ends. */
  async send(p: PreparedSend, mode: SendMode, target: Target, timeoutMs: number): Promise<SendResult | OnewayResult> {
    const host = this.host;
    try {
      const client = host.client;
      const clock = client.clock;
      const events = client.events;
      const begin = clock.now();
      const sendId = nextSendId++;
      if (events.wants('send:start')) events.emit('send:start', { sendId, topic: p.topic, mode, count: p.count, at: begin });
      // Only the default path retries and feeds the fault table (Java: sendSelectImpl and
      // send(msg, mq) call sendKernelImpl once and never updateFaultItem).
      const auto = target.kind === 'auto';
      const maxAttempts = !auto || mode === 'oneway' ? 1 : 1 + (mode === 'sync' ? this.cfg.retryTimesWhenSendFailed : this.cfg.retryTimesWhenSendAsyncFailed);
      let attempts: AttemptRecord[] | undefined;
      let lastError: unknown;
      let lastResult: SendResult | undefined;
      let timedOut = false;
      let lastBroker: string | undefined;
      let info: TopicPublishInfo | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (host.isShutDown()) {
          lastError = new ClientClosedError('the producer was shut down during the send');
          break;
        }
        let mq: MessageQueue;
        try {
          if (info === undefined && target.kind !== 'fixed') {
            const cached = host.publishInfo.get(p.wireTopic);
            info = cached?.ok() ? cached : await host.publishInfo.find(p.topic, p.wireTopic);
          }
          mq =
            target.kind === 'fixed'
              ? { topic: p.wireTopic, brokerName: target.mq.brokerName, queueId: target.mq.queueId }
              : target.kind === 'selector'
                ? this.select(target, info!)
                : // 5.x resets the round robin on a sync retry; async retries (onExceptionImpl) do not.
                  host.faults.selectOneMessageQueue(info!, lastBroker, this.cfg.behaviour === 'java-5' && mode === 'sync' && attempt > 1);
        } catch (e) {
          this.emitEnd(events, clock, sendId, p, false, undefined, e, begin, attempt - 1);
          throw e;
        }
        // The budget is checked after the route lookup and the choice of queue: a lookup that
        // spent it fails the send here, before anything is written.
        const start = clock.now();
        if (start - begin >= timeoutMs) {
          timedOut = true;
          break;
        }
        if (attempt > 1 && events.wants('send:retry'))
          events.emit('send:retry', { sendId, attempt, avoidBroker: lastBroker ?? '', reason: errMessage(lastError), at: start });
        lastBroker = mq.brokerName;
        let addr = client.findBrokerAddressInPublish(mq.brokerName);
        try {
          let left = timeoutMs - (start - begin);
          if (addr === undefined || p.deliverAt) {
            addr = await this.slowAddr(mq.brokerName, p, addr);
            left = timeoutMs - (clock.now() - begin);
            if (left <= 0) {
              timedOut = true;
              break;
            }
          }
          // Awaiting the connection's own promise: no async frame per attempt.
          const res = await client.api.sendMessage(addr, this.encodeRequest(p, mq, start), left, mode);
          // Decoded before anything is recorded: a broker error code throws here (processSendResponse).
          const sent = res === undefined ? undefined : decodeSendResponse(addr, res);
          const latency = clock.now() - start;
          if (auto) host.faults.updateFaultItem(mq.brokerName, latency, false, true);
          const rec: AttemptRecord = {
            attempt,
            brokerName: mq.brokerName,
            addr,
            queueId: mq.queueId,
            latencyMs: latency,
            ok: true,
            responseCode: undefined,
            error: undefined,
          };
          if (events.wants('send:attempt')) this.emitAttempt(events, sendId, rec, mq, start);
          if (attempts) attempts.push(rec);
          else attempts = [rec];
          if (mode === 'oneway') {
            this.emitEnd(events, clock, sendId, p, true, undefined, undefined, begin, attempt);
            return { attempts };
          }
          const result = this.toSendResult(p, mq, addr, sent!, attempts);
          if (mode === 'sync' && result.sendStatus !== 'SEND_OK' && this.cfg.retryAnotherBrokerWhenNotStoreOK && attempt < maxAttempts) {
            lastResult = result;
            continue;
          }
          this.emitEnd(events, clock, sendId, p, true, result, undefined, begin, attempt);
          return result;
        } catch (e) {
          const latency = clock.now() - start;
          lastError = e;
          if (auto && e instanceof MQClientError && !(e instanceof DeliverTimeNotSupportedError)) this.feedFault(mq.brokerName, latency, e, mode);
          const rec: AttemptRecord = {
            attempt,
            brokerName: mq.brokerName,
            addr: addr ?? '',
            queueId: mq.queueId,
            latencyMs: latency,
            ok: false,
            responseCode: e instanceof BrokerResponseError ? e.code : undefined,
            error: errMessage(e),
          };
          if (events.wants('send:attempt')) this.emitAttempt(events, sendId, rec, mq, start);
          if (attempts) attempts.push(rec);
          else attempts = [rec];
          if (!this.shouldRetry(e, mode)) break;
        }
      }
      if (lastResult) {
        this.emitEnd(events, clock, sendId, p, true, lastResult, undefined, begin, attempts?.length ?? 1);
        return lastResult;
      }
      const err =
        lastError instanceof ValidationError || lastError instanceof DeliverTimeNotSupportedError
          ? lastError
          : new SendFailedError(
              p.topic,
              attempts ?? [],
              clock.now() - begin,
              lastError,
              timedOut || (lastError instanceof MQClientError && lastError.code === ClientErrorCode.ACCESS_BROKER_TIMEOUT),
              timedOut,
            );
      this.emitEnd(events, clock, sendId, p, false, undefined, err, begin, attempts?.length ?? 0);
      throw err;
    } finally {
      host.settled();
    }
  }

  /**
   * What a failed attempt does to the broker's fault item. 4.9.8: every failure isolates. 5.x: a
   * transport failure isolates; a broker error isolates and (sync) marks the broker unreachable;
   * a client-side error (no address for the broker) only records its latency.
   */
  private feedFault(brokerName: string, latency: number, e: MQClientError, mode: SendMode): void {
    const faults = this.host.faults;
    if (this.cfg.behaviour === 'java-4.9') {
      faults.updateFaultItem(brokerName, latency, true);
    } else if (e instanceof BrokerResponseError) {
      faults.updateFaultItem(brokerName, latency, true, mode === 'async');
    } else {
      faults.updateFaultItem(brokerName, latency, isTransportError(e), true);
    }
  }

  /**
   * Sync (sendDefaultImpl): any transport or client failure, and broker codes in the version's
   * retryResponseCodes. Async (MQClientAPIImpl.onExceptionImpl): transport failures only; 5.x also
   * not when the connection refused for too many requests.
   */
  private shouldRetry(e: unknown, mode: SendMode): boolean {
    if (this.host.isShutDown()) return false;
    if (!(e instanceof MQClientError) || e instanceof ValidationError || e instanceof ClientClosedError || e instanceof DeliverTimeNotSupportedError)
      return false;
    if (e instanceof BrokerResponseError) return mode === 'sync' && isRetryResponseCode(this.cfg.behaviour, e.code);
    if (mode === 'async') return e instanceof TooManyRequestsError ? this.cfg.behaviour === 'java-4.9' : isTransportError(e);
    return true;
  }

  /** Java sendSelectImpl: the selector sees the queues without the namespace; its choice is wrapped back. */
  private select(t: Extract<Target, { kind: 'selector' }>, info: TopicPublishInfo): MessageQueue {
    let chosen: MessageQueue | undefined;
    try {
      chosen = t.selector(info.userQueues(this.cfg.namespace), t.msg, t.arg);
    } catch (e) {
      throw new MQClientError(`select message queue threw exception: ${errMessage(e)}`, { code: ClientErrorCode.SELECT_QUEUE_FAILED, cause: e });
    }
    const mq = chosen ? info.messageQueues.find((q) => q.brokerName === chosen.brokerName && q.queueId === chosen.queueId) : undefined;
    if (!mq) {
      throw new MQClientError(
        chosen
          ? "select message queue returned a queue that is not one of the topic's writable queues."
          : 'select message queue return null: the selector chose no queue.',
        { code: ClientErrorCode.SELECT_QUEUE_FAILED },
      );
    }
    return mq;
  }

  /** The broker's address when it is not cached, and the deliver-at check (both rare). */
  private async slowAddr(brokerName: string, p: PreparedSend, known: string | undefined): Promise<string> {
    const client = this.host.client;
    let addr = known;
    if (addr === undefined) {
      await client.updateTopicRoute(p.wireTopic).catch(() => undefined);
      addr = client.findBrokerAddressInPublish(brokerName);
    }
    if (addr === undefined)
      throw new MQClientError(`The broker[${brokerName}] not exist (no master address in the route)`, {
        code: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION,
        retriable: true,
      });
    if (p.deliverAt) {
      const version = await client.brokerVersion(brokerName, addr).catch(() => undefined);
      if (version !== undefined && version < MQ_VERSION_5_0_0) throw new DeliverTimeNotSupportedError(brokerName, addr, version);
    }
    return addr;
  }

  private encodeRequest(p: PreparedSend, mq: MessageQueue, bornTimestamp: number): RemotingCommand {
    return encodeSendMessage(
      {
        producerGroup: this.cfg.group,
        topic: p.wireTopic,
        defaultTopic: this.cfg.createTopicKey,
        defaultTopicQueueNums: this.cfg.defaultTopicQueueNums,
        queueId: mq.queueId,
        sysFlag: p.sysFlag,
        bornTimestamp,
        flag: p.flag,
        properties: p.properties,
        batch: p.batch,
        brokerName: mq.brokerName,
      },
      p.body,
    );
  }

  private toSendResult(p: PreparedSend, mq: MessageQueue, addr: string, r: SendResponse, attempts: AttemptRecord[]): SendResult {
    return {
      sendStatus: r.sendStatus,
      msgId: p.msgId,
      offsetMsgId: r.offsetMsgId,
      messageQueue: { topic: withoutNamespace(this.cfg.namespace, mq.topic), brokerName: mq.brokerName, queueId: r.queueId },
      queueOffset: r.queueOffset,
      transactionId: r.transactionId,
      regionId: r.regionId,
      traceOn: r.traceOn,
      brokerAddr: addr,
      attempts,
    };
  }

  private emitAttempt(events: EventHub, sendId: number, rec: AttemptRecord, mq: MessageQueue, at: number): void {
    events.emit('send:attempt', {
      sendId,
      attempt: rec.attempt,
      brokerName: rec.brokerName,
      addr: rec.addr,
      queue: mq,
      latencyMs: rec.latencyMs,
      outcome: rec.ok ? 'ok' : 'error',
      responseCode: rec.responseCode,
      error: rec.error,
      at,
    });
  }

  private emitEnd(
    events: EventHub,
    clock: Clock,
    sendId: number,
    p: PreparedSend,
    ok: boolean,
    result: SendResult | undefined,
    err: unknown,
    begin: number,
    attempts: number,
  ): void {
    if (!events.wants('send:end')) return;
    const now = clock.now();
    events.emit('send:end', {
      sendId,
      topic: p.topic,
      ok,
      status: result?.sendStatus,
      error: err === undefined ? undefined : errMessage(err),
      latencyMs: now - begin,
      attempts,
      at: now,
    });
  }
}

/** Java RemotingException: the connection failed, timed out, closed or refused for load. */
function isTransportError(e: unknown): boolean {
  return e instanceof ConnectError || e instanceof RequestTimeoutError || e instanceof ConnectionClosedError || e instanceof TooManyRequestsError;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
