/**
 * A send, end to end: the request's variables expanded into concrete messages (also what
 * send:preview returns), the core send in the chosen mode and target, the outcome classified
 * (SEND_OK vs other statuses vs oneway vs failure) and recorded in history with every attempt.
 */
import {
  SendFailedError,
  selectMessageQueueByHash,
  type AttemptRecord,
  type DefaultMQProducer,
  type Message,
  type SendOptions,
  type SendResult,
} from '../../core/index.js';
import type { z } from 'zod';
import type * as S from '../common/contract-schemas.js';
import type {
  ApiError,
  AttemptView,
  HistoryOrigin,
  HistoryStatus,
  ProfileView,
  ResolvedMessage,
  ResolvedSend,
  SendOutcome,
  SendResultView,
} from '../common/contract.js';
import { bodyAsText, encodeBody, searchableBody } from './body-codec.js';
import { readOnly, toApiError } from './errors.js';
import type { HistoryStore } from './history/history-store.js';
import { expand, type SequenceCounters } from './template-vars.js';

export type ParsedSendRequest = z.output<typeof S.SendRequest>;

/**
 * One resolved message as the host carries it from expansion to the producer: the body as bytes,
 * encoded once. Its wire form (ResolvedMessage: base64 + text + size) is made only where it leaves
 * the host — the outcome, the history row, send:preview — never decoded back to send it.
 */
export interface PreparedMessage extends Omit<ResolvedMessage, 'bodyBase64' | 'bodyText' | 'bodySize'> {
  body: Buffer;
}

export interface PreparedSend extends Omit<ResolvedSend, 'messages'> {
  messages: PreparedMessage[];
}

/** What executeSend needs of a producer: its three send modes. */
export type SendingProducer = Pick<DefaultMQProducer, 'send' | 'sendAsync' | 'sendOneway'>;

/** The wire form of a prepared send: what send:preview returns and history stores. */
export function toResolvedView(p: PreparedSend): ResolvedSend {
  return {
    ...p,
    messages: p.messages.map(({ body, ...m }) => ({ ...m, bodyBase64: body.toString('base64'), bodyText: bodyAsText(body), bodySize: body.length })),
  };
}

/** A recorded (wire-form) send back to bytes, once: replays and verification start from history. */
export function fromResolvedView(r: ResolvedSend): PreparedSend {
  return {
    ...r,
    messages: r.messages.map(({ bodyBase64, bodyText: _text, bodySize: _size, ...m }) => ({ ...m, body: Buffer.from(bodyBase64, 'base64') })),
  };
}

export interface ResolveOptions {
  /** Preview: {{seq}} is read, not advanced. */
  preview?: boolean;
  row?: Record<string, unknown> | undefined;
}

function splitKeys(keys: string | string[] | undefined, expandOne: (s: string, f: string) => string): string[] | undefined {
  if (keys === undefined) return undefined;
  const list = (Array.isArray(keys) ? keys.map((k, i) => expandOne(k, `message.keys.${i}`)) : expandOne(keys, 'message.keys').split(/\s+/))
    .map((k) => k.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

/** Expands the request into the exact message(s) to send, bodies encoded to bytes once. */
export function resolveSend(req: ParsedSendRequest, profile: ProfileView, seqs: SequenceCounters, opts: ResolveOptions = {}): PreparedSend {
  const messages: PreparedMessage[] = [];
  let target = req.target;
  for (let i = 0; i < req.batch; i++) {
    const ctx = { seq: opts.preview ? seqs.peek(profile.id, i) : seqs.take(profile.id), now: Date.now(), env: profile.env, row: opts.row };
    const x = (s: string, field: string) => expand(s, ctx, field);
    const m = req.message;
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.properties ?? {})) properties[x(k, 'message.properties')] = x(v, `message.properties.${k}`);
    const body = encodeBody(x(m.body, 'message.body'), m.bodyFormat);
    const tags = m.tags === undefined ? undefined : x(m.tags, 'message.tags') || undefined;
    messages.push({
      topic: x(m.topic, 'message.topic'),
      tags,
      keys: splitKeys(m.keys, x),
      properties,
      body,
      bodyFormat: m.bodyFormat,
      delayLevel: m.delayLevel,
      deliverAt: m.deliverAt,
    });
    if (i === 0 && target.kind === 'orderKey') target = { kind: 'orderKey', key: x(target.key, 'target.key') };
  }
  return { profileId: profile.id, mode: req.mode, target, timeoutMs: req.timeoutMs, messages };
}

