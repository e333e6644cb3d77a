/**
 * History export formats. NDJSON: one full entry (request, attempts, result, error) per line.
 * CSV (RFC 4180): the summary columns plus the send's ids and queue position; cells that a
 * spreadsheet would run as a formula (= + - @ tab CR first) get a leading apostrophe, because
 * keys, tags and bodies come from anyone who can send to the topic.
 */
import type { HistoryEntry } from '../../common/contract.js';

export type ExportFormat = 'ndjson' | 'csv';

export const CSV_COLUMNS = [
  'id',
  'createdAt',
  'profile',
  'topic',
  'tags',
  'keys',
  'mode',
  'messages',
  'status',
  'sendStatus',
  'msgId',
  'offsetMsgId',
  'brokerName',
  'queueId',
  'queueOffset',
  'latencyMs',
  'attempts',
  'origin',
  'replayOf',
  'originId',
  'error',
  'body',
] as const;

export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(e: HistoryEntry): string {
  const r = e.result;
  return [
    e.id,
    new Date(e.createdAt).toISOString(),
    e.profileName,
    e.topic,
    e.tags,
    e.keys,
    e.mode,
    e.messageCount,
    e.status,
    e.sendStatus,
    e.msgId,
    r?.offsetMsgId,
    e.brokerName,
    e.queueId,
    r?.queueOffset,
    e.latencyMs,
    e.attemptCount,
    e.origin,
    e.replayOf,
    e.originId,
    e.error?.message ?? e.errorMessage,
    e.request.messages[0]?.bodyText ?? e.bodyPreview,
  ]
    .map(csvCell)
    .join(',');
}

export function exportLines(entries: HistoryEntry[], format: ExportFormat, withHeader: boolean): string {
  if (format === 'ndjson') return entries.map((e) => JSON.stringify(e) + '\n').join('');
  const lines = entries.map(csvRow);
  if (withHeader) lines.unshift(CSV_COLUMNS.join(','));
  return lines.length ? lines.join('\r\n') + '\r\n' : '';
}
