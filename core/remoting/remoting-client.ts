/**
 * Connections by address, NameServer choice with failover, and RPC hooks (ACL signing).
 */
import type { Clock, TimerHandle } from '../clock.js';
import { ClientClosedError, ClientErrorCode, ConnectError, MQClientError, RequestTimeoutError, TlsError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { RemotingCommand, SerializeType } from './command.js';
import { Connection, type SocketFactory } from './connection.js';

export interface RpcHook {
  /** Called just before a request is encoded; may add ext fields (e.g. AccessKey, Signature). */
  beforeRequest(addr: string, cmd: RemotingCommand): void;
}

export interface RemotingClientOptions {
  namesrvAddrs: string[];
  clock: Clock;
  serializeType?: SerializeType;
  connectTimeoutMs?: number;
  maxInflight?: number;
  sweepIntervalMs?: number;
  socketFactory?: SocketFactory;
  rpcHook?: RpcHook;
  random?: () => number;
  /** Java clientCloseSocketIfTimeout (default true): a sync request's timeout closes its socket. */
  closeSocketIfTimeout?: boolean;
  /** Java clientChannelMaxIdleTimeSeconds (default 120 s): a connection idle this long is closed. */
  maxIdleTimeMs?: number;
  logger?: Logger;
  onServerRequest?: (cmd: RemotingCommand, conn: Connection) => void;
  onConnection?: (event: { type: 'opened' | 'closed'; addr: string; error?: MQClientError }) => void;
}

export interface ConnectionSnapshot {
  addr: string;
  state: 'open' | 'connecting';
  /** Last read or write (epoch ms, client clock); undefined while connecting. */
  lastActivity: number | undefined;
  inflight: number;
}

/** Java NettyRemotingClient.MIN_CLOSE_TIMEOUT_MILLIS (5.x). */
const MIN_CLOSE_TIMEOUT_MS = 100;

export class RemotingClient {
  private readonly connections = new Map<string, Connection>();
  private readonly connecting = new Map<string, Promise<Connection>>();
  /** Addresses that had a connection before: a new one to them is a reconnect (logged). */
  private readonly seen = new Set<string>();
  private namesrvIndex: number;
  private closed = false;
  private idleTimer: TimerHandle | undefined;
  private readonly closeOnTimeout: boolean;
  private readonly log: Logger;
  readonly namesrvAddrs: string[];

  constructor(private readonly opts: RemotingClientOptions) {
    this.namesrvAddrs = [...opts.namesrvAddrs];
    if (this.namesrvAddrs.length === 0) {
      throw new MQClientError('No name server address, please set it (e.g. 127.0.0.1:9876).', { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION });
    }
    this.namesrvIndex = Math.floor((opts.random ?? Math.random)() * this.namesrvAddrs.length);
    this.closeOnTimeout = opts.closeSocketIfTimeout ?? true;
    this.log = opts.logger ?? silentLogger;
  }

  /** Open and opening connections, for status views. */
  connectionsSnapshot(): ConnectionSnapshot[] {
    const out: ConnectionSnapshot[] = [];
    for (const c of this.connections.values()) if (c.isOpen) out.push({ addr: c.addr, state: 'open', lastActivity: c.lastActivity, inflight: c.inflight });
    for (const addr of this.connecting.keys()) if (!this.connections.has(addr)) out.push({ addr, state: 'connecting', lastActivity: undefined, inflight: 0 });
    return out;
  }

  /**
   * IdleStateHandler(0, 0, maxIdle) of the Java client: a connection with neither read nor write
   * for maxIdle is closed. One timer for all connections, armed while any is open.
   */
  private ensureIdleScan(): void {
    if (this.idleTimer !== undefined || this.closed) return;
    const maxIdle = this.opts.maxIdleTimeMs ?? 120_000;
    if (maxIdle <= 0) return;
    const every = Math.max(100, Math.min(maxIdle / 4, 30_000));
    this.idleTimer = this.opts.clock.setTimeout(() => {
      this.idleTimer = undefined;
      const now = this.opts.clock.now();
      for (const c of [...this.connections.values()]) {
        if (now - c.lastActivity >= maxIdle) c.close(`idle for ${Math.round((now - c.lastActivity) / 1000)} s (clientChannelMaxIdleTimeSeconds)`);
      }
      if (this.connections.size > 0) this.ensureIdleScan();
    }, every);
  }

  get serializeType(): SerializeType {
    return this.opts.serializeType ?? 'JSON';
  }

  /** The NameServer currently preferred (the one the next call will try first). */
  get currentNamesrv(): string {
    return this.namesrvAddrs[this.namesrvIndex % this.namesrvAddrs.length]!;
  }

  /** Returns an open connection if one exists, without allocating a promise (hot path). */
  openConnection(addr: string): Connection | undefined {
    const c = this.connections.get(addr);
    return c?.isOpen ? c : undefined;
  }

  getConnection(addr: string): Promise<Connection> {
    if (this.closed) return Promise.reject(new ClientClosedError());
    const open = this.openConnection(addr);
    if (open) return Promise.resolve(open);
    let p = this.connecting.get(addr);
    if (p) return p;
    p = Connection.connect(addr, {
      clock: this.opts.clock,
      serializeType: this.serializeType,
      connectTimeoutMs: this.opts.connectTimeoutMs ?? 3000,
      maxInflight: this.opts.maxInflight ?? 65535,
      sweepIntervalMs: this.opts.sweepIntervalMs ?? 50,
      socketFactory: this.opts.socketFactory,
      onServerRequest: this.opts.onServerRequest,
      onClose: (conn, error) => {
        if (this.connections.get(conn.addr) === conn) this.connections.delete(conn.addr);
        if (!this.closed) this.log.info('connection closed', { addr: conn.addr, reason: error?.message });
        this.opts.onConnection?.({ type: 'closed', addr: conn.addr, error });
      },
    }).then(
      (conn) => {
        this.connecting.delete(addr);
        if (this.closed) {
          conn.close('client shut down');
          throw new ClientClosedError();
        }
        this.connections.set(addr, conn);
        if (this.seen.has(addr)) this.log.info('reconnected', { addr });
        else this.log.debug('connected', { addr });
        this.seen.add(addr);
        this.ensureIdleScan();
        this.opts.onConnection?.({ type: 'opened', addr });
        return conn;
      },
      (e: unknown) => {
        this.connecting.delete(addr);
        this.log.warn('connect failed', { addr, error: e });
        throw e;
      },
    );
    this.connecting.set(addr, p);
    return p;
  }

  /**
   * A sync call (Java invokeSync): the time spent connecting is charged to `timeoutMs`; when
   * nothing is left the request is not written; a timeout closes the socket
   * (clientCloseSocketIfTimeout, with 5.x's exception when connecting left under a quarter of the
   * budget and at most 100 ms). Not async on purpose: with an open connection the caller gets the
   * request's own promise.
   */
  invoke(addr: string, cmd: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    return this.invokeImpl(addr, cmd, timeoutMs, this.closeOnTimeout);
  }

  /** An async call (Java invokeAsync): like invoke, but a timeout leaves the socket open. */
  invokeAsync(addr: string, cmd: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    return this.invokeImpl(addr, cmd, timeoutMs, false);
  }

  private invokeImpl(addr: string, cmd: RemotingCommand, timeoutMs: number, closeOnTimeout: boolean): Promise<RemotingCommand> {
    try {
      this.opts.rpcHook?.beforeRequest(addr, cmd);
    } catch (e) {
      return Promise.reject(e);
    }
    const conn = this.openConnection(addr);
    if (conn) return conn.request(cmd, timeoutMs, closeOnTimeout);
    const t0 = this.opts.clock.now();
    return this.getConnection(addr).then((c) => {
      const left = timeoutMs - (this.opts.clock.now() - t0);
      if (left <= 0) throw new RequestTimeoutError(addr, timeoutMs, 'request (connecting used the whole budget; not written)');
      return c.request(cmd, left, closeOnTimeout && (left > MIN_CLOSE_TIMEOUT_MS || left > timeoutMs / 4));
    });
  }

  /** Oneway (Java invokeOneway): bounded by `timeoutMs`, connect time included; settles either way. */
  invokeOneway(addr: string, cmd: RemotingCommand, timeoutMs: number): Promise<void> {
    try {
      this.opts.rpcHook?.beforeRequest(addr, cmd);
    } catch (e) {
      return Promise.reject(e);
    }
    const conn = this.openConnection(addr);
    if (conn) return conn.oneway(cmd, timeoutMs);
    const t0 = this.opts.clock.now();
    return this.getConnection(addr).then((c) => {
      const left = timeoutMs - (this.opts.clock.now() - t0);
      if (left <= 0) throw new RequestTimeoutError(addr, timeoutMs, 'oneway (connecting used the whole budget; not written)');
      return c.oneway(cmd, left);
    });
  }

  /**
   * Sends to the preferred NameServer; on a connect error or timeout moves to the next one and
   * tries each configured address at most once. The request is re-signed per attempt.
   */
  async invokeNameServer(make: () => RemotingCommand, timeoutMs: number): Promise<{ addr: string; response: RemotingCommand }> {
    let lastErr: unknown;
    const n = this.namesrvAddrs.length;
    for (let i = 0; i < n; i++) {
      const addr = this.currentNamesrv;
      try {
        const response = await this.invoke(addr, make(), timeoutMs);
        return { addr, response };
      } catch (e) {
        lastErr = e;
        if (!(e instanceof ConnectError || e instanceof RequestTimeoutError || (e instanceof MQClientError && e.code === ClientErrorCode.CONNECTION_CLOSED)))
          throw e;
        if (e instanceof RequestTimeoutError) this.connections.get(addr)?.close('request timed out; trying another NameServer');
        this.namesrvIndex = (this.namesrvIndex + 1) % n;
      }
    }
    throw new MQClientError(`no NameServer answered (tried ${this.namesrvAddrs.join(', ')}): ${(lastErr as Error)?.message ?? lastErr}`, {
      // A TLS failure keeps its own code: the fix is a certificate, not a NameServer address.
      code: lastErr instanceof TlsError ? ClientErrorCode.TLS_EXCEPTION : ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
      retriable: true,
      cause: lastErr,
    });
  }

  /**
   * Java updateNameServerAddressList: a new list (from the address server) replaces the old one in
   * place; connections to NameServers no longer listed are closed. An empty list is ignored.
   */
  updateNameServerAddressList(addrs: readonly string[]): boolean {
    const next = [...new Set(addrs.map((a) => a.trim()).filter((a) => a.length > 0))];
    if (next.length === 0 || (next.length === this.namesrvAddrs.length && next.every((a, i) => a === this.namesrvAddrs[i]))) return false;
    const current = this.currentNamesrv;
    for (const old of this.namesrvAddrs) if (!next.includes(old)) this.connections.get(old)?.close('NameServer no longer listed by the address server');
    this.namesrvAddrs.splice(0, this.namesrvAddrs.length, ...next);
    const keep = next.indexOf(current);
    this.namesrvIndex = keep >= 0 ? keep : Math.floor((this.opts.random ?? Math.random)() * next.length);
    this.log.info('NameServer address list updated', { namesrvAddrs: next.join(';') });
    return true;
  }

  /** Closes connections to addresses no longer in use (offline brokers). */
  closeConnection(addr: string, reason: string): void {
    this.connections.get(addr)?.close(reason);
  }

  addresses(): string[] {
    return [...this.connections.keys()];
  }

  shutdown(): void {
    this.closed = true;
    if (this.idleTimer !== undefined) this.opts.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    for (const c of this.connections.values()) c.close('client shut down');
    this.connections.clear();
  }
}
