/**
 * MQClientInstance: one per client id, shared by the producers (and the admin) created with the
 * same configuration. Owns the connections, route and broker tables, and the scheduled tasks
 * (route refresh; offline-broker cleanup + heartbeat).
 */
import { createHash } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { systemClock, type Clock } from '../clock.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import { EventHub } from '../instrumentation.js';
import { silentLogger, type Logger } from '../logger.js';
import { MASTER_ID, routeFingerprint, type TopicRouteData } from '../protocol/route-data.js';
import { RemotingClient, type ConnectionSnapshot } from '../remoting/remoting-client.js';
import { createTlsSocketFactory } from '../remoting/tls.js';
import { MQClientAPI } from './client-api.js';
import { answerServerRequest, type ServerRequestHandlers } from './server-requests.js';
import { RequestFutureHolder } from './request-future-holder.js';
import type { CheckTransactionState } from '../protocol/requests/check-transaction-state.js';
import { scheduleRepeating, type Disposer } from '../scheduler.js';
import { aclRpcHook } from './acl-rpc-hook.js';
import { namesrvList, type ClientConfig } from './client-config.js';

/** What the instance needs from a registered producer. */
export interface ProducerHandle {
  readonly group: string;
  /** Topics whose routes the instance keeps fresh for this producer. */
  publishTopics(): string[];
  onRouteUpdate(topic: string, route: TopicRouteData): void;
  /** True when this producer has no usable publish info for the topic (forces an update). */
  needsRoute(topic: string): boolean;
  /** Settles in-flight sends at shutdown. */
  close(): Promise<void>;
  /** Transaction producers: answer a broker's CHECK_TRANSACTION_STATE (addr = the broker connection it came on). */
  checkTransactionState?(addr: string, check: CheckTransactionState): void;
}

export interface HeartbeatStatus {
  brokerName: string;
  addr: string;
  ok: boolean;
  at: number;
  error?: string | undefined;
  brokerVersion?: number | undefined;
}

export const CLIENT_INNER_PRODUCER = 'CLIENT_INNER_PRODUCER';

function localIP(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) if (ni.family === 'IPv4' && !ni.internal) return ni.address;
  }
  return '127.0.0.1';
}

const registry = new Map<string, MQClientInstance>();
let privateInstances = 0;

export class MQClientInstance {
  readonly clientId: string;
  readonly clock: Clock;
  readonly events = new EventHub();
  readonly remoting: RemotingClient;
  readonly api: MQClientAPI;
  readonly log: Logger;
  readonly routeTable = new Map<string, TopicRouteData>();
  /** brokerName → (brokerId → address) */
  readonly brokerAddrTable = new Map<string, Map<number, string>>();
  /** brokerName → (address → MQVersion ordinal from heartbeat responses) */
  readonly brokerVersionTable = new Map<string, Map<string, number>>();
  readonly heartbeats = new Map<string, HeartbeatStatus>();
  private readonly producers = new Map<string, ProducerHandle>();
  /** Requests waiting for a reply (request-reply), by correlation id. */
  readonly requestFutures: RequestFutureHolder;
  private readonly routeUpdates = new Map<string, Promise<TopicRouteData | undefined>>();
  private disposers: Disposer[] = [];
  private refs = 0;
  private started = false;
  private shutdownPromise: Promise<void> | undefined;

  private constructor(
    readonly config: ClientConfig,
    private readonly registryKey: string,
  ) {
    this.clock = config.clock ?? systemClock;
    this.clientId = `${config.clientIP ?? localIP()}@${config.instanceName ?? defaultInstanceName(config)}`;
    this.log = config.logger ?? silentLogger;
    this.remoting = new RemotingClient({
      closeSocketIfTimeout: config.clientCloseSocketIfTimeout,
      maxIdleTimeMs: config.clientChannelMaxIdleTimeMs,
      logger: this.log,
      namesrvAddrs: namesrvList(config.namesrvAddr),
      clock: this.clock,
      serializeType: config.serializeType,
      connectTimeoutMs: config.connectTimeoutMs,
      maxInflight: config.maxInflight,
      socketFactory: config.socketFactory ?? (config.tls ? createTlsSocketFactory(config.tls) : undefined),
      rpcHook: config.credentials ? aclRpcHook(config.credentials) : undefined,
      onServerRequest: (cmd, conn) => answerServerRequest(cmd, conn, this.serverRequestHandlers),
      onConnection: (e) => {
        if (this.events.wants('connection')) this.events.emit('connection', { type: e.type, addr: e.addr, error: e.error?.message, at: this.clock.now() });
      },
    });
    this.api = new MQClientAPI(this.remoting);
    this.requestFutures = new RequestFutureHolder(this.clock);
  }

