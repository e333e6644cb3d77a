/**
 * Finding stored messages: by broker id (offsetMsgId → VIEW_MESSAGE_BY_ID on the store host), by
 * client id (UNIQ_KEY) or by key (QUERY_MESSAGE on every broker of the topic, over a time range),
 * and verify(sendResult): read a just-sent message back from where the SendResult says it is.
 */
import { BrokerResponseError, ConnectError, ValidationError } from '../errors.js';
import { decodeOffsetMsgId } from '../protocol/message-id.js';
import { prepareZstdDecoder } from '../protocol/compression.js';
import { MessageConst } from '../protocol/message-properties.js';
import { decodeQueryMessage, encodeQueryMessage } from '../protocol/requests/query-message.js';
import { decodeViewMessageById, encodeViewMessageById } from '../protocol/requests/view-message-by-id.js';
import type { StoredMessage } from '../protocol/stored-message.js';
import { MessageNotFoundError, toFailure, type AdminFailure } from './admin-errors.js';
import { callBroker, fetchClusterInfo, fetchRoute, selectBrokerAddr, type AdminContext } from './context.js';

export interface MessageView extends StoredMessage {
  /** Broker address the message was read from. */
  brokerAddr: string;
  /** Broker name, when the address is in the route or cluster info. */
  brokerName: string | undefined;
}

export interface QueryOptions {
  /** Store-time range, epoch ms. Default: everything (0 … Long.MAX as mqadmin). */
  begin?: number | undefined;
  end?: number | undefined;
  /** Per broker; brokers cap it (defaultQueryMaxNum, 32 by default). Default 64. */
  maxNum?: number | undefined;
}

export interface QueryResult {
  topic: string;
  key: string;
  by: 'key' | 'msgId';
  messages: MessageView[];
  /** Newest index update among the brokers that answered (epoch ms). */
  indexLastUpdateTimestamp: number;
  brokers: { brokerName: string; addr: string; found: number; error?: AdminFailure | undefined }[];
}

const LONG_MAX = 9223372036854775807n;
const HEX_ID = /^[0-9A-Fa-f]{32}([0-9A-Fa-f]{24})?$/;

/** VIEW_MESSAGE_BY_ID at the store host the offsetMsgId names. */
export async function viewMessage(ctx: AdminContext, offsetMsgId: string, topic?: string, fallbackAddr?: string): Promise<MessageView> {
  const id = decodeOffsetMsgId(offsetMsgId); // ProtocolError if not an offsetMsgId
  await prepareZstdDecoder(); // a ZSTD body decodes on Node 20 too
  const read = (addr: string) => callBroker(ctx, addr, encodeViewMessageById(id.commitLogOffset, topic), decodeViewMessageById);
  let addr = id.address;
  let m: StoredMessage;
  try {
    m = await read(addr);
  } catch (e) {
    // A store host the client cannot reach (NAT, brokerIP1 vs route address): try the known address.
    if (!(e instanceof ConnectError) || !fallbackAddr || fallbackAddr === addr) throw e;
    addr = fallbackAddr;
    m = await read(addr);
  }
  return { ...m, brokerAddr: addr, brokerName: undefined };
}

