/**
 * DefaultMQProducer, the public façade: configuration, lifecycle (start, close, shutdown) and the
 * send entry points. Validation and encoding happen here, before the first await; the attempts
 * themselves are the send loop's (send-loop.ts), the publish info the table's
 * (publish-info-table.ts), the wire calls the client API's (client/client-api.ts).
 */
import { MQClientInstance, type ProducerHandle } from '../client/client-instance.js';
import type { ClientConfig } from '../client/client-config.js';
import { wrapNamespace } from '../client/namespace.js';
import { ClientClosedError, ServiceStateError, ValidationError } from '../errors.js';
import type { EventHub, SendMode } from '../instrumentation.js';
import { silentLogger, type Logger } from '../logger.js';
import { MessageIdGenerator } from '../protocol/message-id.js';
import type { TopicRouteData } from '../protocol/route-data.js';
import { FAULT_DEFAULTS, FaultStrategy, type FaultTableSnapshot } from './fault-strategy.js';
import type { ProducerBehaviour } from './latency-fault-tolerance.js';
import { keysString, type Message, type OnewayResult, type SendResult } from './message.js';
import type { MessageQueue } from './message-queue.js';
import { prepareBatch, prepareSingle, type PreparedSend, type PrepareOptions } from './prepare-message.js';
import { TopicPublishInfoTable } from './publish-info-table.js';
import type { MessageQueueSelector } from './selectors.js';
import { AUTO_TARGET, SendLoop, type SendLoopHost, type Target } from './send-loop.js';
import { checkGroup, DEFAULT_MAX_MESSAGE_SIZE } from './validators.js';
import { checkCompressionType, prepareCompression, type CompressionType } from '../protocol/compression.js';
import {
  RMQ_SYS_TRACE_TOPIC,
  TRACE_GROUP_PREFIX,
  TraceMessageType,
  type EndTransactionTraceContext,
  type TraceMessageTypeValue,
} from '../protocol/trace-codec.js';
import { TraceDispatcher } from './trace-dispatcher.js';
import { fetchNameServerAddr, NameServerAddressPoller } from '../client/namesrv-address-server.js';
import { namesrvList } from '../client/client-config.js';
import { systemClock } from '../clock.js';
import { sendRequest, type RequestCallback, type RequestHost, type RequestReply } from './request-reply.js';

export interface ProducerConfig extends ClientConfig {
  producerGroup: string;
  /** Which Java client to behave like under faults (docs/producer-behaviour.md). Default 'java-5'. */
  behaviour?: ProducerBehaviour | undefined;
  createTopicKey?: string | undefined;
  defaultTopicQueueNums?: number | undefined;
  sendMsgTimeout?: number | undefined;
  compressMsgBodyOverHowmuch?: number | undefined;
  compressLevel?: number | undefined;
  /** Algorithm for bodies over compressMsgBodyOverHowmuch (Java compressType): ZLIB (default), LZ4 or ZSTD. */
  compressType?: CompressionType | undefined;
  /**
   * Write a message trace after each acknowledged send (Java enableMsgTrace), in the Java client's
   * format, asynchronously and in batches (trace-dispatcher.ts). Default false.
   */
  traceEnabled?: boolean | undefined;
  /** Where traces go (Java customizedTraceTopic); default RMQ_SYS_TRACE_TOPIC. */
  traceTopic?: string | undefined;
  /** How long a trace record waits for its batch (default 1000 ms). */
  traceFlushIntervalMs?: number | undefined;
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
}

export type SendCallback = (err: Error | null, result?: SendResult) => void;