  /** ClientRemotingProcessor's side of the instance: checks go to the group's producer, replies to the waiting request. */
  private readonly serverRequestHandlers: ServerRequestHandlers = {
    // Forwards to this.log: field initialisers run before the constructor sets it.
    log: {
      debug: (m, f) => this.log.debug(m, f),
      info: (m, f) => this.log.info(m, f),
      warn: (m, f) => this.log.warn(m, f),
      error: (m, f) => this.log.error(m, f),
    },
    now: () => this.clock.now(),
    checkTransactionState: (check, addr) => {
      const group = check.producerGroup;
      const producer = group === undefined ? undefined : this.producers.get(group);
      const handled = producer?.checkTransactionState !== undefined;
      if (this.events.wants('transaction:check-received')) {
        this.events.emit('transaction:check-received', {
          group: group ?? '',
          topic: check.message.topic,
          msgId: check.uniqueKey,
          transactionId: check.header.transactionId,
          addr,
          brokerName: check.header.brokerName,
          checkTimes: check.checkTimes,
          commitLogOffset: check.header.commitLogOffset,
          tranStateTableOffset: check.header.tranStateTableOffset,
          handled,
          at: this.clock.now(),
        });
      }
      if (handled) producer.checkTransactionState!(addr, check);
      else this.log.debug('checkTransactionState, pick producer by group failed', { group, addr });
    },
    receiveReplyMessage: (reply) => {
      const matched = this.requestFutures.complete(reply);
      if (this.events.wants('request:reply'))
        this.events.emit('request:reply', { correlationId: reply.correlationId, topic: reply.topic, matched, at: this.clock.now() });
      return matched;
    },
  };

  /** Open and opening connections (address, state, last read or write). */
  connectionsSnapshot(): ConnectionSnapshot[] {
    return this.remoting.connectionsSnapshot();
  }

  /** The shared instance for this configuration (created on first use); pair with `release()`. */
  static acquire(config: ClientConfig): MQClientInstance {
    // An injected clock or socket belongs to one caller (a test): never share it.
    const key = config.clock || config.socketFactory ? `private#${++privateInstances}` : configFingerprint(config);
    let inst = registry.get(key);
    if (!inst || inst.shutdownPromise) {
      inst = new MQClientInstance(config, key);
      registry.set(key, inst);
    }
    inst.refs++;
    return inst;
  }

  get apiTimeout(): number {
    return this.config.mqClientApiTimeout ?? 3000;
  }

  /** Starts the scheduled tasks once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // Errors never escape a task: they are logged, and the task runs again next period.
    this.disposers.push(
      scheduleRepeating(
        this.clock,
        10,
        this.config.pollNameServerInterval ?? 30_000,
        () => this.updateAllRoutes(),
        (e) => this.log.warn('scheduled route refresh failed', { error: e }),
      ),
      scheduleRepeating(
        this.clock,
        1000,
        this.config.heartbeatBrokerInterval ?? 30_000,
        async () => {
          this.cleanOfflineBrokers();
          await this.sendHeartbeatToAllBrokers();
        },
        (e) => this.log.warn('scheduled heartbeat / offline-broker cleanup failed', { error: e }),
      ),
    );
  }

  registerProducer(p: ProducerHandle): void {
    if (this.producers.has(p.group)) {
      throw new MQClientError(
        `The producer group '${p.group}' has already been created in client ${this.clientId}; use another group or shut the first producer down.`,
        { code: ClientErrorCode.GROUP_ALREADY_EXISTS },
      );
    }
    this.producers.set(p.group, p);
  }

  /** Forgets the group and tells every broker (UNREGISTER_CLIENT), so its channel is dropped at once. */
  async unregisterProducer(group: string): Promise<void> {
    if (!this.producers.delete(group)) return;
    const addrs = new Set<string>();
    for (const m of this.brokerAddrTable.values()) for (const a of m.values()) addrs.add(a);
    await Promise.all(
      [...addrs].map((addr) =>
        this.api
          .unregisterClient(addr, this.clientId, group, Math.min(this.apiTimeout, 1000))
          .catch((e: unknown) => this.log.debug('unregister failed (the broker expires silent clients after 120 s)', { addr, group, error: e })),
      ),
    );
  }

