/**
 * One producer (and, on demand, one admin) per connected profile. Each profile gets its own client
 * instance (instanceName = the profile id), so two profiles on the same cluster never share
 * connections, ACL keys, namespace or events.
 */
import { MQAdmin, TransactionMQProducer, type ClientConfig, type DefaultMQProducer, type Logger, type ProducerConfig } from '../../core/index.js';
import { HostErrorCode, type ConnectionState, type ProfileView } from '../common/contract.js';
import { HostError, toApiError } from './errors.js';
import type { EventSink } from './event-sink.js';
import type { Credentials } from './profiles.js';
import { assertTlsFiles, toCoreTls } from './tls-files.js';

export interface Connection {
  profile: ProfileView;
  producer: DefaultMQProducer;
  config: ClientConfig;
  /** Shares the producer's client instance (connections, ACL signing). */
  admin: MQAdmin;
  dispose: (() => void)[];
}

/** A connection while it is being made: the admin joins only once the producer has started. */
type PartialConnection = Omit<Connection, 'admin'> & { admin: MQAdmin | undefined };

/** Listens to a new connection's core events (the live aggregator does). */
export type ConnectionObserver = (profileId: string, producer: DefaultMQProducer) => () => void;

export function producerConfig(p: ProfileView, creds: Credentials | undefined): ProducerConfig {
  const o = p.producer;
  return {
    namesrvAddr: p.namesrvAddrs,
    // Its list replaces namesrvAddr once it answers; namesrvAddr is the fallback until then.
    namesrvAddressServer: p.namesrvAddressServer,
    tls: toCoreTls(p.tls),
    instanceName: `workbench-${p.id}`,
    namespace: p.namespace,
    credentials: creds,
    serializeType: o.headerSerialization,
    producerGroup: o.group,
    sendMsgTimeout: o.sendTimeoutMs,
    retryTimesWhenSendFailed: o.retries,
    retryTimesWhenSendAsyncFailed: o.retriesAsync,
    sendLatencyFaultEnable: o.faultTolerance,
    compressMsgBodyOverHowmuch: o.compressThreshold,
    maxMessageSize: o.maxMessageSize,
    retryAnotherBrokerWhenNotStoreOK: o.retryAnotherBrokerWhenNotStoreOK,
    behaviour: o.behaviour,
    compressType: o.compressType,
    traceEnabled: o.traceEnabled,
    traceTopic: o.traceTopic,
  };
}

export class ProducerPool {
  private readonly conns = new Map<string, Connection>();
  private readonly states = new Map<string, ConnectionState>();
  private readonly connecting = new Map<string, Promise<ConnectionState>>();

  constructor(
    private readonly sink: EventSink,
    private readonly observe: ConnectionObserver,
    /** The host's log (rotating file): route changes, reconnects, scheduled-task failures of every producer. */
    private readonly logger?: Logger,
  ) {}

  state(profileId: string): ConnectionState {
    return this.states.get(profileId) ?? { profileId, phase: 'disconnected', since: 0 };
  }

  allStates(): ConnectionState[] {
    return [...this.states.values()];
  }

  private setState(s: ConnectionState): ConnectionState {
    this.states.set(s.profileId, s);
    this.sink.emit('profiles:state', s);
    return s;
  }

  /** The live connection, or NOT_CONNECTED. */
  get(profileId: string): Connection {
    const c = this.conns.get(profileId);
    if (!c) throw new HostError('NotConnectedError', HostErrorCode.NOT_CONNECTED, `profile is not connected: connect it first (profiles:connect)`, true);
    return c;
  }

  has(profileId: string): boolean {
    return this.conns.has(profileId);
  }

  /** Connects (idempotent); the NameServer must answer a cluster query before the state is 'connected'. */
  connect(profile: ProfileView, creds: Credentials | undefined): Promise<ConnectionState> {
    const existing = this.conns.get(profile.id);
    if (existing) return Promise.resolve(this.state(profile.id));
    const inFlight = this.connecting.get(profile.id);
    if (inFlight) return inFlight;
    const p = this.doConnect(profile, creds).finally(() => this.connecting.delete(profile.id));
    this.connecting.set(profile.id, p);
    return p;
  }

  private async doConnect(profile: ProfileView, creds: Credentials | undefined): Promise<ConnectionState> {
    this.setState({ profileId: profile.id, phase: 'connecting', since: Date.now() });
    const config: ProducerConfig = { ...producerConfig(profile, creds), logger: this.logger };
    // A transaction producer is a DefaultMQProducer that can also answer its group's checks (transactions.ts).
    const producer = new TransactionMQProducer(config);
    // No admin until the producer has started (below); teardown copes with its absence.
    const conn: PartialConnection = { profile, producer, config, admin: undefined, dispose: [] };
    try {
      // Missing or unreadable certificate files: one clear sentence, before any socket.
      assertTlsFiles(profile.tls);
      await producer.start();
      // After start, with the instance's own config (which holds the address server's list when
      // there is one), so the admin joins the producer's instance instead of creating its own.
      const admin = MQAdmin.create(producer.client.config);
      conn.admin = admin;
      conn.dispose.push(this.observe(profile.id, producer));
      const events = producer.events;
      conn.dispose.push(
        events.on('route:changed', (e) => this.sink.emit('route:changed', { profileId: profile.id, ...e })),
        events.on('connection', (e) => this.sink.emit('connection:socket', { profileId: profile.id, ...e })),
      );
      // Proves the NameServer answers (and accepts the ACL keys) before calling it connected.
      await admin.clusterList();
      this.conns.set(profile.id, { ...conn, admin });
      return this.setState({ profileId: profile.id, phase: 'connected', clientId: producer.client.clientId, since: Date.now() });
    } catch (e) {
      await this.teardown(conn).catch(() => {});
      return this.setState({ profileId: profile.id, phase: 'error', error: toApiError(e), since: Date.now() });
    }
  }

  private async teardown(conn: PartialConnection): Promise<void> {
    for (const d of conn.dispose.splice(0)) d();
    await conn.admin?.close().catch(() => {});
    await conn.producer.shutdown();
  }

  async disconnect(profileId: string): Promise<ConnectionState> {
    await this.connecting.get(profileId)?.catch(() => {});
    const conn = this.conns.get(profileId);
    this.conns.delete(profileId);
    if (conn) await this.teardown(conn).catch(() => {});
    if (!conn && !this.states.has(profileId)) return this.state(profileId);
    return this.setState({ profileId, phase: 'disconnected', since: Date.now() });
  }

  connectedIds(): string[] {
    return [...this.conns.keys()];
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.conns.keys()].map((id) => this.disconnect(id)));
  }
}
