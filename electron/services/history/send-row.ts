/**
 * A recorded send as the values of its `sends` row (positional: binding 34 named values from an
 * object costs a lookup per name per row), attempts included. The store writes these;
 * bench/history-floor.ts times SQLite alone on the very same values.
 */
import type { ResolvedSend } from '../../common/contract.js';
import type { SendRecord } from './history-store.js';
import { packAttempts, packRequest, packResult, searchColumn } from './row-codec.js';

const SEND_COLUMNS = `id, created_at, profile_id, profile_name, topic, tags, keys, mode, message_count, status, send_status, msg_id,
  offset_msg_id, broker_name, queue_id, queue_offset, latency_ms, attempt_count, error_name, error_code, error_message, origin, replay_of, origin_id, run_id, row_line,
  template_id, body_text, props_text, request, result, error, trace_topic, attempts_json`;

export const INSERT_SEND_SQL = `INSERT INTO sends (${SEND_COLUMNS}) VALUES (${SEND_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;

/** Property values, searchable like the body (the first message's, as keys and tags are). */
function propsText(req: ResolvedSend): string {
  const p = req.messages[0]?.properties;
  if (!p) return '';
  return searchColumn(Object.values(p).join(' '));
}

export function sendRowValues(id: number, r: SendRecord): unknown[] {
  const res = r.result;
  const lastAttempt = r.attempts[r.attempts.length - 1];
  const err = r.error;
  const bodyText = searchColumn(r.bodyText);
  return [
    id,
    r.createdAt,
    r.profileId,
    r.profileName,
    r.topic,
    r.tags ?? null,
    r.keys ?? null,
    r.mode,
    r.messageCount,
    r.status,
    res?.sendStatus ?? null,
    res?.msgId ?? null,
    res?.offsetMsgId ?? null,
    res?.brokerName ?? lastAttempt?.brokerName ?? null,
    res?.queueId ?? lastAttempt?.queueId ?? null,
    res?.queueOffset ?? null,
    Math.round(r.latencyMs),
    r.attempts.length,
    err?.name ?? null,
    err?.code ?? null,
    err?.message ?? null,
    r.origin,
    r.replayOf ?? null,
    r.originId ?? null,
    r.runId ?? null,
    r.rowLine ?? null,
    r.templateId ?? null,
    bodyText,
    propsText(r.request),
    // Stored without what the row already holds (row-codec.ts).
    packRequest(r.request, bodyText),
    res ? packResult(res, r.topic) : null,
    err ? JSON.stringify(err) : null,
    r.traceTopic ?? null,
    packAttempts(r.attempts),
  ];
}