export function toCoreMessage(m: PreparedMessage): Message {
  return {
    topic: m.topic,
    tags: m.tags,
    keys: m.keys,
    properties: Object.keys(m.properties).length ? m.properties : undefined,
    body: m.body,
    delayTimeLevel: m.delayLevel,
    deliverTimeMs: m.deliverAt,
  };
}

export function toResultView(r: SendResult): SendResultView {
  return {
    sendStatus: r.sendStatus,
    msgId: r.msgId,
    offsetMsgId: r.offsetMsgId,
    topic: r.messageQueue.topic,
    brokerName: r.messageQueue.brokerName,
    queueId: r.messageQueue.queueId,
    queueOffset: r.queueOffset.toString(),
    transactionId: r.transactionId,
    regionId: r.regionId,
    brokerAddr: r.brokerAddr,
  };
}

const toAttemptView = (a: AttemptRecord): AttemptView => ({ ...a });

/**
 * The trace topic a send's trace record went to, as the producer decides it: the profile traces,
 * and the broker acknowledged the send with tracing on (SendResult.traceOn). Oneway and failed
 * sends have no SendResult and no trace, as in the Java client. The record is queued, then
 * written in the background; the dispatcher may drop it when its queue is full.
 */
export function traceTopicOf(
  profile: { producer?: Partial<ProfileView['producer']> | undefined },
  result: Pick<SendResult, 'traceOn'> | undefined,
): string | undefined {
  const o = profile.producer;
  return o?.traceEnabled && result?.traceOn ? o.traceTopic : undefined;
}

export interface ExecuteOptions {
  origin: HistoryOrigin;
  replayOf?: number | undefined;
  /** Edit & replay: the history entry the send was edited from. */
  originId?: number | undefined;
  runId?: string | undefined;
  rowLine?: number | undefined;
  templateId?: string | undefined;
  /** all (default) | failures | none */
  record?: 'all' | 'failures' | 'none';
}

/**
 * Sends one prepared request on a connected producer and records it. A failed send resolves
 * (status 'failed'). The bodies go to the producer as the bytes they were encoded to; the wire
 * form (base64) is made once, after the send, for the outcome and the history row.
 */
