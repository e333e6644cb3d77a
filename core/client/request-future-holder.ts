/**
 * RequestFutureHolder: the requests waiting for a reply (request-reply), keyed by correlation id.
 * Java keeps one table per JVM and sweeps it every second; here each client instance owns its
 * table (a reply is addressed to a client id, which is the instance's) and each waiting request
 * has its own timer on the instance clock, so a sync or async request times out exactly at its
 * deadline (Java's sync form does too; its async form may be up to a sweep late).
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { ReplyMessage } from '../protocol/requests/reply-message.js';

export interface RequestResponseFuture {
  correlationId: string;
  /** Set once the request message was stored by a broker (Java setSendRequestOk). */
  sendRequestOk: boolean;
  resolve(reply: ReplyMessage): void;
  /** Called when the deadline passes without a reply. */
  expire(): void;
}

export class RequestFutureHolder {
  private readonly table = new Map<string, { f: RequestResponseFuture; timer: TimerHandle }>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.table.size;
  }

  /** Registers a request until its reply or `timeoutMs`, whichever comes first. */
  put(f: RequestResponseFuture, timeoutMs: number): void {
    const timer = this.clock.setTimeout(() => {
      if (this.table.get(f.correlationId)?.f !== f) return;
      this.table.delete(f.correlationId);
      f.expire();
    }, timeoutMs);
    this.table.set(f.correlationId, { f, timer });
  }

  remove(correlationId: string): void {
    const e = this.table.get(correlationId);
    if (!e) return;
    this.clock.clearTimeout(e.timer);
    this.table.delete(correlationId);
  }

  /** processReplyMessage: completes the matching request; false when none waits (late or foreign reply). */
  complete(reply: ReplyMessage): boolean {
    const id = reply.correlationId;
    const e = id === undefined ? undefined : this.table.get(id);
    if (!e) return false;
    this.remove(id!);
    e.f.resolve(reply);
    return true;
  }
}