export class DefaultMQProducer implements ProducerHandle, SendLoopHost {
  readonly group: string;
  private readonly cfg: Required<
    Pick<
      ProducerConfig,
      | 'createTopicKey'
      | 'defaultTopicQueueNums'
      | 'sendMsgTimeout'
      | 'compressMsgBodyOverHowmuch'
      | 'compressLevel'
      | 'retryTimesWhenSendFailed'
      | 'retryTimesWhenSendAsyncFailed'
      | 'retryAnotherBrokerWhenNotStoreOK'
      | 'maxMessageSize'
    >
  >;
  private instance: MQClientInstance | undefined;
  private faultStrategyImpl: FaultStrategy | undefined;
  private tracer: TraceDispatcher | undefined;
  private addressPoller: NameServerAddressPoller | undefined;
  private loop: SendLoop | undefined;
  readonly publishInfo: TopicPublishInfoTable;
  private readonly prepareOpts: PrepareOptions;
  private state: 'created' | 'running' | 'closing' | 'closed' = 'created';
  private inflight = 0;
  /** Everyone waiting in close() (a second close() must not drop the first caller's waiter). */
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly config: ProducerConfig) {
    checkGroup(config.producerGroup);
    if (config.behaviour !== undefined && config.behaviour !== 'java-5' && config.behaviour !== 'java-4.9') {
      throw new ValidationError(`behaviour must be 'java-5' or 'java-4.9' (got '${String(config.behaviour)}').`);
    }
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
      compressType: config.compressType === undefined ? undefined : checkCompressionType(config.compressType),
      ids: new MessageIdGenerator(),
      wrapTopic: (t) => wrapNamespace(config.namespace, t),
      namespace: config.namespace,
    };
    this.publishInfo = new TopicPublishInfoTable(() => this.client, this.cfg.createTopicKey, this.cfg.defaultTopicQueueNums);
  }

  /** Joins (or creates) the shared client instance, registers the group and sends a first heartbeat. */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new ServiceStateError(`producer ${this.group} cannot start: it is ${this.state}`);
    // LZ4 and ZSTD come from npm packages (zstd is WebAssembly, started asynchronously): load them
    // here so a send can still encode synchronously, and a missing package fails start, not a send.
    if (this.prepareOpts.compressType) await prepareCompression(this.prepareOpts.compressType);
    let config = this.config;
    const addressServer = config.namesrvAddressServer?.trim();
    if (addressServer) {
      // Java MQClientInstance.start: no address configured → ask the address server first. With a
      // configured list as fallback, a failed first fetch is only logged (the poller retries).
      try {
        config = { ...config, namesrvAddr: await fetchNameServerAddr(addressServer, config.mqClientApiTimeout ?? 3000) };
      } catch (e) {
        if (namesrvList(config.namesrvAddr ?? '').length === 0) throw e;
        (config.logger ?? silentLogger).warn('NameServer address server did not answer; using the configured list', { error: e });
      }
    }
    const inst = MQClientInstance.acquire(config);
    try {
      inst.registerProducer(this);
    } catch (e) {
      await inst.release();
      throw e;
    }
    this.instance = inst;
    if (this.config.traceEnabled) this.tracer = this.createTracer(inst.log);
    if (addressServer) {
      this.addressPoller = new NameServerAddressPoller(addressServer, (addrs) => inst.remoting.updateNameServerAddressList(addrs), inst.clock, inst.log);
      this.addressPoller.start();
    }
    const d = FAULT_DEFAULTS[this.behaviour];
    this.faultStrategyImpl = new FaultStrategy(
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
    this.loop = new SendLoop(this, {
      behaviour: this.behaviour,
      group: this.group,
      namespace: this.config.namespace,
      createTopicKey: this.cfg.createTopicKey,
      defaultTopicQueueNums: this.cfg.defaultTopicQueueNums,
      retryTimesWhenSendFailed: this.cfg.retryTimesWhenSendFailed,
      retryTimesWhenSendAsyncFailed: this.cfg.retryTimesWhenSendAsyncFailed,
      retryAnotherBrokerWhenNotStoreOK: this.cfg.retryAnotherBrokerWhenNotStoreOK,
    });
    inst.start();
    this.state = 'running';
    void inst.sendHeartbeatToAllBrokers().catch((e: unknown) => inst.log.warn('first heartbeat failed', { error: e }));
  }

  /**
   * The trace producer is a producer of its own (own group and client instance, as in Java), sharing
   * the NameServers, credentials, TLS and serialization; it never traces itself and is started on the
   * first trace, so tracing costs nothing until a send succeeds.
   */
  private createTracer(log: Logger): TraceDispatcher {
    const traceTopic = this.config.traceTopic?.trim() || RMQ_SYS_TRACE_TOPIC;
    const sender = new DefaultMQProducer({
      ...this.config,
      producerGroup: `${TRACE_GROUP_PREFIX}-${this.config.producerGroup}`,
      instanceName: `${this.config.instanceName ?? 'DEFAULT'}_TRACE`,
      namespace: undefined,
      traceEnabled: false,
      compressType: undefined,
    });
    return new TraceDispatcher(sender, { traceTopic, clock: this.config.clock ?? systemClock, log, flushIntervalMs: this.config.traceFlushIntervalMs });
  }

  /** The address-server poller when namesrvAddressServer is set (pollOnce() asks now). */
  get namesrvAddressPoller(): NameServerAddressPoller | undefined {
    return this.addressPoller;
  }

  /** The message-trace dispatcher when traceEnabled (counters; drain() before reading traces back). */
  get trace(): TraceDispatcher | undefined {
    return this.tracer;
  }

  get events(): EventHub {
    return this.client.events;
  }

  get client(): MQClientInstance {
    if (!this.instance) throw new ServiceStateError('the producer is not started: call start() first');
    return this.instance;
  }

  get log(): Logger {
    return this.instance?.log ?? this.config.logger ?? silentLogger;
  }

  get behaviour(): ProducerBehaviour {
    return this.config.behaviour ?? 'java-5';
  }

  /** The fault strategy (for the send loop and tests; views use faultSnapshot()). */
  get faults(): FaultStrategy {
    if (!this.faultStrategyImpl) throw new ServiceStateError('the producer is not started: call start() first');
    return this.faultStrategyImpl;
  }

  /** @deprecated use faultSnapshot(); kept for hosts reading the items directly. */
  get faultStrategy(): FaultStrategy {
    return this.faults;
  }

  /** The fault table now (the client clock's time), for views that draw isolation windows. */
  faultSnapshot(): FaultTableSnapshot {
    if (!this.faultStrategyImpl) {
      const d = FAULT_DEFAULTS[this.behaviour];
      return {
        behaviour: this.behaviour,
        enabled: this.config.sendLatencyFaultEnable ?? d.sendLatencyFaultEnable,
        at: (this.config.clock ?? { now: Date.now }).now(),
        items: [],
      };
    }
    return this.faultStrategyImpl.snapshot();
  }

  // ── ProducerHandle / SendLoopHost ─────────────────────────────────────────
  publishTopics(): string[] {
    return this.publishInfo.topics();
  }

  needsRoute(topic: string): boolean {
    return this.publishInfo.needsRoute(topic);
  }

  onRouteUpdate(topic: string, route: TopicRouteData): void {
    this.publishInfo.onRouteUpdate(topic, route);
  }

  isShutDown(): boolean {
    return this.state === 'closed';
  }

  settled(): void {
    if (--this.inflight === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Waits for in-flight sends to settle, then refuses new ones. Every caller gets its own wait. */
  close(): Promise<void> {
    if (this.state === 'running') this.state = 'closing';
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async shutdown(): Promise<void> {
    if (this.state === 'closed' || !this.instance) return;
    await this.close();
    this.state = 'closed';
    this.addressPoller?.stop();
    // Java flushes the trace queue on shutdown: the last sends' traces are written, not dropped.
    await this.tracer?.shutdown();
    // Unregister from brokers for this group, then drop our reference to the shared instance.
    await this.instance.unregisterProducer(this.group);
    await this.instance.release();
  }

  // ── sending ───────────────────────────────────────────────────────────────
  /** Sync send with retries (or to a queue / through a selector, once). Batch when given an array. */
  send(msg: Message | readonly Message[], opts: SendOptions = {}): Promise<SendResult> {
    return this.sendImpl(msg, 'sync', opts) as Promise<SendResult>;
  }

  /**
   * Async send: resolves with the SendResult; transport failures retry on another broker. A
   * callback that throws is isolated (logged), as the Java client does: it never becomes an
   * unhandled rejection.
   */
  sendAsync(msg: Message | readonly Message[], opts: SendOptions = {}, callback?: SendCallback): Promise<SendResult> {
    const p = this.sendImpl(msg, 'async', opts) as Promise<SendResult>;
    if (callback)
      p.then(
        (r) => this.callBack(callback, null, r),
        (e: Error) => this.callBack(callback, e),
      );
    return p;
  }

  private callBack(cb: SendCallback, err: Error | null, r?: SendResult): void {
    try {
      cb(err, r);
    } catch (e) {
      this.log.error('a send callback threw; the exception was ignored', { group: this.group, error: e });
    }
  }

  /** Oneway: resolves once the request is written (with where it went); the broker never answers. */
  sendOneway(msg: Message | readonly Message[], opts: SendOptions = {}): Promise<OnewayResult> {
    return this.sendImpl(msg, 'oneway', opts) as Promise<OnewayResult>;
  }

  /**
   * Validation and encoding happen before the first await; the returned promise is the send
   * loop's own, so a send costs one async frame above the connection's request promise.
   */
  // ── for the transaction producer and request-reply (transaction-producer.ts, request-reply.ts) ──
  /** The send timeout (sendMsgTimeout) the Java client also uses for END_TRANSACTION and as a request's default. */
  get sendMsgTimeout(): number {
    return this.cfg.sendMsgTimeout;
  }

  /** How messages are validated and encoded (with the producer's id generator and namespace). */
  protected get prepareOptions(): PrepareOptions {
    return this.prepareOpts;
  }

  /**
   * Sends an already prepared message on the default path (route lookup, retries) under this
   * producer's state and in-flight count. `traced` (the original message and its trace type) writes
   * a Pub trace as a normal send does — the transaction producer's half message (Trans_Msg_Half).
   */
  protected sendPrepared(
    prepared: PreparedSend,
    mode: SendMode,
    timeoutMs: number,
    traced?: { msg: Message; msgType: TraceMessageTypeValue },
  ): Promise<SendResult | OnewayResult> {
    if (this.state !== 'running')
      return Promise.reject(
        this.state === 'created'
          ? new ServiceStateError('the producer is not started: call start() first')
          : new ClientClosedError('the producer has been shut down'),
      );
    this.inflight++;
    const p = this.loop!.send(prepared, mode, AUTO_TARGET, timeoutMs);
    if (traced && this.tracer && mode !== 'oneway') this.traceAfter(p as Promise<SendResult>, prepared, traced.msg, traced.msgType);
    return p;
  }

  /**
   * EndTransactionTraceHookImpl: queues an EndTransaction trace record when tracing is on (never
   * for the trace topic itself). Returns whether a record was queued.
   */
  protected traceEndTransaction(ctx: Omit<EndTransactionTraceContext, 'traceType' | 'timeStamp' | 'groupName'>): boolean {
    const tracer = this.tracer;
    if (!tracer || ctx.topic.startsWith(tracer.traceTopic)) return false;
    tracer.append({ ...ctx, traceType: 'EndTransaction', timeStamp: (this.config.clock ?? systemClock).now(), groupName: this.config.producerGroup });
    return true;
  }

  /**
   * request(msg, timeout): sends `msg` with CORRELATION_ID, REPLY_TO_CLIENT and TTL and resolves
   * with the reply a responder sent through MessageUtil.createReplyMessage (request-reply.ts).
   */
  request(msg: Message, timeoutMs: number = this.cfg.sendMsgTimeout): Promise<RequestReply> {
    return sendRequest(this.requestHost(), msg, timeoutMs);
  }

  /** The async form (Java request(msg, RequestCallback, timeout)): the callback gets the reply or the error, once. */
  requestAsync(msg: Message, timeoutMs: number, callback: RequestCallback): void {
    sendRequest(this.requestHost(), msg, timeoutMs).then(
      (r) => this.callBackRequest(callback, null, r),
      (e: Error) => this.callBackRequest(callback, e),
    );
  }

  private callBackRequest(cb: RequestCallback, err: Error | null, r?: RequestReply): void {
    try {
      cb(err, r);
    } catch (e) {
      this.log.error('a request callback threw; the exception was ignored', { group: this.group, error: e });
    }
  }

  private requestHost(): RequestHost {
    return {
      client: this.client,
      publishInfo: this.publishInfo,
      prepare: (m, extra) => prepareSingle(m, this.prepareOpts, extra),
      // Java's request() goes through sendDefaultImpl, so the send hook traces it like any send.
      sendPrepared: (p, timeoutMs, msg) => this.sendPrepared(p, 'async', timeoutMs, { msg, msgType: pubTraceType(msg, AUTO_TARGET) }) as Promise<SendResult>,
      wrapTopic: (t) => wrapNamespace(this.config.namespace, t),
    };
  }

  private sendImpl(msg: Message | readonly Message[], mode: SendMode, opts: SendOptions): Promise<SendResult | OnewayResult> {
    if (this.state !== 'running')
      return Promise.reject(
        this.state === 'created'
          ? new ServiceStateError('the producer is not started: call start() first')
          : new ClientClosedError('the producer has been shut down'),
      );
    let prepared: PreparedSend;
    let target: Target = AUTO_TARGET;
    try {
      prepared = Array.isArray(msg) ? prepareBatch(msg, this.prepareOpts) : prepareSingle(msg as Message, this.prepareOpts);
      if (opts.queue) {
        if (opts.queue.topic !== prepared.topic) throw new ValidationError(`message's topic '${prepared.topic}' not equal mq's topic '${opts.queue.topic}'.`);
        target = { kind: 'fixed', mq: opts.queue };
      } else if (opts.selector) {
        target = { kind: 'selector', selector: opts.selector, arg: opts.arg, msg: Array.isArray(msg) ? (msg as Message[])[0]! : (msg as Message) };
      }
    } catch (e) {
      return Promise.reject(e);
    }
    this.inflight++;
    const p = this.loop!.send(prepared, mode, target, opts.timeoutMs ?? this.cfg.sendMsgTimeout);
    // SendMessageTraceHookImpl: a trace for each send that got a SendResult (oneway has none);
    // a side branch of the user's promise, so the user's send neither waits nor fails for it.
    if (this.tracer && mode !== 'oneway') this.traceAfter(p as Promise<SendResult>, prepared, msg, pubTraceType(msg, target));
    return p;
  }

  private traceAfter(p: Promise<SendResult>, prepared: PreparedSend, msg: Message | readonly Message[], msgType: TraceMessageTypeValue): void {
    const tracer = this.tracer!;
    const clock = this.config.clock ?? systemClock;
    const t0 = clock.now();
    const single = Array.isArray(msg) ? undefined : (msg as Message);
    p.then(
      (r) => {
        if (!r.traceOn) return; // the broker switched tracing off (SendResult.isTraceOn)
        tracer.append({
          timeStamp: t0,
          regionId: r.regionId,
          groupName: this.config.producerGroup,
          topic: prepared.topic,
          msgId: r.msgId,
          tags: single?.tags || undefined,
          keys: single ? keysString(single.keys) : undefined,
          storeHost: r.brokerAddr,
          bodyLength: prepared.body.length,
          costTime: clock.now() - t0,
          msgType,
          offsetMsgId: r.offsetMsgId,
          success: r.sendStatus === 'SEND_OK',
        });
      },
      () => undefined, // failed sends have no SendResult and no trace, as in Java
    );
  }
}

/** The msgType of a Pub trace (SendMessageContext): Delay_Msg for a delayed single message, Order_Msg through a selector, else Normal_Msg. */
function pubTraceType(msg: Message | readonly Message[], target: Target): TraceMessageTypeValue {
  const single = Array.isArray(msg) ? undefined : (msg as Message);
  const delayed = single !== undefined && ((single.delayTimeLevel ?? 0) > 0 || single.deliverTimeMs !== undefined);
  return delayed ? TraceMessageType.Delay_Msg : target.kind === 'selector' ? TraceMessageType.Order_Msg : TraceMessageType.Normal_Msg;
}