export async function executeSend(
  producer: SendingProducer,
  profile: ProfileView,
  prepared: PreparedSend,
  history: Pick<HistoryStore, 'record'>,
  o: ExecuteOptions,
): Promise<SendOutcome> {
  if (profile.readOnly) throw readOnly(profile.name, 'sending');
  let attempts: readonly AttemptRecord[] = [];
  const msgs = prepared.messages.map(toCoreMessage);
  const payload = msgs.length === 1 ? msgs[0]! : msgs;
  const opts: SendOptions = { timeoutMs: prepared.timeoutMs };
  const t = prepared.target;
  if (t.kind === 'queue') opts.queue = { topic: msgs[0]!.topic, brokerName: t.brokerName, queueId: t.queueId };
  else if (t.kind === 'orderKey') {
    opts.selector = selectMessageQueueByHash;
    opts.arg = t.key;
  }
  const begin = performance.now();
  let result: SendResult | undefined;
  let error: unknown;
  try {
    if (prepared.mode === 'sync') result = await producer.send(payload, opts);
    else if (prepared.mode === 'async') result = await producer.sendAsync(payload, opts);
    else attempts = (await producer.sendOneway(payload, opts)).attempts;
    if (result) attempts = result.attempts;
  } catch (e) {
    error = e;
    if (e instanceof SendFailedError) attempts = e.attempts;
  }
  const latencyMs = Math.round((performance.now() - begin) * 100) / 100;
  // Nothing reached a broker (validation, no route, no NameServer answered): the message was not sent.
  const status: HistoryStatus =
    error !== undefined
      ? attempts.length === 0
        ? 'not sent'
        : 'failed'
      : prepared.mode === 'oneway'
        ? 'unconfirmed'
        : result!.sendStatus === 'SEND_OK'
          ? 'ok'
          : 'degraded';
  const outcome: SendOutcome = {
    historyId: 0,
    status,
    latencyMs,
    attempts: attempts.map(toAttemptView),
    result: result ? toResultView(result) : undefined,
    error: error === undefined ? undefined : toApiError(error),
    resolved: toResolvedView(prepared),
    traceTopic: traceTopicOf(profile, result),
  };
  const record = o.record ?? 'all';
  if (record === 'all' || (record === 'failures' && status !== 'ok' && status !== 'unconfirmed')) {
    const first = outcome.resolved.messages[0]!;
    outcome.historyId = history.record({
      createdAt: Date.now(),
      profileId: profile.id,
      profileName: profile.name,
      topic: first.topic,
      tags: first.tags,
      keys: first.keys?.join(' '),
      mode: prepared.mode,
      messageCount: prepared.messages.length,
      status,
      latencyMs,
      attempts: outcome.attempts,
      result: outcome.result,
      error: outcome.error,
      origin: o.origin,
      replayOf: o.replayOf,
      originId: o.originId,
      runId: o.runId,
      rowLine: o.rowLine,
      templateId: o.templateId,
      bodyText: first.bodyText ?? searchableBody(prepared.messages[0]!.body),
      request: outcome.resolved,
      traceTopic: outcome.traceTopic,
    });
  }
  return outcome;
}

/**
 * Records a send refused before it could start (profile not connected, a variable that does not
 * expand, invalid input): status 'not sent' with the reason, so History shows every attempt to
 * send, not only the ones that reached the producer. Returns the row id.
 */
function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    !(e instanceof Error) &&
    typeof (e as ApiError).message === 'string' &&
    typeof (e as ApiError).code === 'number' &&
    typeof (e as ApiError).name === 'string'
  );
}

export function recordNotSent(history: HistoryStore, profile: { id: string; name: string }, req: ParsedSendRequest, error: unknown, o: ExecuteOptions): number {
  const m = req.message;
  const keys = Array.isArray(m.keys) ? m.keys.join(' ') : m.keys;
  const request: ResolvedSend = {
    profileId: profile.id,
    mode: req.mode,
    target: req.target,
    timeoutMs: req.timeoutMs,
    // The unexpanded draft: what the user asked to send.
    messages: [
      {
        topic: m.topic,
        tags: m.tags,
        keys: keys ? keys.split(/\s+/).filter(Boolean) : undefined,
        properties: m.properties ?? {},
        bodyBase64: Buffer.from(m.body, 'utf8').toString('base64'),
        bodyText: m.body,
        bodyFormat: m.bodyFormat,
        bodySize: Buffer.byteLength(m.body),
        delayLevel: m.delayLevel,
        deliverAt: m.deliverAt,
      },
    ],
  };
  return history.record({
    createdAt: Date.now(),
    profileId: profile.id,
    profileName: profile.name,
    topic: m.topic,
    tags: m.tags,
    keys: keys || undefined,
    mode: req.mode,
    messageCount: req.batch,
    status: 'not sent',
    latencyMs: 0,
    attempts: [],
    // Already the wire shape (a connection state's last error) or a thrown value.
    error: isApiError(error) ? error : toApiError(error),
    origin: o.origin,
    originId: o.originId,
    templateId: o.templateId,
    bodyText: m.body.slice(0, 4096),
    request,
  });
}
