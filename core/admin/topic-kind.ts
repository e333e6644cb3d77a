/**
 * Topic classification for UIs that hide internal topics. Builds on the producer's isSystemTopic
 * (TopicValidator's system set, rmq_sys_/RMQ_SYS_ prefixes, retry/DLQ/reply topics) and adds what
 * only the cluster knows: every cluster and every broker also registers a topic of its own name
 * (what GET_SYSTEM_TOPIC_LIST_FROM_NS returns).
 */
import { isSystemTopic } from '../protocol/system-topics.js';

export type TopicKind = 'NORMAL' | 'SYSTEM' | 'RETRY' | 'DLQ' | 'REPLY' | 'LMQ' | 'CLUSTER' | 'BROKER';

export interface TopicKindContext {
  clusterNames?: Iterable<string> | undefined;
  brokerNames?: Iterable<string> | undefined;
}

function has(list: Iterable<string> | undefined, v: string): boolean {
  if (!list) return false;
  if (list instanceof Set) return list.has(v);
  for (const x of list) if (x === v) return true;
  return false;
}

export function topicKind(topic: string, ctx: TopicKindContext = {}): TopicKind {
  if (topic.startsWith('%RETRY%')) return 'RETRY';
  if (topic.startsWith('%DLQ%')) return 'DLQ';
  if (topic.startsWith('%LMQ%')) return 'LMQ';
  if (topic.endsWith('_REPLY_TOPIC')) return 'REPLY';
  if (has(ctx.clusterNames, topic)) return 'CLUSTER';
  if (has(ctx.brokerNames, topic)) return 'BROKER';
  if (isSystemTopic(topic)) return 'SYSTEM';
  return 'NORMAL';
}

/** True for every topic a user normally should not see or send to. */
export function isInternalTopic(topic: string, ctx: TopicKindContext = {}): boolean {
  return topicKind(topic, ctx) !== 'NORMAL';
}
