/**
 * AsyncTraceDispatcher of the Java client, for producers: after each acknowledged send a Pub trace
 * record (protocol/trace-codec.ts) is queued, and an EndTransaction record after each END_TRANSACTION; records are sent to the trace topic in batches by a
 * producer of their own (group `_INNER_TRACE_PRODUCER-<group>`, its own client instance), so a
 * user's send never waits for, and never fails because of, its trace:
 *   - append() is a push onto a bounded queue (2048, as Java's traceInstance queue); when full the
 *     record is dropped and counted, never blocking;
 *   - a batch goes out when `batchNum` records wait, or `flushIntervalMs` after the first one;
 *   - a trace send that fails is logged (warn) and forgotten, as Java logs and drops it.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import { encodeTrace, traceKeys, type TraceContext } from '../protocol/trace-codec.js';
import type { Message, SendResult } from './message.js';

/** What the dispatcher needs of its trace producer (a DefaultMQProducer; injected to avoid an import cycle). */
export interface TraceSender {
  start(): Promise<void>;
  sendAsync(msg: Message, opts: { timeoutMs?: number }): Promise<SendResult>;
  shutdown(): Promise<void>;
}

export interface TraceDispatcherOptions {
  traceTopic: string;
  clock: Clock;
  log: Logger;
  /** Records per trace message at most (Java traceMsgBatchNum, capped at 20). */
  batchNum?: number;
  /** How long a record may wait for its batch to fill (Java flushes every 5 s; we use 1 s). */
  flushIntervalMs?: number;
  queueSize?: number;
  /** Body size past which a batch is split (Java AsyncTraceDispatcher.maxMsgSize 128 000). */
  maxMsgSize?: number;
}

export class TraceDispatcher {
  private queue: TraceContext[] = [];
  private timer: TimerHandle | undefined;
  private started: Promise<void> | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private closed = false;
  /** Records dropped because the queue was full. */
  dropped = 0;
  /** Trace messages written / failed (for tests and status views). */
  sent = 0;
  failed = 0;
  private readonly batchNum: number;
  private readonly flushIntervalMs: number;
  private readonly queueSize: number;
  private readonly maxMsgSize: number;

  constructor(
    private readonly sender: TraceSender,
    private readonly o: TraceDispatcherOptions,
  ) {
    this.batchNum = Math.min(o.batchNum ?? 10, 20);
    this.flushIntervalMs = o.flushIntervalMs ?? 1000;
    this.queueSize = o.queueSize ?? 2048;
    this.maxMsgSize = o.maxMsgSize ?? 128_000;
  }

  get traceTopic(): string {
    return this.o.traceTopic;
  }

  /** Queues one record; O(1), never throws, never waits. */
  append(ctx: TraceContext): void {
    if (this.closed) return;
    if (this.queue.length >= this.queueSize) {
      if (this.dropped++ === 0)
        this.o.log.warn('message trace queue full: trace records are being dropped', { traceTopic: this.o.traceTopic, queueSize: this.queueSize });
      return;
    }
    this.queue.push(ctx);
    if (this.queue.length >= this.batchNum) this.flush();
    else if (this.timer === undefined) this.timer = this.o.clock.setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  /** Sends everything queued now (in batches); returns at once. */
  flush(): void {
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchNum);
      // Java groups a batch by (topic, trace topic); one trace topic here, and the topic only
      // matters for routing the trace, so one message per size-bounded run of records.
      let data = '';
      let keys = new Set<string>();
      for (const c of batch) {
        data += encodeTrace(c);
        for (const k of traceKeys(c)) keys.add(k);
        if (data.length >= this.maxMsgSize) {
          this.send(data, keys);
          data = '';
          keys = new Set();
        }
      }
      if (data) this.send(data, keys);
    }
  }

  private send(data: string, keys: Set<string>): void {
    this.started ??= this.sender.start();
    const p = this.started
      .then(() => this.sender.sendAsync({ topic: this.o.traceTopic, body: data, keys: [...keys] }, { timeoutMs: 5000 }))
      .then(
        () => void this.sent++,
        (e: unknown) => {
          this.failed++;
          this.o.log.warn('sending message trace data failed (the traced sends are not affected)', { traceTopic: this.o.traceTopic, error: e });
        },
      );
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Flushes what is queued, waits for trace sends in flight, then stops the trace producer. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    if (this.started) {
      await this.started.catch(() => undefined);
      await this.sender.shutdown();
    }
  }

  /** Resolves once every trace message queued or in flight now has been answered (tests, and hosts before reading traces). */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inflight]);
  }
}