  producerGroups(): string[] {
    return [...this.producers.keys()];
  }

  /**
   * Fetches a topic's route; with `fromDefault`, uses the default topic's (TBW102) route with queue
   * numbers capped as the Java client does. Returns undefined when the topic does not exist.
   * Concurrent calls for one topic share a single request.
   */
  updateTopicRoute(topic: string, fromDefault?: { createTopicKey: string; defaultTopicQueueNums: number }): Promise<TopicRouteData | undefined> {
    const key = fromDefault ? `${topic}\u0000default` : topic;
    let p = this.routeUpdates.get(key);
    if (!p) {
      p = this.doUpdateTopicRoute(topic, fromDefault).finally(() => this.routeUpdates.delete(key));
      this.routeUpdates.set(key, p);
    }
    return p;
  }

  private async doUpdateTopicRoute(
    topic: string,
    fromDefault?: { createTopicKey: string; defaultTopicQueueNums: number },
  ): Promise<TopicRouteData | undefined> {
    let route = await this.api.getTopicRouteInfoFromNameServer(fromDefault ? fromDefault.createTopicKey : topic, this.apiTimeout);
    if (!route) return undefined;
    if (fromDefault) {
      route = {
        ...route,
        queueDatas: route.queueDatas.map((q) => {
          const n = Math.min(fromDefault.defaultTopicQueueNums, q.readQueueNums);
          return { ...q, readQueueNums: n, writeQueueNums: n };
        }),
      };
    }
    const old = this.routeTable.get(topic);
    const before = old ? routeFingerprint(old) : undefined;
    const after = routeFingerprint(route);
    const producersNeed = [...this.producers.values()].some((p) => p.needsRoute(topic));
    if (before !== after || producersNeed) {
      for (const bd of route.brokerDatas) this.brokerAddrTable.set(bd.brokerName, new Map(bd.brokerAddrs));
      this.routeTable.set(topic, route);
      for (const p of this.producers.values()) p.onRouteUpdate(topic, route);
      if (before !== after) {
        const names = (r?: TopicRouteData) => new Set((r?.brokerDatas ?? []).map((b) => b.brokerName));
        const was = names(old);
        const now = names(route);
        const added = [...now].filter((n) => !was.has(n));
        const removed = [...was].filter((n) => !now.has(n));
        this.log.info('topic route changed', { topic, before, after, added, removed, fromDefault: fromDefault?.createTopicKey });
        if (this.events.wants('route:changed')) this.events.emit('route:changed', { topic, before, after, added, removed, at: this.clock.now() });
      }
    }
    return route;
  }

  /** Refreshes every topic a producer publishes to; one failing topic does not stop the others. */
  async updateAllRoutes(): Promise<void> {
    const topics = new Set<string>();
    for (const p of this.producers.values()) for (const t of p.publishTopics()) topics.add(t);
    for (const t of topics) {
      try {
        await this.updateTopicRoute(t);
      } catch (e) {
        // NameServer unreachable: keep the cached routes, try again next period.
        this.log.warn('route refresh failed; keeping the cached route', { topic: t, error: e });
      }
    }
  }

  findBrokerAddressInPublish(brokerName: string): string | undefined {
    const addr = this.brokerAddrTable.get(brokerName)?.get(MASTER_ID);
    if (addr && this.config.vipChannelEnabled) return vipChannel(addr);
    return addr;
  }

  /** Removes broker addresses that no longer appear in any cached route, and their connections. */
  cleanOfflineBrokers(): void {
    const live = new Set<string>();
    for (const r of this.routeTable.values()) for (const bd of r.brokerDatas) for (const a of bd.brokerAddrs.values()) live.add(a);
    for (const [name, addrs] of this.brokerAddrTable) {
      for (const [id, a] of addrs) {
        if (!live.has(a)) {
          addrs.delete(id);
          this.remoting.closeConnection(a, 'broker went offline');
        }
      }
      if (addrs.size === 0) this.brokerAddrTable.delete(name);
    }
  }

