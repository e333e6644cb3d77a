/** Read-only topic calls: the topic list (with kinds), one topic's route, per-queue offsets. */
import { decodeGetAllTopicList, encodeGetAllTopicList } from '../protocol/requests/get-all-topic-list.js';
import { decodeGetMaxOffset, encodeGetMaxOffset } from '../protocol/requests/get-max-offset.js';
import { decodeGetMinOffset, encodeGetMinOffset } from '../protocol/requests/get-min-offset.js';
import { decodeGetTopicStatsInfo, encodeGetTopicStatsInfo } from '../protocol/requests/get-topic-stats-info.js';
import { MASTER_ID, type TopicRouteData } from '../protocol/route-data.js';
import { BrokerNotFoundError, toFailure, type AdminFailure } from './admin-errors.js';
import { callBroker, callNameServer, fetchClusterInfo, fetchRoute, selectBrokerAddr, type AdminContext } from './context.js';
import { describePerm, type PermView } from './perm-view.js';
import { topicKind, type TopicKind } from './topic-kind.js';

export interface TopicListEntry {
  topic: string;
  kind: TopicKind;
  /** Anything but NORMAL: a UI hides these by default. */
  system: boolean;
}

export interface TopicListing {
  namesrvAddr: string;
  topics: TopicListEntry[];
}

export async function listTopics(ctx: AdminContext): Promise<TopicListing> {
  const [list, cluster] = await Promise.all([callNameServer(ctx, encodeGetAllTopicList, decodeGetAllTopicList), fetchClusterInfo(ctx).catch(() => undefined)]);
  const kctx = cluster ? { clusterNames: new Set(cluster.value.clusters.keys()), brokerNames: new Set(cluster.value.brokers.map((b) => b.brokerName)) } : {};
  const topics = [...new Set(list.value.topics)].sort().map((topic) => {
    const kind = topicKind(topic, kctx);
    return { topic, kind, system: kind !== 'NORMAL' };
  });
  return { namesrvAddr: list.addr, topics };
}

export interface RouteBroker {
  cluster: string;
  brokerName: string;
  masterAddr: string | undefined;
  addrs: { brokerId: number; role: 'MASTER' | 'SLAVE'; addr: string }[];
}

export interface RouteQueue {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: PermView;
  topicSysFlag: number;
}

export interface TopicRouteView {
  topic: string;
  kind: TopicKind;
  brokers: RouteBroker[];
  queues: RouteQueue[];
  /** "brokerA:4;brokerB:8" when the NameServer has an order config for the topic. */
  orderTopicConf: string | undefined;
  totalReadQueues: number;
  totalWriteQueues: number;
}

export function toRouteView(topic: string, route: TopicRouteData): TopicRouteView {
  const brokers = route.brokerDatas
    .map((b) => ({
      cluster: b.cluster,
      brokerName: b.brokerName,
      masterAddr: b.brokerAddrs.get(MASTER_ID),
      addrs: [...b.brokerAddrs]
        .sort((x, y) => x[0] - y[0])
        .map(([brokerId, addr]) => ({ brokerId, role: brokerId === MASTER_ID ? ('MASTER' as const) : ('SLAVE' as const), addr })),
    }))
    .sort((a, b) => a.brokerName.localeCompare(b.brokerName));
  const queues = route.queueDatas
    .map((q) => ({
      brokerName: q.brokerName,
      readQueueNums: q.readQueueNums,
      writeQueueNums: q.writeQueueNums,
      perm: describePerm(q.perm),
      topicSysFlag: q.topicSysFlag,
    }))
    .sort((a, b) => a.brokerName.localeCompare(b.brokerName));
  return {
    topic,
    kind: topicKind(topic, { brokerNames: brokers.map((b) => b.brokerName), clusterNames: brokers.map((b) => b.cluster) }),
    brokers,
    queues,
    orderTopicConf: route.orderTopicConf || undefined,
    totalReadQueues: queues.reduce((n, q) => n + q.readQueueNums, 0),
    totalWriteQueues: queues.reduce((n, q) => n + q.writeQueueNums, 0),
  };
}

export async function topicRoute(ctx: AdminContext, topic: string): Promise<TopicRouteView> {
  return toRouteView(topic, await fetchRoute(ctx, topic));
}

export interface QueueStatus {
  brokerName: string;
  queueId: number;
  minOffset: bigint;
  /** Next offset to be written: the queue holds maxOffset − minOffset messages. */
  maxOffset: bigint;
  messageCount: bigint;
  /** Store time of the newest message (epoch ms); 0 for an empty queue. */
  lastUpdateTimestamp: number;
}

export interface TopicStatus {
  topic: string;
  queues: QueueStatus[];
  totalMessages: bigint;
  /** Per broker: where the stats came from and the broker's put TPS for this topic (5.x). */
  brokers: { brokerName: string; addr: string; topicPutTps: number | undefined }[];
  /** Brokers of the route that could not answer; the queues above are then partial. */
  errors: AdminFailure[];
}

/** GET_TOPIC_STATS_INFO from each broker of the route (the master when there is one). */
export async function topicStatus(ctx: AdminContext, topic: string): Promise<TopicStatus> {
  const route = await fetchRoute(ctx, topic);
  const queues: QueueStatus[] = [];
  const brokers: TopicStatus['brokers'] = [];
  const errors: AdminFailure[] = [];
  await Promise.all(
    route.brokerDatas.map(async (b) => {
      const addr = selectBrokerAddr(b);
      if (!addr) return;
      try {
        const stats = await callBroker(ctx, addr, encodeGetTopicStatsInfo(topic), decodeGetTopicStatsInfo);
        brokers.push({ brokerName: b.brokerName, addr, topicPutTps: stats.topicPutTps });
        for (const o of stats.offsets) {
          if (o.topic !== topic) continue;
          queues.push({
            brokerName: o.brokerName,
            queueId: o.queueId,
            minOffset: o.minOffset,
            maxOffset: o.maxOffset,
            messageCount: o.maxOffset > o.minOffset ? o.maxOffset - o.minOffset : 0n,
            lastUpdateTimestamp: o.lastUpdateTimestamp,
          });
        }
      } catch (e) {
        errors.push(toFailure(addr, e, b.brokerName));
      }
    }),
  );
  queues.sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.queueId - b.queueId);
  brokers.sort((a, b) => a.brokerName.localeCompare(b.brokerName));
  return { topic, queues, totalMessages: queues.reduce((n, q) => n + q.messageCount, 0n), brokers, errors };
}

/** GET_MIN_OFFSET / GET_MAX_OFFSET of one queue, from the broker's master (or first replica). */
export async function queueOffsets(
  ctx: AdminContext,
  topic: string,
  brokerName: string,
  queueId: number,
): Promise<{ addr: string; minOffset: bigint; maxOffset: bigint }> {
  const route = await fetchRoute(ctx, topic);
  const b = route.brokerDatas.find((x) => x.brokerName === brokerName);
  const addr = b && selectBrokerAddr(b);
  if (!addr) throw new BrokerNotFoundError(`broker '${brokerName}' is not in the route of topic '${topic}'`);
  const [minOffset, maxOffset] = await Promise.all([
    callBroker(ctx, addr, encodeGetMinOffset(topic, queueId), decodeGetMinOffset),
    callBroker(ctx, addr, encodeGetMaxOffset(topic, queueId), decodeGetMaxOffset),
  ]);
  return { addr, minOffset, maxOffset };
}