async function query(ctx: AdminContext, topic: string, key: string, uniqueKey: boolean, o: QueryOptions): Promise<QueryResult> {
  if (!key) throw new ValidationError('The key to look up is blank.');
  await prepareZstdDecoder();
  const route = await fetchRoute(ctx, topic);
  const maxNum = o.maxNum ?? 64;
  const brokers: QueryResult['brokers'] = [];
  const messages: MessageView[] = [];
  let indexLastUpdateTimestamp = 0;
  await Promise.all(
    route.brokerDatas.map(async (b) => {
      const addr = selectBrokerAddr(b);
      if (!addr) return;
      try {
        const cmd = encodeQueryMessage({ topic, key, maxNum, beginTimestamp: o.begin ?? 0, endTimestamp: o.end ?? LONG_MAX, uniqueKey });
        // Index lookups can be slow on a busy broker: the Java admin allows 3× the API timeout.
        const r = await callBroker(ctx, addr, cmd, decodeQueryMessage, ctx.timeoutMs * 3);
        indexLastUpdateTimestamp = Math.max(indexLastUpdateTimestamp, r.indexLastUpdateTimestamp);
        // The index is a hash: keep only real matches, as the Java MQAdminImpl does.
        const hits = r.messages.filter((m) =>
          uniqueKey ? m.properties[MessageConst.UNIQ_KEY] === key || m.offsetMsgId === key : m.topic === topic && m.keys.includes(key),
        );
        for (const m of hits) messages.push({ ...m, brokerAddr: addr, brokerName: b.brokerName });
        brokers.push({ brokerName: b.brokerName, addr, found: hits.length });
      } catch (e) {
        brokers.push({ brokerName: b.brokerName, addr, found: 0, error: toFailure(addr, e, b.brokerName) });
      }
    }),
  );
  messages.sort(
    (a, b) =>
      a.storeTimestamp - b.storeTimestamp ||
      (a.brokerName ?? '').localeCompare(b.brokerName ?? '') ||
      a.queueId - b.queueId ||
      Number(a.queueOffset - b.queueOffset),
  );
  brokers.sort((a, b) => a.brokerName.localeCompare(b.brokerName));
  return { topic, key, by: uniqueKey ? 'msgId' : 'key', messages, indexLastUpdateTimestamp, brokers };
}

/** Messages of `topic` whose KEYS contain `key` (space-separated keys are indexed one by one). */
export function queryMessageByKey(ctx: AdminContext, topic: string, key: string, o: QueryOptions = {}): Promise<QueryResult> {
  return query(ctx, topic, key, false, o);
}

/** Messages whose client id (UNIQ_KEY, SendResult.msgId) is `msgId` — several if a send was retried. */
export function queryMessageByUniqKey(ctx: AdminContext, topic: string, msgId: string, o: QueryOptions = {}): Promise<QueryResult> {
  return query(ctx, topic, msgId, true, o);
}

export interface LookupResult {
  id: string;
  by: 'offsetMsgId' | 'msgId';
  messages: MessageView[];
}

/**
 * Finds a message by either id. Both are 32 hex characters; an id whose address part names a
 * broker the NameServer lists is read directly as an offsetMsgId, anything else is looked up as a
 * client msgId, which needs the topic.
 */
export async function lookupMessage(ctx: AdminContext, id: string, topic?: string): Promise<LookupResult> {
  if (!HEX_ID.test(id)) throw new ValidationError(`'${id}' is not a message id (32 hex characters: an offsetMsgId or a client msgId).`);
  const info = (await fetchClusterInfo(ctx)).value;
  const known = new Map<string, string>();
  for (const b of info.brokers) for (const a of b.brokerAddrs.values()) known.set(a, b.brokerName);
  const asOffset = decodeOffsetMsgId(id);
  if (known.has(asOffset.address)) {
    try {
      const m = await viewMessage(ctx, id, topic);
      if (!topic || m.topic === topic) return { id, by: 'offsetMsgId', messages: [{ ...m, brokerName: known.get(m.brokerAddr) }] };
    } catch (e) {
      if (!topic || !(e instanceof BrokerResponseError)) throw e;
    }
  }
  if (!topic) throw new ValidationError(`'${id}' is not the offsetMsgId of a broker this NameServer lists; to look it up as a client msgId, give its topic.`);
  const r = await queryMessageByUniqKey(ctx, topic, id);
  if (r.messages.length === 0) {
    const failed = r.brokers.filter((b) => b.error);
    throw new MessageNotFoundError(
      `No message with id '${id}' in topic '${topic}'${failed.length ? ` (no answer from ${failed.map((b) => `${b.addr}: ${b.error!.message}`).join('; ')})` : ''}.`,
    );
  }
  return { id, by: 'msgId', messages: r.messages };
}
