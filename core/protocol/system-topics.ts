/**
 * RocketMQ's reserved topics, as the Java client's TopicValidator lists them: what a producer may
 * not send to, and what counts as a system topic (which, among other things, NamespaceUtil never
 * wraps). Retry, DLQ and reply topics are not system topics to Java; UIs that hide them classify
 * them separately (admin/topic-kind.ts).
 */
import { DEFAULT_JAVA_BEHAVIOUR, type JavaBehaviour } from './java-behaviour.js';

/** Topics a producer may never send to (TopicValidator.NOT_ALLOWED_SEND_TOPIC_SET, 5.5.0). */
export const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  'SCHEDULE_TOPIC_XXXX',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
  'RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC',
  'RMQ_SYS_ROCKSDB_TRANS_OP_HALF_TOPIC',
]);

/** TopicValidator.SYSTEM_TOPIC_SET of 4.9.8. */
export const SYSTEM_TOPICS_4_9: ReadonlySet<string> = new Set([
  'TBW102',
  'SCHEDULE_TOPIC_XXXX',
  'BenchmarkTest',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRACE_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
]);

/** TopicValidator.SYSTEM_TOPIC_SET of 5.x (5.5.0): 4.9.8's plus the RocksDB checkpoint and transaction topics. */
export const SYSTEM_TOPICS: ReadonlySet<string> = new Set([
  ...SYSTEM_TOPICS_4_9,
  'CHECKPOINT_TOPIC', // since 5.0 (RMQ_SYS_ROCKSDB_OFFSET_TOPIC)
  'RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC', // not in 5.3.3, in 5.5.0
  'RMQ_SYS_ROCKSDB_TRANS_OP_HALF_TOPIC',
]);

/** TopicValidator.SYSTEM_TOPIC_PREFIX: case-sensitive, so `RMQ_SYS_…` user topics are not system topics. */
export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';

/**
 * TopicValidator.isSystemTopic: the fixed set plus the lower-case `rmq_sys_` prefix, nothing
 * else. (A broader test here once left `ORDERS_REPLY_TOPIC` and `RMQ_SYS_…` user topics outside
 * the namespace, so those users sent to a different topic than the Java client would.)
 */
export function isSystemTopic(topic: string, behaviour: JavaBehaviour = DEFAULT_JAVA_BEHAVIOUR): boolean {
  return (behaviour === 'java-4.9' ? SYSTEM_TOPICS_4_9 : SYSTEM_TOPICS).has(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
}
