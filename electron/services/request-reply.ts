/**
 * The composer's request mode: request() on the profile's producer, the reply shown next to the
 * request, and both on one history row (the request row, the reply in its timeline).
 */
import { RequestReplyTimeoutError, type ReplyMessage, type RequestReply } from '../../core/index.js';
import type { z } from 'zod';
import type * as X from '../common/contract-transactions.js';
import type { ReplyView, RequestOutcome } from '../common/contract.js';
import { bodyAsText } from './body-codec.js';
import { invalidInput, readOnly, toApiError } from './errors.js';
import type { HistoryStore } from './history/history-store.js';
import type { ProducerPool } from './producer-pool.js';
import type { SendEvents } from './send-events.js';
import { resolveSend, toCoreMessage, toResolvedView, toResultView, traceTopicOf } from './send-service.js';
import type { SequenceCounters } from './template-vars.js';

type RequestInput = z.output<typeof X.RequestSend>;

export function toReplyView(r: ReplyMessage): ReplyView {
  return {
    topic: r.topic,
    bodyBase64: r.body.toString('base64'),
    bodyText: bodyAsText(r.body),
    bodySize: r.body.length,
    properties: { ...r.properties },
    correlationId: r.correlationId,
    bornHost: r.bornHost,
    storeHost: r.storeHost,
    bornTimestamp: r.bornTimestamp,
    storeTimestamp: r.storeTimestamp,
    arrivedAt: Number(r.properties.ARRIVE_TIME ?? Date.now()),
  };
}

export async function executeRequest(
  input: RequestInput,
  pool: ProducerPool,
  history: HistoryStore,
  timeline: SendEvents,
  seqs: SequenceCounters,
): Promise<RequestOutcome> {
  const req = input.request;
  if (req.batch !== 1) throw invalidInput(`a request is one message (batch is ${req.batch}).`);
  if (req.target.kind !== 'auto') throw invalidInput('a request chooses its queue like a normal send: the target must be automatic.');
  const c = pool.get(req.profileId);
  if (c.profile.readOnly) throw readOnly(c.profile.name, 'sending');
  const prepared = resolveSend(req, c.profile, seqs);
  const resolved = toResolvedView(prepared);
  const t0 = Date.now();
  const begin = performance.now();
  let r: RequestReply | undefined;
  let error: unknown;
  try {
    r = await c.producer.request(toCoreMessage(prepared.messages[0]!), input.replyTimeoutMs);
  } catch (e) {
    error = e;
  }
  const latencyMs = r ? r.latencyMs : Math.round((performance.now() - begin) * 100) / 100;
  const reply = r ? toReplyView(r.reply) : undefined;
  // Without a reply, a timeout still says where the request was stored when the broker confirmed it.
  const stored = r?.request ?? (error instanceof RequestReplyTimeoutError ? error.request : undefined);
  const result = stored ? toResultView(stored) : undefined;
  // A timeout means the request was stored (or at least written): 'failed'; anything refused before sending: 'not sent'.
  const status = r
    ? 'ok'
    : error instanceof RequestReplyTimeoutError
      ? 'failed'
      : /send request message to/.test(String((error as Error | undefined)?.message))
        ? 'failed'
        : 'not sent';
  const first = resolved.messages[0]!;
  // The request's send is traced like any send that got a SendResult.
  const traceTopic = traceTopicOf(c.profile, stored);
  const historyId = history.record({
    createdAt: t0,
    profileId: c.profile.id,
    profileName: c.profile.name,
    topic: first.topic,
    tags: first.tags,
    keys: first.keys?.join(' '),
    mode: 'request',
    messageCount: 1,
    status,
    latencyMs,
    attempts: (r?.request?.attempts ?? []).map((a) => ({ ...a })),
    result,
    error: error === undefined ? undefined : toApiError(error),
    origin: 'send',
    templateId: req.templateId,
    bodyText: first.bodyText ?? '',
    request: resolved,
    traceTopic,
  });
  timeline.add(historyId, {
    at: t0,
    kind: 'request-sent',
    text: `request to ${first.topic}${r ? ` (correlation id ${r.correlationId})` : ''}, waiting up to ${input.replyTimeoutMs} ms for the reply`,
  });
  if (reply)
    timeline.add(historyId, {
      at: reply.arrivedAt,
      kind: 'reply-received',
      text: `reply from ${reply.bornHost ?? 'a responder'} after ${latencyMs} ms (${reply.bodySize} bytes)`,
      reply,
    });
  else timeline.add(historyId, { at: Date.now(), kind: 'reply-timeout', text: (error as Error | undefined)?.message ?? 'no reply' });
  return {
    historyId,
    status,
    latencyMs,
    result,
    reply,
    correlationId: r?.correlationId,
    error: error === undefined ? undefined : toApiError(error),
    resolved,
    traceTopic,
  };
}
