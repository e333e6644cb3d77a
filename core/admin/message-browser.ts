/**
 * The message browser's reads: messages of a topic by store-time range, the last N of one queue,
 * one message at a queue offset, and which consumer groups have consumed a message.
 *
 * Everything is read-only. Messages are pulled with mqadmin's TOOLS_CONSUMER group and a sysFlag
 * without COMMIT_OFFSET (see protocol/requests/pull-message.ts), so browsing never moves any
 * group's consumer offset and creates no subscription group.
 *
 * "Consumed" follows the broker's own meaning of a committed offset: the next offset the group will
 * read, so a message at queue offset q is consumed by a group whose committed offset on that queue
 * is greater than q.
 */
import { ValidationError } from '../errors.js';
import { prepareZstdDecoder } from '../protocol/compression.js';
import { decodeGetMaxOffset, encodeGetMaxOffset } from '../protocol/requests/get-max-offset.js';
import { decodeGetMinOffset, encodeGetMinOffset } from '../protocol/requests/get-min-offset.js';
import { decodePullMessage, encodePullMessage, MAX_PULL_BATCH } from '../protocol/requests/pull-message.js';
import { decodeQueryConsumerOffset, encodeQueryConsumerOffset } from '../protocol/requests/query-consumer-offset.js';
import { decodeQueryTopicConsumeByWho, encodeQueryTopicConsumeByWho } from '../protocol/requests/query-topic-consume-by-who.js';
import { decodeSearchOffsetByTimestamp, encodeSearchOffsetByTimestamp } from '../protocol/requests/search-offset-by-timestamp.js';
import type { TopicRouteData } from '../protocol/route-data.js';
import { BrokerNotFoundError, MessageNotFoundError, toFailure, type AdminFailure } from './admin-errors.js';
import { callBroker, fetchRoute, selectBrokerAddr, type AdminContext } from './context.js';
import type { MessageView } from './message-lookup.js';

/** Upper bound on messages one browse returns (the host's contract caps lower). */
export const MAX_BROWSE_MESSAGES = 10_000;

export interface BrowseResult {
  topic: string;
  messages: MessageView[];
  /** More messages matched than `max`: narrow the range to see the rest. */
  truncated: boolean;
  /** Queues read, with the offsets the read covered. */
  queues: { brokerName: string; queueId: number; fromOffset: string; toOffset: string; found: number }[];
  /** Brokers of the route that could not answer (the result is then partial). */
  errors: AdminFailure[];
}

export interface TimeRangeOptions {
  /** Store-time range, epoch ms, both inclusive. */
  from: number;
  to: number;
  /** Most messages returned, earliest store time first (default 1000). */
  max?: number | undefined;
}

export interface ConsumedByGroup {
  group: string;
  /** The group's committed offset on the message's queue (next offset it will read); undefined when it never committed there. */
  committedOffset: bigint | undefined;
  consumed: boolean;
  error?: AdminFailure | undefined;
}

export interface ConsumedByResult {
  topic: string;
  brokerName: string;
  queueId: number;
  queueOffset: bigint;
  groups: ConsumedByGroup[];
  errors: AdminFailure[];
}

interface QueueRef {
  brokerName: string;
  addr: string;
  queueId: number;
}

function checkMax(max: number | undefined, dflt: number): number {
  const m = max ?? dflt;
  if (!Number.isInteger(m) || m < 1 || m > MAX_BROWSE_MESSAGES)
    throw new ValidationError(`max must be a whole number from 1 to ${MAX_BROWSE_MESSAGES} (got ${max}).`);
  return m;
}

function readQueues(route: TopicRouteData): { queues: QueueRef[]; missing: string[] } {
  const queues: QueueRef[] = [];
  const missing: string[] = [];
  for (const q of route.queueDatas) {
    const b = route.brokerDatas.find((x) => x.brokerName === q.brokerName);
    const addr = b && selectBrokerAddr(b);
    if (!addr) {
      missing.push(q.brokerName);
      continue;
    }
    for (let queueId = 0; queueId < q.readQueueNums; queueId++) queues.push({ brokerName: q.brokerName, addr, queueId });
  }
  return { queues, missing };
}

