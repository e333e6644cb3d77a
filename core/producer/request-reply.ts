/**
 * Request-reply (DefaultMQProducerImpl.request / prepareSendRequest / waitResponse): the request
 * carries CORRELATION_ID (a random UUID), REPLY_TO_CLIENT (this client id) and TTL (the timeout);
 * it is registered by correlation id before it is sent (async, with the async retries), and
 * settles with the reply the broker pushes (PUSH_REPLY_MESSAGE_TO_CLIENT), with the send's failure,
 * or with a timeout error naming the topic and the timeout.
 *
 * One addition to Java: before the first request to a cluster, the producer asks the NameServer
 * for `<cluster>_REPLY_TOPIC`. Without it no reply can ever come back, so the request is refused
 * with that reason instead of timing out.
 */
import { randomUUID } from 'node:crypto';
import type { MQClientInstance } from '../client/client-instance.js';
import { ClientErrorCode, MQClientError, ValidationError } from '../errors.js';
import { MessageConst } from '../protocol/message-properties.js';
import type { ReplyMessage } from '../protocol/requests/reply-message.js';
import type { Message, SendResult } from './message.js';
import type { PreparedSend, SystemAdditions } from './prepare-message.js';
import type { TopicPublishInfoTable } from './publish-info-table.js';

/** What request() resolves with: the reply, and the request's own SendResult and timings. */
export interface RequestReply {
  reply: ReplyMessage;
  /** The stored request (where it went); undefined only when the send failed after the reply had already come. */
  request: SendResult | undefined;
  correlationId: string;
  /** Request start → reply arrival on the client clock. */
  latencyMs: number;
}

export type RequestCallback = (err: Error | null, reply?: RequestReply) => void;

/** Java RequestTimeoutException(REQUEST_TIMEOUT_EXCEPTION): the request was stored, no reply came in time. */
export class RequestReplyTimeoutError extends MQClientError {
  override readonly name = 'RequestReplyTimeoutError';
  readonly topic: string;
  readonly timeoutMs: number;
  /** Where the request was stored, when the broker confirmed it before the deadline. */
  readonly request: SendResult | undefined;
  constructor(topic: string, timeoutMs: number, sendOk: boolean, request?: SendResult) {
    super(
      sendOk
        ? `send request message to <${topic}> OK, but wait reply message timeout, ${timeoutMs} ms: no responder replied (a consumer of ${topic} must answer with MessageUtil.createReplyMessage).`
        : `request to <${topic}> got no reply within ${timeoutMs} ms, and the request message itself was not confirmed stored in that time.`,
      { code: ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION },
    );
    this.topic = topic;
    this.timeoutMs = timeoutMs;
    this.request = request;
  }
}

export interface RequestHost {
  client: MQClientInstance;
  publishInfo: TopicPublishInfoTable;
  prepare(msg: Message, extra: SystemAdditions): PreparedSend;
  /** `msg`: the request as the caller gave it (for its trace record). */
  sendPrepared(p: PreparedSend, timeoutMs: number, msg: Message): Promise<SendResult>;
  wrapTopic(topic: string): string;
}

/** Clusters whose reply topic the NameServer has confirmed, per client instance. */
const replyTopicSeen = new WeakMap<MQClientInstance, Set<string>>();

async function ensureReplyTopic(h: RequestHost, topic: string, wireTopic: string, timeoutMs: number): Promise<void> {
  const client = h.client;
  const clusters = new Set((client.routeTable.get(wireTopic)?.brokerDatas ?? []).map((b) => b.cluster).filter((c) => c !== ''));
  let seen = replyTopicSeen.get(client);
  if (!seen) replyTopicSeen.set(client, (seen = new Set()));
  for (const cluster of clusters) {
    if (seen.has(cluster)) continue;
    const replyTopic = `${cluster}_REPLY_TOPIC`;
    const route = await client.api.getTopicRouteInfoFromNameServer(replyTopic, Math.min(timeoutMs, client.apiTimeout));
    if (!route) {
      throw new MQClientError(
        `cluster ${cluster} has no reply topic ${replyTopic}, so a reply to a request on <${topic}> can never reach this client; nothing was sent. Brokers create it at start-up unless storeReplyMessageEnable=false.`,
        { code: ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION },
      );
    }
    seen.add(cluster);
  }
}

export async function sendRequest(h: RequestHost, msg: Message, timeoutMs: number): Promise<RequestReply> {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ValidationError(`a request needs a positive timeout in milliseconds (got ${timeoutMs}).`);
  if (Array.isArray(msg)) throw new ValidationError('request() takes one message, not a batch.');
  const client = h.client;
  const begin = client.clock.now();
  const correlationId = randomUUID();
  // Validation and encoding first: bad input fails before anything is looked up or sent.
  const prepared = h.prepare(msg, {
    properties: {
      [MessageConst.CORRELATION_ID]: correlationId,
      [MessageConst.REPLY_TO_CLIENT]: client.clientId,
      [MessageConst.TTL]: String(timeoutMs),
    },
  });
  const wireTopic = h.wrapTopic(msg.topic);
  if (!client.routeTable.has(wireTopic)) {
    // The broker pushes the reply over the channel it knows for this client id: heartbeat first.
    await h.publishInfo.find(msg.topic, wireTopic);
    await client.sendHeartbeatToAllBrokers();
  }
  await ensureReplyTopic(h, msg.topic, wireTopic, timeoutMs);
  const left = timeoutMs - (client.clock.now() - begin);
  if (left <= 0) throw new RequestReplyTimeoutError(msg.topic, timeoutMs, false);

  return new Promise<RequestReply>((resolve, reject) => {
    let request: SendResult | undefined;
    let sendSettled = false;
    let sendOk = false;
    let reply: { msg: ReplyMessage; at: number } | undefined;
    let done = false;
    // A reply can overtake the send's own answer: it is then held until the send settles, so the
    // result always says where the request went.
    const finish = (): void => {
      if (done || !reply || !sendSettled) return;
      done = true;
      resolve({ reply: reply.msg, request, correlationId, latencyMs: reply.at - begin });
    };
    client.requestFutures.put(
      {
        correlationId,
        get sendRequestOk() {
          return sendOk;
        },
        set sendRequestOk(v: boolean) {
          sendOk = v;
        },
        resolve: (m) => {
          reply = { msg: m, at: client.clock.now() };
          finish();
        },
        expire: () => {
          if (done) return;
          done = true;
          reject(new RequestReplyTimeoutError(msg.topic, timeoutMs, sendOk, request));
        },
      },
      left,
    );
    h.sendPrepared(prepared, left, msg).then(
      (r) => {
        request = r;
        sendOk = true;
        sendSettled = true;
        finish();
      },
      (e: unknown) => {
        sendSettled = true;
        client.requestFutures.remove(correlationId);
        if (reply) return finish();
        if (done) return;
        done = true;
        const why = e instanceof Error ? e.message : String(e);
        reject(
          new MQClientError(`send request message to <${msg.topic}> fail: ${why}`, {
            code: e instanceof MQClientError ? e.code : ClientErrorCode.UNKNOWN_ERROR,
            cause: e,
          }),
        );
      },
    );
  });
}
