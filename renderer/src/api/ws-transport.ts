/**
 * The headless host's transport: one WebSocket to ws://<page host>/api?token=… (the page's own
 * address never carries the token), JSON messages
 * {id, channel, input} → {id, result} and pushed {event, payload}. Reconnects with backoff; calls
 * made while (re)connecting wait for the socket, calls in flight when it drops resolve to a
 * DISCONNECTED error (never a rejection).
 */
import type { ApiError, HostErrorCode, Result } from '../../../electron/common/api.js';

const DISCONNECTED: (typeof HostErrorCode)['DISCONNECTED'] = 20011;
const UNAUTHORIZED: (typeof HostErrorCode)['UNAUTHORIZED'] = 20012;

type Pending = (r: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

export interface WsTransportOptions {
  url: string;
  /** Called on every state change, e.g. for a connection banner. */
  onState?: (state: 'connecting' | 'open' | 'closed' | 'unauthorized') => void;
  /**
   * The host refuses a bad token with HTTP 401 before any WebSocket exists, which a browser only
   * reports as a failed connection (1006): this asks the host whether the token is still valid
   * (false = refused, stop reconnecting). A host that is down resolves true (retry).
   */
  tokenAccepted?: () => Promise<boolean>;
}

function fail(code: number, name: string, message: string, retriable: boolean): Result<never> {
  const error: ApiError = { name, code, retriable, message };
  return { ok: false, error };
}

export class WsTransport {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private backoffMs = 250;
  private stopped = false;

  constructor(private readonly opts: WsTransportOptions) {
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    this.opts.onState?.('connecting');
    const ws = new WebSocket(this.opts.url);
    this.ws = ws;
    ws.onopen = () => {
      this.backoffMs = 250;
      this.opts.onState?.('open');
      for (const msg of this.queue.splice(0)) ws.send(msg);
    };
    ws.onmessage = (e: MessageEvent) => this.onMessage(String(e.data));
    let opened = false;
    ws.addEventListener('open', () => (opened = true));
    ws.onclose = (e: CloseEvent) => {
      this.ws = null;
      if (!opened && e.code === 1006 && this.opts.tokenAccepted) {
        void this.opts.tokenAccepted().then(
          (accepted) => this.closed(accepted ? e.code : 4401),
          () => this.closed(e.code),
        );
        return;
      }
      this.closed(e.code);
    };
  }

  /** After a close: settle what was in flight, then stop (refused token) or reconnect with backoff. */
  private closed(code: number): void {
    const unauthorized = code === 4401;
    for (const [, settle] of this.pending) {
      settle(
        unauthorized
          ? fail(UNAUTHORIZED, 'UnauthorizedError', 'the host refused the token: open the URL the host printed', false)
          : fail(DISCONNECTED, 'DisconnectedError', 'the connection to the workbench host dropped', true),
      );
    }
    this.pending.clear();
    if (unauthorized) {
      this.stopped = true;
      this.opts.onState?.('unauthorized');
      return;
    }
    this.opts.onState?.('closed');
    setTimeout(() => this.connect(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 5000);
  }

  private onMessage(text: string): void {
    let msg: { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.id === 'number' && msg.result) {
      const settle = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      settle?.(msg.result);
    } else if (typeof msg.event === 'string') {
      for (const fn of this.listeners.get(msg.event) ?? []) {
        try {
          fn(msg.payload);
        } catch (e) {
          console.error(`workbench event listener for ${msg.event} failed`, e);
        }
      }
    }
  }

  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    const text = JSON.stringify({ id, channel, input });
    return new Promise((resolve) => {
      if (this.stopped && !this.ws) {
        resolve(fail(UNAUTHORIZED, 'UnauthorizedError', 'the host refused the token: open the URL the host printed', false));
        return;
      }
      this.pending.set(id, resolve);
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
      else this.queue.push(text);
    });
  }

  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}