async function brokerOfQueue(ctx: AdminContext, topic: string, brokerName: string): Promise<string> {
  const route = await fetchRoute(ctx, topic);
  const b = route.brokerDatas.find((x) => x.brokerName === brokerName);
  const addr = b && selectBrokerAddr(b);
  if (!addr) throw new BrokerNotFoundError(`broker '${brokerName}' is not in the route of topic '${topic}'`);
  return addr;
}

/**
 * Pulls [start, end) of one queue, keeping messages `keep` accepts, until `limit` are kept, the end
 * is reached or `stop` says the rest cannot match (store times only grow along a queue).
 */
async function pullRange(
  ctx: AdminContext,
  topic: string,
  q: QueueRef,
  start: bigint,
  end: bigint,
  limit: number,
  keep: (m: MessageView) => boolean = () => true,
  stop: (m: MessageView) => boolean = () => false,
): Promise<{ messages: MessageView[]; more: boolean }> {
  const out: MessageView[] = [];
  let offset = start;
  await prepareZstdDecoder(); // a ZSTD body decodes on Node 20 too
  // Each round either advances the offset or ends: a broker answering the same offset forever cannot loop us.
  while (offset < end) {
    const r = await callBroker(
      ctx,
      q.addr,
      encodePullMessage({
        topic,
        queueId: q.queueId,
        queueOffset: offset,
        maxMsgNums: Number(end - offset < BigInt(MAX_PULL_BATCH) ? end - offset : BigInt(MAX_PULL_BATCH)),
      }),
      decodePullMessage,
    );
    if (r.status === 'OFFSET_ILLEGAL') {
      if (r.nextBeginOffset <= offset) break; // behind us or stuck: nothing more to read
      offset = r.nextBeginOffset; // the queue's head was cleaned: start at its new minimum
      continue;
    }
    if (r.status === 'NO_NEW_MSG') break;
    for (const m of r.messages) {
      if (m.queueOffset >= end) return { messages: out, more: false };
      const v: MessageView = { ...m, brokerAddr: q.addr, brokerName: q.brokerName };
      if (stop(v)) return { messages: out, more: false };
      if (!keep(v)) continue;
      if (out.length === limit) return { messages: out, more: true };
      out.push(v);
    }
    if (r.nextBeginOffset <= offset) break;
    offset = r.nextBeginOffset;
  }
  return { messages: out, more: false };
}

function byStoreTime(a: MessageView, b: MessageView): number {
  return (
    a.storeTimestamp - b.storeTimestamp ||
    (a.brokerName ?? '').localeCompare(b.brokerName ?? '') ||
    a.queueId - b.queueId ||
    Number(a.queueOffset - b.queueOffset)
  );
}

/** Messages of `topic` stored within [from, to]: the offset by timestamp on each queue, then pulls from there. */
export async function browseByTime(ctx: AdminContext, topic: string, o: TimeRangeOptions): Promise<BrowseResult> {
  const max = checkMax(o.max, 1000);
  if (!Number.isFinite(o.from) || !Number.isFinite(o.to) || o.from < 0)
    throw new ValidationError('The time range needs a start and an end (epoch milliseconds).');
  if (o.to < o.from) throw new ValidationError('The end of the time range is before its start.');
  const route = await fetchRoute(ctx, topic);
  const { queues, missing } = readQueues(route);
  const errors: AdminFailure[] = missing.map((b) => toFailure('', new BrokerNotFoundError(`broker '${b}' has no address in the route`), b));
  const found: BrowseResult['queues'] = [];
  const all: MessageView[] = [];
  let truncated = false;
  await Promise.all(
    queues.map(async (q) => {
      try {
        const [start, end] = await Promise.all([
          callBroker(ctx, q.addr, encodeSearchOffsetByTimestamp(topic, q.queueId, o.from, 'LOWER'), decodeSearchOffsetByTimestamp),
          // Bounded by the queue's end now, so a live producer cannot keep the browse running.
          callBroker(ctx, q.addr, encodeGetMaxOffset(topic, q.queueId), decodeGetMaxOffset),
        ]);
        // The broker's search is by time slot, not exact: filter on the stored time as well.
        const r = await pullRange(
          ctx,
          topic,
          q,
          start,
          end,
          max,
          (m) => m.storeTimestamp >= o.from && m.storeTimestamp <= o.to,
          (m) => m.storeTimestamp > o.to,
        );
        if (r.more) truncated = true;
        all.push(...r.messages);
        found.push({ brokerName: q.brokerName, queueId: q.queueId, fromOffset: start.toString(), toOffset: end.toString(), found: r.messages.length });
      } catch (e) {
        errors.push({ ...toFailure(q.addr, e, q.brokerName), message: `queue ${q.queueId}: ${(e as Error).message}` });
      }
    }),
  );
  all.sort(byStoreTime);
  if (all.length > max) truncated = true;
  found.sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.queueId - b.queueId);
  return { topic, messages: all.slice(0, max), truncated, queues: found, errors };
}

