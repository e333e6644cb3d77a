/**
 * The message-trace record the Java client writes (org.apache.rocketmq.client.trace.TraceDataEncoder,
 * TraceType.Pub) so that RocketMQ's own tools (mqadmin queryMsgTraceById, the dashboard) show our
 * sends. One record is the Pub fields joined by CONTENT_SPLITOR (\u0001) and ended by
 * FIELD_SPLITOR (\u0002); a trace message's body is records back to back, its KEYS the traced
 * messages' ids and keys (TraceTransferBean.transKey), so the broker's index finds it by msgId.
 */
export const TRACE_CONTENT_SPLITOR = '\u0001';
export const TRACE_FIELD_SPLITOR = '\u0002';
/** TopicValidator.RMQ_SYS_TRACE_TOPIC: where traces go unless a profile names another topic. */
export const RMQ_SYS_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';
/** TraceConstants.GROUP_NAME_PREFIX: the trace producer's group is `${prefix}-${group}`. */
export const TRACE_GROUP_PREFIX = '_INNER_TRACE_PRODUCER';

/** org.apache.rocketmq.client.producer.MessageType, by ordinal. */
export const TraceMessageType = { Normal_Msg: 0, Trans_Msg_Half: 1, Trans_msg_Commit: 2, Delay_Msg: 3, Order_Msg: 4 } as const;
export type TraceMessageTypeValue = (typeof TraceMessageType)[keyof typeof TraceMessageType];

/** What every trace record of a producer carries (TraceContext + its one TraceBean). */
interface TraceContextBase {
  /** When the send began (epoch ms). */
  timeStamp: number;
  regionId: string;
  /** Producer group without namespace. */
  groupName: string;
  /** Topic without namespace. */
  topic: string;
  /** SendResult.msgId (UNIQ_KEY; comma-joined for a batch); for END_TRANSACTION the half message's. */
  msgId: string;
  tags: string | undefined;
  /** KEYS as stored: space-separated. */
  keys: string | undefined;
  /** The broker address the send (or END_TRANSACTION) went to. */
  storeHost: string;
}

/** A TraceContext of type Pub with its one TraceBean (SendMessageTraceHookImpl fills it). */
export interface PubTraceContext extends TraceContextBase {
  bodyLength: number;
  costTime: number;
  msgType: TraceMessageTypeValue;
  offsetMsgId: string;
  success: boolean;
}

/** Java's StringBuilder.append(String null) writes "null": the dashboard expects exactly that. */
const j = (s: string | undefined): string => (s === undefined ? 'null' : s);

export function encodePubTrace(c: PubTraceContext): string {
  const S = TRACE_CONTENT_SPLITOR;
  return (
    `Pub${S}${c.timeStamp}${S}${c.regionId}${S}${c.groupName}${S}${c.topic}${S}${c.msgId}${S}${j(c.tags)}${S}${j(c.keys)}${S}` +
    `${c.storeHost}${S}${c.bodyLength}${S}${c.costTime}${S}${c.msgType}${S}${c.offsetMsgId}${S}${c.success}${TRACE_FIELD_SPLITOR}`
  );
}

/** TraceTransferBean.transKey: the msgId plus each key (split on the KEYS separator, a space). */
export function pubTraceKeys(c: Pick<PubTraceContext, 'msgId' | 'keys'>): string[] {
  const out = [c.msgId];
  if (c.keys) for (const k of c.keys.split(' ')) if (k) out.push(k);
  return out;
}

/** MixAll.DEFAULT_TRACE_REGION_ID: an END_TRANSACTION trace's region when the message carries none. */
export const DEFAULT_TRACE_REGION_ID = 'DefaultRegion';

/**
 * A TraceContext of type EndTransaction (EndTransactionTraceHookImpl): written when the producer
 * sends END_TRANSACTION for a half message, after the local transaction or in answer to a check.
 */
export interface EndTransactionTraceContext extends TraceContextBase {
  traceType: 'EndTransaction';
  /** Java msg.getTransactionId(): the UNIQ_KEY once the half message is sent. */
  transactionId: string | undefined;
  /** LocalTransactionState name: COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW. */
  transactionState: 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';
  fromTransactionCheck: boolean;
}

/** What the trace dispatcher queues: a send's Pub record or an END_TRANSACTION's. */
export type TraceContext = (PubTraceContext & { traceType?: 'Pub' }) | EndTransactionTraceContext;

/** TraceDataEncoder, EndTransaction case: msgType is always Trans_msg_Commit (2), whatever the state. */
export function encodeEndTransactionTrace(c: EndTransactionTraceContext): string {
  const S = TRACE_CONTENT_SPLITOR;
  return (
    `EndTransaction${S}${c.timeStamp}${S}${c.regionId}${S}${c.groupName}${S}${c.topic}${S}${c.msgId}${S}${j(c.tags)}${S}${j(c.keys)}${S}` +
    `${c.storeHost}${S}${TraceMessageType.Trans_msg_Commit}${S}${j(c.transactionId)}${S}${c.transactionState}${S}${c.fromTransactionCheck}${TRACE_FIELD_SPLITOR}`
  );
}

export function encodeTrace(c: TraceContext): string {
  return c.traceType === 'EndTransaction' ? encodeEndTransactionTrace(c) : encodePubTrace(c);
}

/** TraceTransferBean.transKey for either record type: the msgId plus each key. */
export function traceKeys(c: TraceContext): string[] {
  return pubTraceKeys(c);
}
