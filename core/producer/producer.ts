/**
 * DefaultMQProducer: sync / async / oneway sends, to a chosen queue or through a selector, single
 * or batch, with the Java client's retry loop (one shared timeout budget, retries avoiding the
 * broker that failed) and optional latency fault avoidance.
 */
import type { Clock } from '../clock.js';
import { MQClientInstance, type ProducerHandle } from '../client/client-instance.js';
import type { ClientConfig } from '../client/client-config.js';
import { wrapNamespace, withoutNamespace } from '../client/namespace.js';
import { ClientClosedError, ClientErrorCode, MQClientError, NoRouteError, ValidationError, BrokerResponseError } from '../errors.js';
import type { EventHub, SendMode } from '../instrumentation.js';
import { MessageIdGenerator } from '../protocol/message-id.js';
import { isRetriableResponseCode } from '../protocol/codes.js';
import { decodeSendResponse, encodeSendMessage } from '../protocol/requests/send-message.js';
import type { TopicRouteData } from '../protocol/route-data.js';
import type { RemotingCommand } from '../remoting/command.js';
import { FAULT_DEFAULTS, FaultStrategy, type FaultTableSnapshot } from './fault-strategy.js';
import type { ProducerBehaviour } from './latency-fault-tolerance.js';
import type { Message, SendResult } from './message.js';
import type { MessageQueue } from './message-queue.js';
import { prepareBatch, prepareSingle, type PreparedSend, type PrepareOptions } from './prepare-message.js';
import type { MessageQueueSelector } from './selectors.js';
import { SendFailedError, type AttemptRecord } from './send-errors.js';
import { TopicPublishInfo } from './topic-publish-info.js';
import { checkGroup, DEFAULT_MAX_MESSAGE_SIZE } from './validators.js';

export interface ProducerConfig extends ClientConfig {
  producerGroup: string;
  /** Which Java client to behave like under faults (docs/producer-behaviour.md). Default 'java-5'. */
  behaviour?: ProducerBehaviour | undefined;
  createTopicKey?: string | undefined;
  defaultTopicQueueNums?: number | undefined;
  sendMsgTimeout?: number | undefined;
  compressMsgBodyOverHowmuch?: number | undefined;
  compressLevel?: number | undefined;
  retryTimesWhenSendFailed?: number | undefined;
  retryTimesWhenSendAsyncFailed?: number | undefined;
  retryAnotherBrokerWhenNotStoreOK?: boolean | undefined;
  maxMessageSize?: number | undefined;
  sendLatencyFaultEnable?: boolean | undefined;
  latencyMax?: number[] | undefined;
  notAvailableDuration?: number[] | undefined;
}

export interface SendOptions {
  /** Total budget for all attempts (default sendMsgTimeout). */
  timeoutMs?: number | undefined;
  /** Send to exactly this queue (no retry, as in the Java client). */
  queue?: MessageQueue | undefined;
  /** Choose the queue for an ordered send (no retry, never switches queue). */
  selector?: MessageQueueSelector | undefined;
  arg?: unknown;
  /** When given, every attempt (successful or not) is appended here. */
  attempts?: AttemptRecord[] | undefined;
}

type Target = { kind: 'auto' } | { kind: 'fixed'; mq: MessageQueue } | { kind: 'selector'; selector: MessageQueueSelector; arg: unknown; msg: Message };

const AUTO: Target = { kind: 'auto' };
let nextSendId = 1;

export class DefaultMQProducer implements ProducerHandle {
  readonly group: string;
  private readonly cfg: Required<Pick<ProducerConfig, 'createTopicKey' | 'defaultTopicQueueNums' | 'sendMsgTimeout' | 'compressMsgBodyOverHowmuch' | 'compressLevel' | 'retryTimesWhenSendFailed' | 'retryTimesWhenSendAsyncFailed' | 'retryAnotherBrokerWhenNotStoreOK' | 'maxMessageSize'>>;
  private instance: MQClientInstance | undefined;
  private faults!: FaultStrategy;
  private readonly publishInfo = new Map<string, TopicPublishInfo>();
  private readonly prepareOpts: PrepareOptions;
  private state: 'created' | 'running' | 'closing' | 'closed' = 'created';
  private inflight = 0;
  private idle: (() => void) | undefined;