/** The newest `count` messages of one queue (fewer when the queue holds fewer). */
export async function lastMessages(ctx: AdminContext, topic: string, brokerName: string, queueId: number, count: number): Promise<BrowseResult> {
  const n = checkMax(count, 50);
  if (!Number.isInteger(queueId) || queueId < 0) throw new ValidationError(`queueId must be a whole number ≥ 0 (got ${queueId}).`);
  const addr = await brokerOfQueue(ctx, topic, brokerName);
  const q = { brokerName, addr, queueId };
  const [min, max] = await Promise.all([
    callBroker(ctx, addr, encodeGetMinOffset(topic, queueId), decodeGetMinOffset),
    callBroker(ctx, addr, encodeGetMaxOffset(topic, queueId), decodeGetMaxOffset),
  ]);
  const start = max - BigInt(n) > min ? max - BigInt(n) : min;
  const r = await pullRange(ctx, topic, q, start, max, n);
  return {
    topic,
    messages: r.messages,
    truncated: start > min,
    queues: [{ brokerName, queueId, fromOffset: start.toString(), toOffset: max.toString(), found: r.messages.length }],
    errors: [],
  };
}

/** The stored message at one queue offset (what a SendResult's queue and queueOffset point to). */
export async function messageAt(ctx: AdminContext, topic: string, brokerName: string, queueId: number, queueOffset: bigint): Promise<MessageView> {
  if (queueOffset < 0n) throw new ValidationError(`queueOffset must be ≥ 0 (got ${queueOffset}).`);
  const addr = await brokerOfQueue(ctx, topic, brokerName);
  const r = await pullRange(ctx, topic, { brokerName, addr, queueId }, queueOffset, queueOffset + 1n, 1);
  const m = r.messages[0];
  if (!m || m.queueOffset !== queueOffset)
    throw new MessageNotFoundError(`No message at offset ${queueOffset} of ${topic} queue ${brokerName}:${queueId} (cleaned up or not yet written).`);
  return m;
}

/** The consumer groups of `topic` and, for each, whether its committed offset on the queue is past `queueOffset`. */
export async function consumedBy(ctx: AdminContext, topic: string, brokerName: string, queueId: number, queueOffset: bigint): Promise<ConsumedByResult> {
  const route = await fetchRoute(ctx, topic);
  const errors: AdminFailure[] = [];
  const groups = new Set<string>();
  await Promise.all(
    route.brokerDatas.map(async (b) => {
      const addr = selectBrokerAddr(b);
      if (!addr) return;
      try {
        for (const g of await callBroker(ctx, addr, encodeQueryTopicConsumeByWho(topic), decodeQueryTopicConsumeByWho)) groups.add(g);
      } catch (e) {
        errors.push(toFailure(addr, e, b.brokerName));
      }
    }),
  );
  const b = route.brokerDatas.find((x) => x.brokerName === brokerName);
  const addr = b && selectBrokerAddr(b);
  if (!addr) throw new BrokerNotFoundError(`broker '${brokerName}' is not in the route of topic '${topic}'`);
  const rows = await Promise.all(
    [...groups].sort().map(async (group): Promise<ConsumedByGroup> => {
      try {
        const committedOffset = await callBroker(ctx, addr, encodeQueryConsumerOffset(group, topic, queueId), decodeQueryConsumerOffset);
        return { group, committedOffset, consumed: committedOffset !== undefined && committedOffset > queueOffset };
      } catch (e) {
        return { group, committedOffset: undefined, consumed: false, error: toFailure(addr, e, brokerName) };
      }
    }),
  );
  return { topic, brokerName, queueId, queueOffset, groups: rows, errors };
}
