/**
 * The load runner: a send request repeated `count` times or for `durationMs`, at a target rate, by
 * `concurrency` workers, `batchSize` messages per request. Progress events at most 4 per second,
 * cancel at any time (in-flight sends finish and are counted), and a summary: sent, failed by cause,
 * throughput, latency p50/p95/p99, per broker.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type * as S from '../common/contract-schemas.js';
import type { BulkSnapshot, RunPhase } from '../common/contract.js';
import { notFound, toApiError } from './errors.js';
import type { EventSink } from './event-sink.js';
import type { Connection } from './producer-pool.js';
import { Pacer, RunStats, Throttle } from './run-stats.js';
import { executeSend, resolveSend } from './send-service.js';
import type { HistoryStore } from './history/history-store.js';
import type { SequenceCounters } from './template-vars.js';
import { readOnly } from './errors.js';

/** Queued history rows above which bulk workers wait for the writer. */
export const MAX_PENDING_HISTORY = 20_000;

export type ParsedBulkStart = z.output<typeof S.BulkStart>;

interface Run {
  snapshot: () => BulkSnapshot;
  cancel: () => void;
  done: Promise<void>;
}

export class BulkSender {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly sink: EventSink,
    private readonly history: HistoryStore,
    private readonly seqs: SequenceCounters,
  ) {}

  start(conn: Connection, b: ParsedBulkStart): BulkSnapshot {
    const profile = conn.profile;
    if (profile.readOnly) throw readOnly(profile.name, 'bulk sending');
    const req = { ...b.request, batch: b.batchSize };
    // Fails fast on a bad variable or body, before anything is sent.
    const first = resolveSend(req, profile, this.seqs, { preview: true });
    const runId = randomUUID();
    const stats = new RunStats();
    const throttle = new Throttle(250);
    const pacer = new Pacer(b.ratePerSec);
    let phase: RunPhase = 'running';
    let cancelled = false;
    let error: BulkSnapshot['error'];
    const deadline = b.durationMs !== undefined ? Date.now() + b.durationMs : Infinity;
    const total = b.count;

    const snapshot = (): BulkSnapshot => ({
      runId,
      profileId: profile.id,
      topic: first.messages[0]!.topic,
      mode: req.mode,
      phase,
      startedAt: stats.startedAt,
      total,
      durationMs: b.durationMs,
      counters: { ...stats.counters },
      summary: stats.summary(),
      error,
    });
    const progress = (force = false) => {
      if (force || throttle.ready()) this.sink.emit('bulk:progress', { type: 'progress', ...snapshot() });
    };

    /** Claims the next request's message count, or 0 when the run is over. */
    const claim = (): number => {
      if (cancelled || Date.now() >= deadline) return 0;
      const left = total === undefined ? b.batchSize : Math.min(b.batchSize, total - stats.counters.started);
      if (left <= 0) return 0;
      stats.counters.started += left;
      return left;
    };

    const worker = async (): Promise<void> => {
      for (let n = claim(); n > 0; n = claim()) {
        await pacer.wait(n, () => cancelled);
        // Back-pressure: faster than the disk can record, wait for the history writer to drain.
        if (this.history.pending > MAX_PENDING_HISTORY) await this.history.whenIdle();
        if (cancelled) {
          stats.counters.started -= n;
          return;
        }
        try {
          const resolved = resolveSend({ ...req, batch: n }, profile, this.seqs);
          const outcome = await executeSend(conn.producer, profile, resolved, this.history, {
            origin: 'bulk',
            runId,
            record: b.record,
            templateId: req.templateId,
          });
          stats.add(outcome, n);
        } catch (e) {
          const err = toApiError(e);
          stats.counters.failed += n;
          stats.addFailure(err.name, err.code, err.message, n);
        }
        progress();
      }
    };

    const done = (async () => {
      try {
        await Promise.all(Array.from({ length: b.concurrency }, worker));
        phase = cancelled ? 'cancelled' : 'done';
      } catch (e) {
        phase = 'failed';
        error = toApiError(e);
      }
      stats.endedAt = Date.now();
      const type = phase === 'cancelled' ? 'cancelled' : phase === 'failed' ? 'failed' : 'done';
      this.sink.emit('bulk:progress', { type, ...snapshot() });
    })();

    this.runs.set(runId, { snapshot, cancel: () => (cancelled = true), done });
    const s = snapshot();
    progress(true);
    return s;
  }

  private get(runId: string): Run {
    const r = this.runs.get(runId);
    if (!r) throw notFound(`bulk run '${runId}'`);
    return r;
  }

  /** Stops claiming new sends; resolves with the final snapshot once in-flight sends settled. */
  async cancel(runId: string): Promise<BulkSnapshot> {
    const r = this.get(runId);
    r.cancel();
    await r.done;
    return r.snapshot();
  }

  status(runId: string): BulkSnapshot {
    return this.get(runId).snapshot();
  }

  list(): BulkSnapshot[] {
    return [...this.runs.values()].map((r) => r.snapshot());
  }

  /** For tests and shutdown. */
  async whenDone(runId: string): Promise<BulkSnapshot> {
    const r = this.get(runId);
    await r.done;
    return r.snapshot();
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.cancel(id)));
  }
}
