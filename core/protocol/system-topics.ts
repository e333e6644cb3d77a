/** RocketMQ's reserved topics (TopicValidator): what a producer may not send to, and what a UI hides. */
/** Topics a producer may never send to (TopicValidator.NOT_ALLOWED_SEND_TOPIC_SET). */
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

/** System topics (TopicValidator.SYSTEM_TOPIC_SET plus the rmq_sys_ prefix). */
export const SYSTEM_TOPICS: ReadonlySet<string> = new Set([
  'TBW102',
  'SCHEDULE_TOPIC_XXXX',
  'BenchmarkTest',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRACE_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
  'CHECKPOINT_TOPIC',
  'RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC',
  'RMQ_SYS_ROCKSDB_TRANS_OP_HALF_TOPIC',
]);

export function isSystemTopic(topic: string): boolean {
  return SYSTEM_TOPICS.has(topic) || topic.startsWith('rmq_sys_') || topic.startsWith('RMQ_SYS_') || topic.startsWith('%RETRY%') || topic.startsWith('%DLQ%') || topic.endsWith('_REPLY_TOPIC');
}
