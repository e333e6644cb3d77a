/**
 * One TCP connection to a NameServer or broker: writes coalesced per event-loop turn, an in-flight
 * table keyed by opaque, one sweeping timer for timeouts, permits that bound in-flight requests,
 * and every pending request failed with a clear error when the socket closes.
 */
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Clock, TimerHandle } from '../clock.js';
import { ConnectError, ConnectionClosedError, MQClientError, ProtocolError, RequestTimeoutError, TlsError, TooManyRequestsError } from '../errors.js';
import { isTlsFailure } from './tls.js';
import { FLAG_ONEWAY, isResponse, type RemotingCommand, type SerializeType } from './command.js';
import { encodeCommand, FrameDecoder } from './frame.js';

/** Queued bytes past which a oneway request is written at once rather than at the end of the tick. */
const ONEWAY_FLUSH_BYTES = 64 * 1024;

export type SocketFactory = (host: string, port: number) => Socket;

export interface ConnectionOptions {
  clock: Clock;
  serializeType: SerializeType;
  connectTimeoutMs: number;
  /** Async permits (Java clientAsyncSemaphoreValue): requests beyond it wait for a slot. */
  maxInflight: number;
  /** How often pending requests are checked for expiry. */
  sweepIntervalMs: number;
  socketFactory?: SocketFactory;
  /** Requests initiated by the server (CHECK_TRANSACTION_STATE, …). */
  onServerRequest?: (cmd: RemotingCommand, conn: Connection) => void;
  onClose?: (conn: Connection, error: MQClientError | undefined) => void;
}

/** One request: waiting for a permit (`cmd` set, not yet written) or in flight. */
interface Pending {
  resolve: (cmd: RemotingCommand) => void;
  reject: (e: Error) => void;
  deadline: number;
  timeoutMs: number;
  cmd: RemotingCommand | undefined;
  /** clientCloseSocketIfTimeout: a timeout on this request closes the connection. */
  closeOnTimeout: boolean;
}

interface DrainWaiter {
  resolve: () => void;
  reject: (e: Error) => void;
  deadline: number;
  timeoutMs: number;
  cmd: RemotingCommand;
}

export function parseAddr(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(':');
  const port = Number(addr.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535)
    throw new MQClientError(`invalid address '${addr}' (expected host:port)`, { code: 10001 });
  return { host: addr.slice(0, i).replace(/^\[|\]$/g, ''), port };
}

export class Connection {
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: Pending[] = [];
  /** Oneway requests waiting for the socket to drain (not written yet). */
  private readonly drainWaiters: DrainWaiter[] = [];
  private drainHooked = false;
  private outQueue: Buffer[] = [];
  private outBytes = 0;
  private flushScheduled = false;
  private sweepTimer: TimerHandle | undefined;
  private nextOpaque = 1;
  private closedError: MQClientError | undefined;
  /** Last time a frame was written or read, for idle checks. */
  lastActivity: number;

  private constructor(
    readonly addr: string,
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.lastActivity = opts.clock.now();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // TLS 1.3 reports a refused client certificate after the handshake: still a TLS failure.
    socket.on('error', (e) => this.fail(isTlsFailure(e) ? new TlsError(addr, e) : new ConnectionClosedError(addr, e.message, e)));
    socket.on('close', () => this.fail(new ConnectionClosedError(addr, 'socket closed by peer')));
  }

