/** Counters and summary of a bulk or data-file run, fed one SendOutcome at a time. */
import type { RunCounters, RunSummary, SendOutcome } from '../common/contract.js';
import { Reservoir } from './stats.js';

export class RunStats {
  readonly counters: RunCounters = { started: 0, sent: 0, degraded: 0, failed: 0 };
  private readonly latency = new Reservoir(100_000);
  private readonly causes = new Map<string, { cause: string; code: number; count: number; example: string }>();
  private readonly brokers = new Map<string, { sent: number; failed: number; latency: Reservoir }>();
  private retries = 0;
  readonly startedAt = Date.now();
  endedAt: number | undefined;

  /** `n` messages (a batch counts each of its messages). */
  add(o: SendOutcome, n = o.resolved.messages.length): void {
    if (o.status === 'ok' || o.status === 'unconfirmed') this.counters.sent += n;
    else if (o.status === 'degraded') this.counters.degraded += n;
    else this.counters.failed += n;
    if (o.status !== 'failed') this.latency.add(o.latencyMs);
    this.retries += Math.max(0, o.attempts.length - 1);
    if (o.error) this.addFailure(o.error.name, o.error.code, o.error.message, n);
    else if (o.status === 'degraded') this.addFailure(`status ${o.result?.sendStatus ?? '?'}`, 0, `stored with status ${o.result?.sendStatus ?? '?'}`, n);
    const brokerName = o.result?.brokerName ?? o.attempts[o.attempts.length - 1]?.brokerName;
    if (brokerName) {
      let b = this.brokers.get(brokerName);
      if (!b) this.brokers.set(brokerName, (b = { sent: 0, failed: 0, latency: new Reservoir(20_000) }));
      if (o.status === 'failed') b.failed += n;
      else {
        b.sent += n;
        b.latency.add(o.latencyMs);
      }
    }
  }

  addFailure(cause: string, code: number, example: string, n = 1): void {
    const key = `${cause}#${code}`;
    const c = this.causes.get(key);
    if (c) c.count += n;
    else this.causes.set(key, { cause, code, count: n, example });
  }

  summary(): RunSummary {
    const elapsedMs = (this.endedAt ?? Date.now()) - this.startedAt;
    const done = this.counters.sent + this.counters.degraded;
    return {
      ...this.counters,
      elapsedMs,
      throughput: elapsedMs > 0 ? Math.round((done * 100_000) / elapsedMs) / 100 : 0,
      latency: this.latency.stats(),
      failuresByCause: [...this.causes.values()].sort((a, b) => b.count - a.count),
      perBroker: [...this.brokers]
        .map(([brokerName, b]) => ({ brokerName, sent: b.sent, failed: b.failed, latency: b.latency.stats() }))
        .sort((a, b) => a.brokerName.localeCompare(b.brokerName)),
      retries: this.retries,
    };
  }
}

/** Calls `fn` at most every `ms`, plus once more with the latest state when flushed. */
export class Throttle {
  private last = 0;
  constructor(private readonly ms: number) {}
  ready(): boolean {
    const now = Date.now();
    if (now - this.last < this.ms) return false;
    this.last = now;
    return true;
  }
}

/** Paces a run at `ratePerSec` messages per second (0 = unpaced); safe for many concurrent workers. */
export class Pacer {
  private readonly intervalMs: number;
  private next: number;
  constructor(ratePerSec: number) {
    this.intervalMs = ratePerSec > 0 ? 1000 / ratePerSec : 0;
    this.next = performance.now();
  }
  /** Reserves the slot for `n` messages and waits for it. */
  async wait(n: number, cancelled: () => boolean): Promise<void> {
    if (this.intervalMs === 0) return;
    const at = Math.max(this.next, performance.now() - 1000); // no burst of more than 1 s of catch-up
    this.next = at + this.intervalMs * n;
    let delay = at - performance.now();
    while (delay > 0 && !cancelled()) {
      await new Promise((r) => setTimeout(r, Math.min(delay, 200)));
      delay = at - performance.now();
    }
  }
}
