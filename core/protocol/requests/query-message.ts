/**
 * QUERY_MESSAGE (12) → each broker of the topic (index lookup).
 * Header QueryMessageRequestHeader: topic, key, maxNum, beginTimestamp, endTimestamp; 5.5 adds
 * optional indexType ("K" keys, "U" unique key, "T" tags) and lastKey (paging). Ext field
 * `_UNIQUE_KEY_QUERY`="true" marks a client-msgId (UNIQ_KEY) lookup (the broker then uses its
 * defaultQueryMaxNum). Response header: indexLastUpdateTimestamp, indexLastUpdatePhyoffset;
 * body: stored messages back to back. QUERY_NOT_FOUND (22) when nothing matches.
 * The index is hash-based: callers must re-check each message's KEYS / UNIQ_KEY and topic.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode, ResponseCode } from '../codes.js';
import { decodeStoredMessages, type StoredMessage } from '../stored-message.js';
import { expectSuccess } from './response.js';

export interface QueryMessageHeader {
  topic: string;
  key: string;
  maxNum: number;
  /** Store-time range, epoch ms (Java Long: pass a bigint for Long.MAX_VALUE). */
  beginTimestamp: number | bigint;
  endTimestamp: number | bigint;
  uniqueKey: boolean;
}

export interface QueryMessageResponse {
  messages: StoredMessage[];
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: bigint;
}

/** Decimal text of a Java long: numbers beyond 2^53 would print as 9.2e18, which the broker rejects. */
function longText(v: number | bigint): string {
  return typeof v === 'bigint' ? v.toString() : BigInt(Math.trunc(v)).toString();
}

export function encodeQueryMessage(h: QueryMessageHeader): RemotingCommand {
  return createRequest(RequestCode.QUERY_MESSAGE, {
    topic: h.topic,
    key: h.key,
    maxNum: String(h.maxNum),
    beginTimestamp: longText(h.beginTimestamp),
    endTimestamp: longText(h.endTimestamp),
    _UNIQUE_KEY_QUERY: h.uniqueKey ? 'true' : 'false',
  });
}

export function decodeQueryMessage(addr: string, res: RemotingCommand): QueryMessageResponse {
  const ext = res.extFields ?? {};
  const indexLastUpdateTimestamp = Number(ext.indexLastUpdateTimestamp ?? 0) || 0;
  const indexLastUpdatePhyoffset = /^-?\d+$/.test(ext.indexLastUpdatePhyoffset ?? '') ? BigInt(ext.indexLastUpdatePhyoffset!) : 0n;
  if (res.code === ResponseCode.QUERY_NOT_FOUND) return { messages: [], indexLastUpdateTimestamp, indexLastUpdatePhyoffset };
  expectSuccess(addr, res);
  return { messages: res.body ? decodeStoredMessages(res.body) : [], indexLastUpdateTimestamp, indexLastUpdatePhyoffset };
}