  static connect(addr: string, opts: ConnectionOptions): Promise<Connection> {
    const { host, port } = parseAddr(addr);
    return new Promise((resolve, reject) => {
      const socket = opts.socketFactory ? opts.socketFactory(host, port) : new Socket();
      let settled = false;
      const timer = opts.clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(new ConnectError(addr, new Error(`connect timed out after ${opts.connectTimeoutMs} ms`)));
      }, opts.connectTimeoutMs);
      socket.once('error', (e) => {
        if (settled) return;
        settled = true;
        opts.clock.clearTimeout(timer);
        socket.destroy();
        reject(isTlsFailure(e) ? new TlsError(addr, e) : new ConnectError(addr, e));
      });
      // A TLS socket is usable once its handshake is done (certificate checked), not at TCP connect:
      // a certificate error then fails the connect with its own message.
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
        if (settled) return;
        settled = true;
        opts.clock.clearTimeout(timer);
        resolve(new Connection(addr, socket, opts));
      });
      if (!opts.socketFactory) socket.connect(port, host);
    });
  }

  get isOpen(): boolean {
    return this.closedError === undefined;
  }

  get inflight(): number {
    return this.pending.size;
  }

  /**
   * Sends a request and resolves with the response (whatever its code). `closeOnTimeout` closes
   * the socket when this request times out (the Java client does so for sync calls), so a broker
   * that silently drops packets is reconnected instead of being waited on by every later send.
   */
  request(cmd: RemotingCommand, timeoutMs: number, closeOnTimeout = false): Promise<RemotingCommand> {
    if (this.closedError) return Promise.reject(this.closedError);
    // No closure per request beyond the executor: the hot path allocates one Pending and one promise.
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, deadline: this.opts.clock.now() + timeoutMs, timeoutMs, cmd, closeOnTimeout };
      if (this.pending.size < this.opts.maxInflight) this.start(p);
      else this.waiters.push(p);
      this.ensureSweep();
    });
  }

  private start(p: Pending): void {
    const cmd = p.cmd!;
    p.cmd = undefined;
    const opaque = this.allocOpaque();
    cmd.opaque = opaque;
    this.pending.set(opaque, p);
    this.enqueue(cmd);
  }

  /**
   * Fire-and-forget; resolves once the bytes are handed to the socket. While the socket's buffer is
   * full (a stalled peer), the request waits in line for it to drain — at most `timeoutMs`, like
   * the Java client's oneway permit acquisition — and then fails without being written, so a
   * oneway send always settles. One drain listener and the sweeping timer serve every waiter.
   */
  oneway(cmd: RemotingCommand, timeoutMs: number): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.drainWaiters.length === 0 && !this.socket.writableNeedDrain) {
      this.writeOneway(cmd);
      return Promise.resolve();
    }
    if (timeoutMs <= 0)
      return Promise.reject(new TooManyRequestsError(`oneway to ${this.addr}: the socket buffer is full and no time is left (invoke too fast)`));
    return new Promise((resolve, reject) => {
      this.drainWaiters.push({ resolve, reject, deadline: this.opts.clock.now() + timeoutMs, timeoutMs, cmd });
      if (!this.drainHooked) {
        this.drainHooked = true;
        this.socket.on('drain', this.onDrain);
      }
      this.ensureSweep();
    });
  }

  private writeOneway(cmd: RemotingCommand): void {
    cmd.opaque = this.allocOpaque();
    cmd.flag |= FLAG_ONEWAY;
    this.enqueue(cmd);
    // A caller looping on `await oneway()` never leaves the microtask queue, so the nextTick flush
    // would not run until the loop ends: past a threshold, write now and let the socket push back.
    if (this.outBytes >= ONEWAY_FLUSH_BYTES) this.flush();
  }

  /** Writes waiting oneways in order until the socket pushes back again. */
  private readonly onDrain = (): void => {
    while (this.drainWaiters.length > 0 && !this.socket.writableNeedDrain && !this.closedError) {
      const w = this.drainWaiters.shift()!;
      this.writeOneway(w.cmd);
      this.flush();
      w.resolve();
    }
  };

  /** Writes a response to a server-initiated request. */
  respond(cmd: RemotingCommand): void {
    if (!this.closedError) this.enqueue(cmd);
  }

  close(reason = 'closed by client'): void {
    this.fail(new ConnectionClosedError(this.addr, reason));
  }

  /** Why the connection closed (undefined while open). */
  get closeReason(): string | undefined {
    return this.closedError?.message;
  }

  private allocOpaque(): number {
    let o = this.nextOpaque;
    while (this.pending.has(o)) o = o >= 0x7fffffff ? 1 : o + 1;
    this.nextOpaque = o >= 0x7fffffff ? 1 : o + 1;
    return o;
  }

  private enqueue(cmd: RemotingCommand): void {
    const bufs = encodeCommand(cmd, cmd.serializeType ?? this.opts.serializeType);
    for (const b of bufs) {
      this.outQueue.push(b);
      this.outBytes += b.length;
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(this.flush);
    }
  }

  /** One corked write per event-loop turn: many small frames leave in one writev. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    const q = this.outQueue;
    if (q.length === 0 || this.closedError) return;
    this.outQueue = [];
    this.outBytes = 0;
    this.lastActivity = this.opts.clock.now();
    this.socket.cork();
    for (const b of q) this.socket.write(b);
    this.socket.uncork();
  };

  private onData(chunk: Buffer): void {
    this.lastActivity = this.opts.clock.now();
    let cmds: RemotingCommand[];
    try {
      cmds = this.decoder.push(chunk);
    } catch (e) {
      const pe = e as ProtocolError;
      this.fail(new ConnectionClosedError(this.addr, `malformed data from peer (${pe.message})`, pe));
      return;
    }
    for (const cmd of cmds) {
      if (isResponse(cmd)) {
        const p = this.pending.get(cmd.opaque);
        if (!p) continue; // late response after a timeout: dropped, as in the Java client
        this.pending.delete(cmd.opaque);
        p.resolve(cmd);
      } else {
        this.opts.onServerRequest?.(cmd, this);
      }
    }
    this.admitWaiters();
  }

  private admitWaiters(): void {
    while (this.waiters.length > 0 && this.pending.size < this.opts.maxInflight) this.start(this.waiters.shift()!);
  }

  private ensureSweep(): void {
    if (this.sweepTimer !== undefined || this.closedError) return;
    this.sweepTimer = this.opts.clock.setTimeout(this.sweep, this.opts.sweepIntervalMs);
  }

  private readonly sweep = (): void => {
    this.sweepTimer = undefined;
    const now = this.opts.clock.now();
    let closeFor: Pending | undefined;
    for (const [opaque, p] of this.pending) {
      if (p.deadline <= now) {
        this.pending.delete(opaque);
        p.reject(new RequestTimeoutError(this.addr, p.timeoutMs));
        if (p.closeOnTimeout) closeFor = p;
      }
    }
    if (closeFor) {
      this.close(`a request timed out after ${closeFor.timeoutMs} ms (clientCloseSocketIfTimeout)`);
      return;
    }
    if (this.waiters.length > 0) {
      const keep: Pending[] = [];
      for (const w of this.waiters) {
        if (w.deadline <= now) w.reject(new TooManyRequestsError(`too many requests in flight to ${this.addr} (limit ${this.opts.maxInflight})`));
        else keep.push(w);
      }
      this.waiters.length = 0;
      this.waiters.push(...keep);
      this.admitWaiters();
    }
    if (this.drainWaiters.length > 0) {
      const keep = this.drainWaiters.filter((w) => {
        if (w.deadline > now) return true;
        w.reject(new RequestTimeoutError(this.addr, w.timeoutMs, 'oneway (waiting for the socket to drain; not written)'));
        return false;
      });
      this.drainWaiters.length = 0;
      this.drainWaiters.push(...keep);
    }
    if (this.pending.size > 0 || this.waiters.length > 0 || this.drainWaiters.length > 0) this.ensureSweep();
  };

  private fail(err: MQClientError): void {
    if (this.closedError) return;
    this.closedError = err;
    if (this.sweepTimer !== undefined) this.opts.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.outQueue = [];
    this.outBytes = 0;
    this.socket.destroy();
    const pending = [...this.pending.values()];
    this.pending.clear();
    const waiters = this.waiters.splice(0);
    const drainWaiters = this.drainWaiters.splice(0);
    for (const p of pending) p.reject(err);
    for (const w of waiters) w.reject(err);
    for (const w of drainWaiters) w.reject(err);
    this.opts.onClose?.(this, err);
  }
}
