/**
 * The stored form of a send's request and result JSON: nothing the row already holds is written
 * twice. A history row is written for every send (tens of thousands a second in a bulk run), and
 * its bytes are most of what the writer pays for (bench/history-variants.ts): as first stored, the
 * body was there three times (bodyBase64, bodyText, the body_text column) and the result repeated
 * six columns.
 *
 * Request, per message:
 *   - bodyText present and exact (its UTF-8 has bodySize bytes: decoding was lossless, no BOM was
 *     dropped) → bodyBase64 is left out and rebuilt from the text on read;
 *   - the first message's text also fits the body_text column whole → bodyText is left out too
 *     (`textInRow: true`) and read back from the column.
 * Result: when every column field is present and equal to its column (send_status, msg_id,
 * offset_msg_id, broker_name, queue_id, queue_offset, topic), they are left out (`inRow: true`).
 * Attempts (schema 7): one JSON array of tuples in the row (`attempts_json`) instead of a row each
 * in `attempts`; trailing absent fields are left out.
 * Rows written before this codec hold the full JSON and read back unchanged.
 */
import type { AttemptView, ResolvedMessage, ResolvedSend, SendResultView } from '../../common/contract.js';

/** The body_text column holds at most this many characters of the first message's body. */
export const BODY_TEXT_MAX = 4096;

type StoredMessage = Omit<ResolvedMessage, 'bodyBase64'> & { bodyBase64?: string | undefined; textInRow?: true | undefined };

/** A searchable text column's value (body_text, props_text): the text cut to BODY_TEXT_MAX. */
export function searchColumn(text: string): string {
  return text.length > BODY_TEXT_MAX ? text.slice(0, BODY_TEXT_MAX) : text;
}

/**
 * Built field by field, not by rest/spread: this runs for every recorded send, and copying with a
 * rest pattern cost more than the JSON itself. `Exhaustive` breaks the build when the message
 * type gains a field this list does not carry.
 */
function storedMessage(m: ResolvedMessage, i: number, bodyColumnText: string): StoredMessage | ResolvedMessage {
  const t = m.bodyText;
  if (t === undefined || Buffer.byteLength(t, 'utf8') !== m.bodySize) return m;
  const inRow = i === 0 && t === bodyColumnText;
  const out: Exhaustive<StoredMessage, 'bodyBase64'> = {
    topic: m.topic,
    tags: m.tags,
    keys: m.keys,
    properties: m.properties,
    bodyText: inRow ? undefined : t,
    bodyFormat: m.bodyFormat,
    bodySize: m.bodySize,
    delayLevel: m.delayLevel,
    deliverAt: m.deliverAt,
    textInRow: inRow || undefined,
  };
  return out;
}

/** Every key of T except K, each present (optional ones possibly undefined): a literal of this type names them all. */
type Exhaustive<T, K extends keyof T = never> = { [P in Exclude<keyof T, K>]-?: undefined extends T[P] ? T[P] | undefined : T[P] };

export function packRequest(req: ResolvedSend, bodyColumnText: string): string {
  const messages = req.messages.map((m, i) => storedMessage(m, i, bodyColumnText));
  return JSON.stringify({ ...req, messages });
}

export function unpackRequest(json: string, bodyColumnText: string): ResolvedSend {
  const req = JSON.parse(json) as Omit<ResolvedSend, 'messages'> & { messages: StoredMessage[] };
  return {
    ...req,
    messages: req.messages.map((stored): ResolvedMessage => {
      if (stored.bodyBase64 !== undefined) return stored as ResolvedMessage;
      const { textInRow, ...m } = stored;
      const bodyText = textInRow ? bodyColumnText : (m.bodyText ?? '');
      return { ...m, bodyText, bodyBase64: Buffer.from(bodyText, 'utf8').toString('base64') };
    }),
  };
}

/** The result's fields that are also columns of the row, as the writer fills them. */
export interface ResultColumns {
  send_status: string | null;
  msg_id: string | null;
  offset_msg_id: string | null;
  broker_name: string | null;
  queue_id: number | null;
  queue_offset: string | null;
  topic: string;
}

export function packResult(res: SendResultView, topic: string): string {
  const all = res.sendStatus && res.msgId && res.offsetMsgId && res.brokerName && res.queueOffset && Number.isInteger(res.queueId) && res.topic === topic;
  if (!all) return JSON.stringify(res);
  const rest: Exhaustive<Omit<SendResultView, ResultColumnField>> & { inRow: true } = {
    transactionId: res.transactionId,
    regionId: res.regionId,
    brokerAddr: res.brokerAddr,
    inRow: true,
  };
  return JSON.stringify(rest);
}

/** The result fields a row's columns hold (left out of the stored JSON). */
type ResultColumnField = 'sendStatus' | 'msgId' | 'offsetMsgId' | 'topic' | 'brokerName' | 'queueId' | 'queueOffset';

export function unpackResult(json: string, c: ResultColumns): SendResultView {
  const stored = JSON.parse(json) as Partial<SendResultView> & { inRow?: true };
  if (!stored.inRow) return stored as SendResultView;
  const { inRow: _inRow, ...rest } = stored;
  return {
    ...rest,
    sendStatus: c.send_status as SendResultView['sendStatus'],
    msgId: c.msg_id!,
    offsetMsgId: c.offset_msg_id!,
    topic: c.topic,
    brokerName: c.broker_name!,
    queueId: c.queue_id!,
    queueOffset: c.queue_offset!,
  } as SendResultView;
}

/** [attempt, brokerName, addr, queueId, latencyMs (whole ms), ok (1/0), responseCode?, error?] */
type StoredAttempt = [number, string, string, number, number, 0 | 1, (number | null)?, (string | null)?];

export function packAttempts(attempts: readonly AttemptView[]): string {
  const out: StoredAttempt[] = [];
  for (const a of attempts) {
    const t: StoredAttempt = [a.attempt, a.brokerName, a.addr, a.queueId, Math.round(a.latencyMs), a.ok ? 1 : 0];
    if (a.error !== undefined) t.push(a.responseCode ?? null, a.error);
    else if (a.responseCode !== undefined) t.push(a.responseCode);
    out.push(t);
  }
  return JSON.stringify(out);
}

export function unpackAttempts(json: string): AttemptView[] {
  return (JSON.parse(json) as StoredAttempt[]).map(([attempt, brokerName, addr, queueId, latencyMs, ok, responseCode, error]) => ({
    attempt,
    brokerName,
    addr,
    queueId,
    latencyMs,
    ok: ok === 1,
    responseCode: responseCode ?? undefined,
    error: error ?? undefined,
  }));
}
