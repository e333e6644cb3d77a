/**
 * The chaos test's load: a fixed window of sends (half sync, half async) at a paced offered rate,
 * every send recorded with its outcome and how long it took to settle, plus an event-loop lag
 * monitor so a timing bound can allow for the test process's own stalls.
 */
import { performance } from 'node:perf_hooks';
import type { AttemptRecord, DefaultMQProducer, SendResult } from '../../core/index.js';
import { MQClientError, SendFailedError } from '../../core/index.js';

export interface SendRecord {
  n: number;
  /** The message's KEYS: how a stored copy is matched to its send, whatever the send's outcome. */
  key: string;
  mode: 'sync' | 'async';
  timeoutMs: number;
  startedAt: number;
  settledAt?: number;
  result?: SendResult;
  error?: unknown;
  attempts: AttemptRecord[];
}

export const now = (): number => performance.now();

/** Max event-loop delay seen while running (a timer that fires late by that much). */
export class LagMonitor {
  max = 0;
  private timer: NodeJS.Timeout | undefined;
  start(periodMs = 20): this {
    let expected = now() + periodMs;
    this.timer = setInterval(() => {
      const t = now();
      this.max = Math.max(this.max, t - expected);
      expected = t + periodMs;
    }, periodMs);
    return this;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

export interface LoadOptions {
  window: number;
  /** Offered rate over the whole window (sends/s); a stalled send holds its slot. */
  ratePerSec: number;
  timeoutMs: number;
  bodyBytes: number;
}

export class Load {
  readonly records: SendRecord[] = [];
  private stopped = false;
  private workers: Promise<void>[] = [];
  private n = 0;

  constructor(
    private readonly producer: DefaultMQProducer,
    private readonly topic: string,
    private readonly opts: LoadOptions,
    private readonly runId: string,
  ) {}

  start(): void {
    for (let w = 0; w < this.opts.window; w++) this.workers.push(this.worker(w % 2 === 0 ? 'sync' : 'async'));
  }

  /** Stops offering new sends and waits for every send in flight to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }

  get inflight(): number {
    return this.records.filter((r) => r.settledAt === undefined).length;
  }

  acked(): SendRecord[] {
    return this.records.filter((r) => r.result?.sendStatus === 'SEND_OK');
  }

  /** The first SEND_OK settled at or after `t` (on `broker` when given). */
  firstAckAfter(t: number, broker?: string): SendRecord | undefined {
    let best: SendRecord | undefined;
    for (const r of this.records) {
      if (r.result?.sendStatus !== 'SEND_OK' || r.settledAt! < t) continue;
      if (broker && r.result.messageQueue.brokerName !== broker) continue;
      if (!best || r.settledAt! < best.settledAt!) best = r;
    }
    return best;
  }

  private async worker(mode: 'sync' | 'async'): Promise<void> {
    const interval = (this.opts.window / this.opts.ratePerSec) * 1000;
    const body = Buffer.alloc(this.opts.bodyBytes, 'c');
    while (!this.stopped) {
      const t0 = now();
      await this.one(mode, body);
      const wait = interval - (now() - t0);
      if (wait > 0 && !this.stopped) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async one(mode: 'sync' | 'async', body: Buffer): Promise<void> {
    const n = this.n++;
    const rec: SendRecord = { n, key: `${this.runId}-${n}`, mode, timeoutMs: this.opts.timeoutMs, startedAt: now(), attempts: [] };
    this.records.push(rec);
    const msg = { topic: this.topic, body, keys: rec.key };
    const opts = { timeoutMs: this.opts.timeoutMs };
    try {
      rec.result = await (mode === 'sync' ? this.producer.send(msg, opts) : this.producer.sendAsync(msg, opts));
      rec.settledAt = now();
      rec.attempts = rec.result.attempts;
    } catch (e) {
      rec.settledAt = now();
      rec.error = e;
      // a send refused before any attempt (validation, shut down) has none
      rec.attempts = e instanceof SendFailedError ? e.attempts : [];
    }
  }
}

/** A failure's cause for the figures: the last error's type and code. */
export function causeOf(e: unknown): string {
  const last = e instanceof SendFailedError && e.cause instanceof Error ? e.cause : e;
  const name = last instanceof Error ? last.name : typeof last;
  const code = last instanceof MQClientError ? last.code : e instanceof MQClientError ? e.code : undefined;
  const timedOut = e instanceof Error && /timed out/.test(e.message) ? ' timed out' : '';
  return `${name}${code === undefined ? '' : `(${code})`}${timedOut}`;
}

/**
 * A send is ambiguous when one of its requests may have reached a broker without an answer coming
 * back — a timeout, or the connection closing with the request written — so the client cannot know
 * whether it was stored, and a retry may store it a second time. A refused connect is not ambiguous:
 * nothing was written. (Attempt records carry only the error text; this is a test's classification,
 * no retry decision depends on it.)
 */
export function isAmbiguous(r: SendRecord): boolean {
  const text = (s: string | undefined) => /timed out|timeout|closed/i.test(s ?? '');
  if (r.attempts.some((a) => !a.ok && text(a.error))) return true;
  if (r.error instanceof Error && text(r.error.message)) return true;
  return false;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