  /** HEART_BEAT to every master (a producer-only client never needs the slaves). */
  async sendHeartbeatToAllBrokers(): Promise<void> {
    if (this.producers.size === 0) return;
    const groups = [CLIENT_INNER_PRODUCER, ...this.producers.keys()];
    const jobs: Promise<void>[] = [];
    for (const [brokerName, addrs] of this.brokerAddrTable) {
      const addr = addrs.get(MASTER_ID);
      if (!addr) continue;
      jobs.push(this.heartbeatOne(brokerName, addr, groups));
    }
    await Promise.all(jobs);
  }

  private heartbeatOne(brokerName: string, addr: string, groups: string[]): Promise<void> {
    return this.api.sendHeartbeat(addr, this.clientId, groups, this.apiTimeout).then(
      (brokerVersion) => {
        let versions = this.brokerVersionTable.get(brokerName);
        if (!versions) this.brokerVersionTable.set(brokerName, (versions = new Map()));
        versions.set(addr, brokerVersion);
        this.recordHeartbeat({ brokerName, addr, ok: true, at: this.clock.now(), brokerVersion });
      },
      (e: Error) => {
        this.log.warn('heartbeat failed', { brokerName, addr, error: e });
        this.recordHeartbeat({ brokerName, addr, ok: false, at: this.clock.now(), error: e.message });
      },
    );
  }

  /**
   * The broker's MQVersion ordinal from its heartbeat answer; when none has been seen yet, sends
   * one heartbeat to that broker first (only callers that need the version pay for it).
   */
  async brokerVersion(brokerName: string, addr: string): Promise<number | undefined> {
    const known = this.brokerVersionTable.get(brokerName)?.get(addr);
    if (known !== undefined) return known;
    await this.heartbeatOne(brokerName, addr, [CLIENT_INNER_PRODUCER, ...this.producers.keys()]);
    return this.brokerVersionTable.get(brokerName)?.get(addr);
  }

  private recordHeartbeat(s: HeartbeatStatus): void {
    this.heartbeats.set(s.addr, s);
    if (this.events.wants('heartbeat')) this.events.emit('heartbeat', { addr: s.addr, brokerName: s.brokerName, ok: s.ok, error: s.error, at: s.at });
  }

  /** Drops one reference; the last one shuts the instance down. */
  async release(): Promise<void> {
    this.refs = Math.max(0, this.refs - 1);
    if (this.refs === 0) await this.shutdown();
  }

  /** Settles pending sends, unregisters from every broker, stops timers and closes sockets. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      for (const d of this.disposers) d();
      this.disposers = [];
      const producers = [...this.producers.values()];
      await Promise.all(producers.map((p) => p.close().catch(() => {})));
      await Promise.all(producers.map((p) => this.unregisterProducer(p.group)));
      this.remoting.shutdown();
      if (registry.get(this.registryKey) === this) registry.delete(this.registryKey);
    })();
    return this.shutdownPromise;
  }
}

export function vipChannel(addr: string): string {
  const i = addr.lastIndexOf(':');
  return `${addr.slice(0, i)}:${Number(addr.slice(i + 1)) - 2}`;
}

function configFingerprint(c: ClientConfig): string {
  return JSON.stringify([
    namesrvList(c.namesrvAddr),
    c.instanceName ?? '',
    c.clientIP ?? '',
    c.serializeType ?? 'JSON',
    c.credentials?.accessKey ?? '',
    c.credentials ? createHash('sha256').update(c.credentials.secretKey).digest('hex') : '',
    c.vipChannelEnabled ?? false,
    // Clients with different TLS settings must never share connections.
    c.tls ? JSON.stringify([c.tls.caFile, c.tls.certFile, c.tls.keyFile, c.tls.insecureSkipVerify, c.tls.serverName]) : '',
  ]);
}

/** Same configuration ⇒ same instance name ⇒ one shared instance; different ones never collide. */
function defaultInstanceName(c: ClientConfig): string {
  return `${process.pid}#${createHash('sha1').update(configFingerprint(c)).digest('hex').slice(0, 8)}`;
}
