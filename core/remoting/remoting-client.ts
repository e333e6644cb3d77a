/**
 * Connections by address, NameServer choice with failover, and RPC hooks (ACL signing).
 */
import type { Clock } from '../clock.js';
import { ClientClosedError, ClientErrorCode, ConnectError, MQClientError, RequestTimeoutError } from '../errors.js';
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
  onServerRequest?: (cmd: RemotingCommand, conn: Connection) => void;
  onConnection?: (event: { type: 'opened' | 'closed'; addr: string; error?: MQClientError }) => void;
}

export class RemotingClient {
  private readonly connections = new Map<string, Connection>();
  private readonly connecting = new Map<string, Promise<Connection>>();
  private namesrvIndex: number;
  private closed = false;
  readonly namesrvAddrs: string[];

  constructor(private readonly opts: RemotingClientOptions) {
    this.namesrvAddrs = [...opts.namesrvAddrs];
    if (this.namesrvAddrs.length === 0) {
      throw new MQClientError('no NameServer address configured (e.g. 127.0.0.1:9876)', { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION });
    }
    this.namesrvIndex = Math.floor((opts.random ?? Math.random)() * this.namesrvAddrs.length);
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
        this.opts.onConnection?.({ type: 'opened', addr });
        return conn;
      },
      (e) => {
        this.connecting.delete(addr);
        throw e;
      },
    );
    this.connecting.set(addr, p);
    return p;
  }

  /** Not async on purpose: with an open connection the caller gets the request's own promise. */
  invoke(addr: string, cmd: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    try {
      this.opts.rpcHook?.beforeRequest(addr, cmd);
    } catch (e) {
      return Promise.reject(e);
    }
    const conn = this.openConnection(addr);
    if (conn) return conn.request(cmd, timeoutMs);
    return this.getConnection(addr).then((c) => c.request(cmd, timeoutMs));
  }

  invokeOneway(addr: string, cmd: RemotingCommand): Promise<void> {
    try {
      this.opts.rpcHook?.beforeRequest(addr, cmd);
    } catch (e) {
      return Promise.reject(e);
    }
    const conn = this.openConnection(addr);
    if (conn) return conn.oneway(cmd);
    return this.getConnection(addr).then((c) => c.oneway(cmd));
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
        if (!(e instanceof ConnectError || e instanceof RequestTimeoutError || (e instanceof MQClientError && e.code === ClientErrorCode.CONNECTION_CLOSED))) throw e;
        if (e instanceof RequestTimeoutError) this.connections.get(addr)?.close('request timed out; trying another NameServer');
        this.namesrvIndex = (this.namesrvIndex + 1) % n;
      }
    }
    throw new MQClientError(`no NameServer answered (tried ${this.namesrvAddrs.join(', ')}): ${(lastErr as Error)?.message ?? lastErr}`, {
      code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
      retriable: true,
      cause: lastErr,
    });
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
    for (const c of this.connections.values()) c.close('client shut down');
    this.connections.clear();
  }
}
