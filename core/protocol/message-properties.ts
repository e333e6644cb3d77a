/** Message property names (MessageConst) and the \u0001 / \u0002 properties string codec. */
export const MessageConst = {
  KEYS: 'KEYS',
  TAGS: 'TAGS',
  WAIT: 'WAIT',
  DELAY: 'DELAY',
  RETRY_TOPIC: 'RETRY_TOPIC',
  REAL_TOPIC: 'REAL_TOPIC',
  REAL_QID: 'REAL_QID',
  TRAN_MSG: 'TRAN_MSG',
  PGROUP: 'PGROUP',
  UNIQ_KEY: 'UNIQ_KEY',
  MSG_REGION: 'MSG_REGION',
  TRACE_ON: 'TRACE_ON',
  INSTANCE_ID: 'INSTANCE_ID',
  MAX_RECONSUME_TIMES: 'MAX_RECONSUME_TIMES',
  RECONSUME_TIME: 'RECONSUME_TIME',
  CLUSTER: 'CLUSTER',
  START_DELIVER_TIME: '__STARTDELIVERTIME',
  TIMER_DELIVER_MS: 'TIMER_DELIVER_MS',
  TIMER_DELAY_SEC: 'TIMER_DELAY_SEC',
  TIMER_DELAY_MS: 'TIMER_DELAY_MS',
  /** Transactions: how often the broker has checked a half message back (set by the broker). */
  TRANSACTION_CHECK_TIMES: 'TRANSACTION_CHECK_TIMES',
  /** Request-reply (MessageConst.PROPERTY_CORRELATION_ID, PROPERTY_MESSAGE_REPLY_TO_CLIENT, PROPERTY_MESSAGE_TTL, …). */
  CORRELATION_ID: 'CORRELATION_ID',
  REPLY_TO_CLIENT: 'REPLY_TO_CLIENT',
  TTL: 'TTL',
  ARRIVE_TIME: 'ARRIVE_TIME',
  MSG_TYPE: 'MSG_TYPE',
  /** Set on the transaction's message for the local transaction when the broker returned one (Java's "__transactionId__"). */
  TRANSACTION_ID: '__transactionId__',
} as const;

/**
 * Names a user property may not use: MessageConst.STRING_HASH_SET, as Java's putUserProperty
 * refuses them. CHECK_IMMUNITY_TIME_IN_SECONDS is not in it on purpose: it is the documented user
 * property that keeps the broker's checks away from a long local transaction.
 */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'KEYS',
  'TAGS',
  'WAIT',
  'DELAY',
  'RETRY_TOPIC',
  'REAL_TOPIC',
  'REAL_QID',
  'TRAN_MSG',
  'PGROUP',
  'MIN_OFFSET',
  'MAX_OFFSET',
  'BUYER_ID',
  'ORIGIN_MESSAGE_ID',
  'TRANSFER_FLAG',
  'CORRECTION_FLAG',
  'MQ2_FLAG',
  'RECONSUME_TIME',
  'MSG_REGION',
  'TRACE_ON',
  'UNIQ_KEY',
  'MAX_RECONSUME_TIMES',
  'CONSUME_START_TIME',
  'TRAN_PREPARED_QUEUE_OFFSET',
  'INSTANCE_ID',
  'CORRELATION_ID',
  'REPLY_TO_CLIENT',
  'TTL',
  'ARRIVE_TIME',
  'PUSH_REPLY_TIME',
  'CLUSTER',
  'MSG_TYPE',
  'INNER_MULTI_QUEUE_OFFSET',
  'TIMER_DELIVER_MS',
  'TIMER_DELAY_SEC',
  'TIMER_DELAY_MS',
  'TIMER_ENQUEUE_MS',
  'TIMER_DEQUEUE_MS',
  'TIMER_ROLL_TIMES',
  'TIMER_OUT_MS',
  'TIMER_DEL_UNIQKEY',
  'TIMER_DELAY_LEVEL',
  'BORN_TIMESTAMP',
  '__BORNHOST',
  '1ST_POP_TIME',
  'POP_CK',
  'POP_CK_OFFSET',
  'DUP_INFO',
  'EXTEND_UNIQ_INFO',
  'DLQ_ORIGIN_TOPIC',
  'DLQ_ORIGIN_MESSAGE_ID',
  '__CRC32#',
]);

export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

/** Encodes name\u0001value pairs joined by \u0002 (no trailing separator, as 4.9+ clients). */
export function encodeProperties(props: Record<string, string> | Map<string, string>): string {
  let s = '';
  const entries = props instanceof Map ? props.entries() : Object.entries(props);
  for (const [k, v] of entries) {
    if (v == null) continue;
    if (s.length > 0) s += PROPERTY_SEPARATOR;
    s += k + NAME_VALUE_SEPARATOR + v;
  }
  return s;
}

/** Decodes a properties string; tolerates a trailing separator and skips malformed segments. */
export function decodeProperties(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const seg of s.split(PROPERTY_SEPARATOR)) {
    if (seg.length < 3) continue;
    const i = seg.indexOf(NAME_VALUE_SEPARATOR);
    if (i <= 0 || i === seg.length - 1) continue;
    const k = seg.slice(0, i);
    // A property named "__proto__" (anyone on the cluster can set one) stays an own key.
    if (k === '__proto__') Object.defineProperty(out, k, { value: seg.slice(i + 1), enumerable: true, writable: true, configurable: true });
    else out[k] = seg.slice(i + 1);
  }
  return out;
}
