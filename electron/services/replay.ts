/**
 * Replays history entries exactly as they were resolved (same bytes, properties, keys, target),
 * optionally with edits, to the same or another profile; as a sequence (one send per entry, in
 * order) or as one batch. Each replay is recorded with `replay_of` pointing at its origin.
 */
import type { z } from 'zod';
import type * as S from '../common/contract-schemas.js';
import type { HistoryEntry, ReplayOutcome } from '../common/contract.js';
import { encodeBody } from './body-codec.js';
import { invalidInput, notFound } from './errors.js';
import type { HistoryStore } from './history/history-store.js';
import type { ProducerPool } from './producer-pool.js';
import { executeSend, fromResolvedView, type PreparedMessage, type PreparedSend } from './send-service.js';
import { expand, type SequenceCounters } from './template-vars.js';

type ReplayInput = z.output<typeof S.ReplayRequest>;
type Edits = NonNullable<ReplayInput['edits']>;

/** Edits on a recorded message whose body is already bytes (decoded from history once). */
function applyEdits(m: PreparedMessage, e: Edits | undefined, x: (s: string, field: string) => string): PreparedMessage {
  if (!e) return m;
  const out: PreparedMessage = { ...m, properties: { ...m.properties } };
  if (e.topic !== undefined) out.topic = x(e.topic, 'edits.topic');
  if (e.tags !== undefined) out.tags = x(e.tags, 'edits.tags') || undefined;
  if (e.keys !== undefined) {
    const list = (Array.isArray(e.keys) ? e.keys.map((k) => x(k, 'edits.keys')) : x(e.keys, 'edits.keys').split(/\s+/)).filter(Boolean);
    out.keys = list.length ? list : undefined;
  }
  if (e.properties !== undefined) {
    out.properties = {};
    for (const [k, v] of Object.entries(e.properties)) out.properties[k] = x(v, `edits.properties.${k}`);
  }
  if (e.body !== undefined || e.bodyFormat !== undefined) {
    out.bodyFormat = e.bodyFormat ?? m.bodyFormat;
    if (e.body !== undefined) out.body = encodeBody(x(e.body, 'edits.body'), out.bodyFormat);
  }
  return out;
}

export async function replay(input: ReplayInput, history: HistoryStore, pool: ProducerPool, seqs: SequenceCounters): Promise<ReplayOutcome> {
  const entries: HistoryEntry[] = input.historyIds.map((id) => {
    const e = history.get(id);
    if (!e) throw notFound(`history entry ${id}`);
    return e;
  });
  const prepare = (e: HistoryEntry, profileId: string): PreparedSend => {
    const conn = pool.get(profileId);
    const recorded = fromResolvedView(e.request);
    const messages = recorded.messages.map((m) => {
      const ctx = { seq: seqs.take(profileId), now: Date.now(), env: conn.profile.env };
      return applyEdits(m, input.edits, (s, f) => expand(s, ctx, f));
    });
    return { ...recorded, profileId, mode: input.edits?.mode ?? recorded.mode, messages };
  };
  const outcomes: ReplayOutcome['outcomes'] = [];
  if (input.as === 'sequence') {
    for (const e of entries) {
      const profileId = input.profileId ?? e.profileId;
      const conn = pool.get(profileId);
      const o = await executeSend(conn.producer, conn.profile, prepare(e, profileId), history, { origin: 'replay', replayOf: e.id });
      outcomes.push({ ...o, replayOf: [e.id] });
    }
    return { outcomes };
  }
  const profileId = input.profileId ?? entries[0]!.profileId;
  const conn = pool.get(profileId);
  const parts = entries.map((e) => prepare(e, profileId));
  const messages = parts.flatMap((p) => p.messages);
  const topics = new Set(messages.map((m) => m.topic));
  if (topics.size > 1) throw invalidInput(`a batch replay needs one topic; the selection has ${[...topics].join(', ')}. Replay as a sequence instead.`);
  const batch: PreparedSend = { profileId, mode: parts[0]!.mode, target: { kind: 'auto' }, timeoutMs: parts[0]!.timeoutMs, messages };
  const o = await executeSend(conn.producer, conn.profile, batch, history, { origin: 'replay', replayOf: entries[0]!.id });
  outcomes.push({ ...o, replayOf: entries.map((e) => e.id) });
  return { outcomes };
}