  constructor(private readonly config: ProducerConfig) {
    checkGroup(config.producerGroup);
    this.group = wrapNamespace(config.namespace, config.producerGroup);
    this.cfg = {
      createTopicKey: config.createTopicKey ?? 'TBW102',
      defaultTopicQueueNums: config.defaultTopicQueueNums ?? 4,
      sendMsgTimeout: config.sendMsgTimeout ?? 3000,
      compressMsgBodyOverHowmuch: config.compressMsgBodyOverHowmuch ?? 4096,
      compressLevel: config.compressLevel ?? 5,
      retryTimesWhenSendFailed: config.retryTimesWhenSendFailed ?? 2,
      retryTimesWhenSendAsyncFailed: config.retryTimesWhenSendAsyncFailed ?? 2,
      retryAnotherBrokerWhenNotStoreOK: config.retryAnotherBrokerWhenNotStoreOK ?? false,
      maxMessageSize: config.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    };
    this.prepareOpts = {
      maxMessageSize: this.cfg.maxMessageSize,
      compressMsgBodyOverHowmuch: this.cfg.compressMsgBodyOverHowmuch,
      compressLevel: this.cfg.compressLevel,
      ids: new MessageIdGenerator(),
      wrapTopic: (t) => wrapNamespace(config.namespace, t),
      namespace: config.namespace,
    };
  }

  /** Joins (or creates) the shared client instance, registers the group and sends a first heartbeat. */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`producer ${this.group} cannot start: it is ${this.state}`, { code: -1 });
    const inst = MQClientInstance.acquire(this.config);
    try {
      inst.registerProducer(this);
    } catch (e) {
      await inst.release();
      throw e;
    }
    this.instance = inst;
    const d = FAULT_DEFAULTS[this.behaviour];
    this.faults = new FaultStrategy(
      {
        behaviour: this.behaviour,
        sendLatencyFaultEnable: this.config.sendLatencyFaultEnable ?? d.sendLatencyFaultEnable,
        latencyMax: this.config.latencyMax ?? d.latencyMax,
        notAvailableDuration: this.config.notAvailableDuration ?? d.notAvailableDuration,
        isolationLatencyMs: d.isolationLatencyMs,
      },
      inst.clock,
      inst.events,
    );
    inst.start();
    this.state = 'running';
    void inst.sendHeartbeatToAllBrokers().catch(() => {});
  }

  get events(): EventHub {
    return this.client.events;
  }

  get client(): MQClientInstance {
    if (!this.instance) throw new MQClientError('the producer is not started: call start() first', { code: -1 });
    return this.instance;
  }

  get faultStrategy(): FaultStrategy {
    return this.faults;
  }

  get behaviour(): ProducerBehaviour {
    return this.config.behaviour ?? 'java-5';
  }

  /** The fault table now (the client clock's time), for views that draw isolation windows. */
  faultSnapshot(): FaultTableSnapshot {
    if (!this.faults) {
      const d = FAULT_DEFAULTS[this.behaviour];
      return { behaviour: this.behaviour, enabled: this.config.sendLatencyFaultEnable ?? d.sendLatencyFaultEnable, at: (this.config.clock ?? { now: Date.now }).now(), items: [] };
    }
    return this.faults.snapshot();
  }

  private get clock(): Clock {
    return this.client.clock;
  }

  // ── ProducerHandle ────────────────────────────────────────────────────────
  publishTopics(): string[] {
    return [...this.publishInfo.keys()];
  }

  needsRoute(topic: string): boolean {
    const info = this.publishInfo.get(topic);
    return info !== undefined && !info.ok();
  }

  onRouteUpdate(topic: string, route: TopicRouteData): void {
    if (this.publishInfo.has(topic)) this.publishInfo.set(topic, TopicPublishInfo.fromRoute(topic, route));
  }

  /** Waits for in-flight sends to settle, then refuses new ones. */
  close(): Promise<void> {
    if (this.state === 'running') this.state = 'closing';
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((r) => (this.idle = r));
  }

  async shutdown(): Promise<void> {
    if (this.state === 'closed' || !this.instance) return;
    await this.close();
    this.state = 'closed';
    // Unregister from brokers for this group, then drop our reference to the shared instance.
    await this.instance.unregisterProducer(this.group);
    await this.instance.release();
  }

  // ── sending ───────────────────────────────────────────────────────────────
  /** Sync send with retries (or to a queue / through a selector, once). Batch when given an array. */
  send(msg: Message | readonly Message[], opts: SendOptions = {}): Promise<SendResult> {
    return this.sendImpl(msg, 'sync', opts) as Promise<SendResult>;
  }

  /** Async send: resolves with the SendResult; transport failures retry on another broker. */
  sendAsync(msg: Message | readonly Message[], opts: SendOptions = {}, callback?: (err: Error | null, result?: SendResult) => void): Promise<SendResult> {
    const p = this.sendImpl(msg, 'async', opts) as Promise<SendResult>;
    if (callback) p.then((r) => callback(null, r), (e: Error) => callback(e));
    return p;
  }

  /** Oneway: resolves once the request is written; the broker never answers. */
  sendOneway(msg: Message | readonly Message[], opts: SendOptions = {}): Promise<void> {
    return this.sendImpl(msg, 'oneway', opts) as Promise<unknown> as Promise<void>;
  }

  /**
   * Validation and encoding happen before the first await; the returned promise is sendDefault's
   * own, so a send costs one async frame above the connection's request promise.
   */
  private sendImpl(msg: Message | readonly Message[], mode: SendMode, opts: SendOptions): Promise<SendResult | undefined> {
    if (this.state !== 'running') return Promise.reject(this.state === 'created' ? new MQClientError('the producer is not started: call start() first', { code: -1 }) : new ClientClosedError('the producer has been shut down'));
    let prepared: PreparedSend;
    let target: Target = AUTO;
    try {
      prepared = Array.isArray(msg) ? prepareBatch(msg, this.prepareOpts) : prepareSingle(msg as Message, this.prepareOpts);
      if (opts.queue) {
        if (opts.queue.topic !== prepared.topic) throw new ValidationError(`message topic '${prepared.topic}' does not match the queue's topic '${opts.queue.topic}'.`);
        target = { kind: 'fixed', mq: opts.queue };
      } else if (opts.selector) {
        target = { kind: 'selector', selector: opts.selector, arg: opts.arg, msg: Array.isArray(msg) ? (msg as Message[])[0]! : (msg as Message) };
      }
    } catch (e) {
      return Promise.reject(e);
    }
    this.inflight++;
    return this.sendDefault(prepared, mode, target, opts.timeoutMs ?? this.cfg.sendMsgTimeout, opts.attempts);
  }

  private settled(): void {
    if (--this.inflight === 0 && this.idle) {
      this.idle();
      this.idle = undefined;
    }
  }

  /** The topic's publish info: cached, else its own route, else the default topic's (auto-create). */
  async findPublishInfo(topic: string, wireTopic: string): Promise<TopicPublishInfo> {
    const cached = this.publishInfo.get(wireTopic);
    if (cached?.ok()) return cached;
    const inst = this.client;
    this.publishInfo.set(wireTopic, cached ?? TopicPublishInfo.fromRoute(wireTopic, { queueDatas: [], brokerDatas: [] }));
    let route = await inst.updateTopicRoute(wireTopic);
    if (!route || !this.publishInfo.get(wireTopic)!.ok()) {
      route = await inst.updateTopicRoute(wireTopic, { createTopicKey: this.cfg.createTopicKey, defaultTopicQueueNums: this.cfg.defaultTopicQueueNums });
      if (route) this.publishInfo.set(wireTopic, TopicPublishInfo.fromRoute(wireTopic, route));
    }
    const info = this.publishInfo.get(wireTopic)!;
    if (!info.ok()) {
      this.publishInfo.delete(wireTopic);
      throw new NoRouteError(topic, route ? 'no writable queue on any master' : `neither '${topic}' nor the default topic ${this.cfg.createTopicKey} has a route`);
    }
    return info;
  }

  /** The retry loop (Java's sendDefaultImpl); settles the in-flight count however it ends. */
  private async sendDefault(p: PreparedSend, mode: SendMode, target: Target, timeoutMs: number, trace: AttemptRecord[] | undefined): Promise<SendResult | undefined> {
    try {
      const clock = this.clock;
      const events = this.client.events;
      const begin = clock.now();
      const sendId = nextSendId++;
      if (events.wants('send:start')) events.emit('send:start', { sendId, topic: p.topic, mode, count: p.count, at: begin });
      const maxAttempts = target.kind !== 'auto' || mode === 'oneway' ? 1 : 1 + (mode === 'sync' ? this.cfg.retryTimesWhenSendFailed : this.cfg.retryTimesWhenSendAsyncFailed);
      const failures: AttemptRecord[] = [];
      let lastError: unknown;
      let lastResult: SendResult | undefined;
      let timedOut = false;
      let lastBroker: string | undefined;
      let info: TopicPublishInfo | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (this.state === 'closed') {
          lastError = new ClientClosedError('the producer was shut down during the send');
          break;
        }
        let start = clock.now();
        if (start - begin >= timeoutMs) {
          timedOut = true;
          break;
        }
        let mq: MessageQueue;
        try {
          if (info === undefined && target.kind !== 'fixed') {
            // Cached route: no extra async hop per send.
            const cached = this.publishInfo.get(p.wireTopic);
            if (cached?.ok()) info = cached;
            else {
              info = await this.findPublishInfo(p.topic, p.wireTopic);
              start = clock.now(); // the attempt's latency starts after the route lookup
            }
          }
          mq = target.kind === 'fixed' ? target.mq : target.kind === 'selector' ? this.select(target, info!) : this.faults.selectOneMessageQueue(info!, lastBroker);
        } catch (e) {
          this.emitEnd(sendId, p, false, undefined, e, begin, attempt - 1);
          throw e;
        }
        if (attempt > 1 && events.wants('send:retry')) events.emit('send:retry', { sendId, attempt, avoidBroker: lastBroker ?? '', reason: errMessage(lastError), at: clock.now() });
        lastBroker = mq.brokerName;
        let addr = '';
        try {
          addr = this.client.findBrokerAddressInPublish(mq.brokerName) ?? (await this.brokerAddr(mq.brokerName, p.wireTopic));
          const cmd = this.encodeRequest(p, mq, start);
          const remoting = this.client.remoting;
          // Awaiting the connection's own promise: no async frame per attempt.
          let result: SendResult | undefined;
          if (mode === 'oneway') await remoting.invokeOneway(addr, cmd);
          else result = this.toSendResult(p, mq, addr, await remoting.invoke(addr, cmd, timeoutMs - (start - begin)));
          const latency = clock.now() - start;
          this.faults.updateFaultItem(mq.brokerName, latency, false);
          if (trace || events.wants('send:attempt')) this.recordAttempt(trace, events, sendId, attempt, mq, addr, latency, undefined, start);
          if (mode === 'sync' && result && result.sendStatus !== 'SEND_OK' && this.cfg.retryAnotherBrokerWhenNotStoreOK && attempt < maxAttempts) {
            lastResult = result;
            continue;
          }
          this.emitEnd(sendId, p, true, result, undefined, begin, attempt);
          return result;
        } catch (e) {
          const latency = clock.now() - start;
          lastError = e;
          this.faults.updateFaultItem(mq.brokerName, latency, true);
          const rec = this.recordAttempt(trace, events, sendId, attempt, mq, addr, latency, e, start);
          failures.push(rec);
          if (!this.shouldRetry(e, mode)) break;
        }
      }
      if (lastResult) {
        this.emitEnd(sendId, p, true, lastResult, undefined, begin, failures.length + 1);
        return lastResult;
      }
      const err =
        lastError instanceof ValidationError
          ? lastError
          : new SendFailedError(p.topic, failures, clock.now() - begin, lastError, timedOut || (lastError instanceof MQClientError && lastError.code === ClientErrorCode.ACCESS_BROKER_TIMEOUT));
      this.emitEnd(sendId, p, false, undefined, err, begin, failures.length);
      throw err;
    } finally {
      this.settled();
    }
  }

  private shouldRetry(e: unknown, mode: SendMode): boolean {
    if (this.state === 'closed') return false;
    if (e instanceof BrokerResponseError) return mode === 'sync' && isRetriableResponseCode(e.code);
    return e instanceof MQClientError && e.retriable;
  }

  private select(t: Extract<Target, { kind: 'selector' }>, info: TopicPublishInfo): MessageQueue {
    const mq = t.selector(info.messageQueues, t.msg, t.arg);
    if (!mq || !info.messageQueues.some((q) => q.brokerName === mq.brokerName && q.queueId === mq.queueId)) {
      throw new ValidationError('the selector returned a queue that is not one of the topic\'s writable queues.');
    }
    return mq;
  }

  private async brokerAddr(brokerName: string, wireTopic: string): Promise<string> {
    const inst = this.client;
    let addr = inst.findBrokerAddressInPublish(brokerName);
    if (!addr) {
      await inst.updateTopicRoute(wireTopic).catch(() => undefined);
      addr = inst.findBrokerAddressInPublish(brokerName);
    }
    if (!addr) throw new MQClientError(`The broker[${brokerName}] not exist (no master address in the route)`, { code: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION, retriable: true });
    return addr;
  }

  private encodeRequest(p: PreparedSend, mq: MessageQueue, bornTimestamp: number): RemotingCommand {
    return encodeSendMessage(
      {
        producerGroup: this.group,
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

  private toSendResult(p: PreparedSend, mq: MessageQueue, addr: string, res: RemotingCommand): SendResult {
    const r = decodeSendResponse(addr, res);
    return {
      sendStatus: r.sendStatus,
      msgId: p.msgId,
      offsetMsgId: r.offsetMsgId,
      messageQueue: { topic: withoutNamespace(this.config.namespace, mq.topic), brokerName: mq.brokerName, queueId: r.queueId },
      queueOffset: r.queueOffset,
      transactionId: r.transactionId,
      regionId: r.regionId,
      traceOn: r.traceOn,
      brokerAddr: addr,
    };
  }

  private recordAttempt(trace: AttemptRecord[] | undefined, events: EventHub, sendId: number, attempt: number, mq: MessageQueue, addr: string, latencyMs: number, err: unknown, at: number): AttemptRecord {
    const responseCode = err instanceof BrokerResponseError ? err.code : undefined;
    const error = err === undefined ? undefined : errMessage(err);
    const rec: AttemptRecord = { attempt, brokerName: mq.brokerName, addr, queueId: mq.queueId, latencyMs, ok: err === undefined, responseCode, error };
    trace?.push(rec);
    if (events.wants('send:attempt')) {
      events.emit('send:attempt', { sendId, attempt, brokerName: mq.brokerName, addr, queue: mq, latencyMs, outcome: err === undefined ? 'ok' : 'error', responseCode, error, at });
    }
    return rec;
  }

  private emitEnd(sendId: number, p: PreparedSend, ok: boolean, result: SendResult | undefined, err: unknown, begin: number, attempts: number): void {
    const events = this.client.events;
    if (!events.wants('send:end')) return;
    const now = this.clock.now();
    events.emit('send:end', { sendId, topic: p.topic, ok, status: result?.sendStatus, error: err === undefined ? undefined : errMessage(err), latencyMs: now - begin, attempts, at: now });
  }
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
