/**
 * Turns user messages into what goes on the wire, once per logical send: validation, UNIQ_KEY,
 * properties string, compression, batch body. Retries reuse the result, so the client message id
 * survives every attempt and nothing is encoded twice.
 */
import { ValidationError } from '../errors.js';
import { encodeBatchBody } from '../protocol/batch-codec.js';
import { compressBody, COMPRESSED_FLAG, COMPRESSION_FLAG, type CompressionType } from '../protocol/compression.js';
import { encodeProperties, MessageConst, NAME_VALUE_SEPARATOR, PROPERTY_SEPARATOR } from '../protocol/message-properties.js';
import type { MessageIdGenerator } from '../protocol/message-id.js';
import { bodyBytes, keysString, type Message } from './message.js';
import { checkBody, checkDelayLevel, checkPropertiesLength, checkTopic, checkUserProperties } from './validators.js';

export { COMPRESSED_FLAG };
/** Compression type bits 8-10: 3 = ZLIB (clients ≥ 4.9.4 set it alongside COMPRESSED_FLAG). */
export const COMPRESSION_ZLIB = COMPRESSION_FLAG.ZLIB;

export interface PrepareOptions {
  maxMessageSize: number;
  compressMsgBodyOverHowmuch: number;
  compressLevel: number;
  /** Java DefaultMQProducer.compressType (default ZLIB); its compressor must be loaded (prepareCompression). */
  compressType?: CompressionType | undefined;
  ids: MessageIdGenerator;
  /** Wraps a topic with the namespace, if any. */
  wrapTopic: (topic: string) => string;
  namespace?: string | undefined;
}

export interface PreparedSend {
  /** Topic as the user gave it (without namespace). */
  topic: string;
  /** Topic on the wire (namespace-wrapped). */
  wireTopic: string;
  body: Buffer;
  sysFlag: number;
  flag: number;
  properties: string;
  /** UNIQ_KEY, or comma-joined member UNIQ_KEYs for a batch. */
  msgId: string;
  batch: boolean;
  count: number;
  /** Carries a deliver-at time (TIMER_DELIVER_MS): the target broker must be 5.x. */
  deliverAt: boolean;
}

/**
 * What a transaction or a request adds to a message (Java: MessageAccessor.putProperty of system
 * properties, which user properties may not use, and the sysFlag bits sendKernelImpl derives).
 */
export interface SystemAdditions {
  properties: Record<string, string>;
  sysFlag?: number | undefined;
}

function appendProperty(s: string, k: string, v: string): string {
  return s.length > 0 ? `${s}${PROPERTY_SEPARATOR}${k}${NAME_VALUE_SEPARATOR}${v}` : `${k}${NAME_VALUE_SEPARATOR}${v}`;
}

/**
 * The wire properties string, built directly (no intermediate map: this runs once per message and
 * per batch member). User properties can't collide with the system names (checkUserProperties
 * refuses reserved names), so appending is the same as setting.
 */
function encodeMessageProperties(msg: Message, msgId: string, namespace: string | undefined, extra?: SystemAdditions): string {
  checkUserProperties(msg.properties);
  checkDelayLevel(msg.delayTimeLevel);
  let s = msg.properties ? encodeProperties(msg.properties) : '';
  if (msg.tags !== undefined && msg.tags !== '') s = appendProperty(s, MessageConst.TAGS, msg.tags);
  const keys = keysString(msg.keys);
  if (keys) s = appendProperty(s, MessageConst.KEYS, keys);
  s = appendProperty(s, MessageConst.WAIT, msg.waitStoreMsgOK === false ? 'false' : 'true');
  if (msg.delayTimeLevel !== undefined && msg.delayTimeLevel > 0) s = appendProperty(s, MessageConst.DELAY, String(msg.delayTimeLevel));
  if (msg.deliverTimeMs !== undefined) {
    if (!Number.isFinite(msg.deliverTimeMs) || msg.deliverTimeMs <= 0)
      throw new ValidationError(`deliver time must be an epoch time in milliseconds (got ${msg.deliverTimeMs}).`);
    s = appendProperty(s, MessageConst.TIMER_DELIVER_MS, String(Math.floor(msg.deliverTimeMs)));
  }
  if (namespace) s = appendProperty(s, MessageConst.INSTANCE_ID, namespace);
  if (extra) for (const [k, v] of Object.entries(extra.properties)) s = appendProperty(s, k, v);
  s = appendProperty(s, MessageConst.UNIQ_KEY, msgId);
  return s;
}

function checkFlag(flag: number | undefined): number {
  if (flag === undefined) return 0;
  if (!Number.isInteger(flag) || flag < -0x80000000 || flag > 0x7fffffff) throw new ValidationError(`message flag must be a 32-bit integer (got ${flag}).`);
  return flag;
}

export function prepareSingle(msg: Message, o: PrepareOptions, extra?: SystemAdditions): PreparedSend {
  checkTopic(msg.topic);
  if (msg.body === undefined || msg.body === null) throw new ValidationError('The message body is null: a message needs a body.');
  let body = bodyBytes(msg.body);
  checkBody(body, o.maxMessageSize);
  const msgId = o.ids.next();
  const properties = encodeMessageProperties(msg, msgId, o.namespace, extra);
  checkPropertiesLength(properties);
  let sysFlag = extra?.sysFlag ?? 0;
  if (body.length >= o.compressMsgBodyOverHowmuch) {
    const type = o.compressType ?? 'ZLIB';
    body = compressBody(type, body, o.compressLevel);
    sysFlag |= COMPRESSED_FLAG | COMPRESSION_FLAG[type];
  }
  return {
    topic: msg.topic,
    wireTopic: o.wrapTopic(msg.topic),
    body,
    sysFlag,
    flag: checkFlag(msg.flag),
    properties,
    msgId,
    batch: false,
    count: 1,
    deliverAt: msg.deliverTimeMs !== undefined,
  };
}

/** MessageBatch.generateFromList rules, then one SEND_BATCH_MESSAGE body (never compressed). */
export function prepareBatch(msgs: readonly Message[], o: PrepareOptions): PreparedSend {
  if (msgs.length === 0) throw new ValidationError('A batch needs at least one message.');
  const first = msgs[0]!;
  checkTopic(first.topic);
  if (first.topic.startsWith('%RETRY%')) throw new ValidationError('Retry group message is not supported for batching.');
  const wait = first.waitStoreMsgOK !== false;
  const ids: string[] = [];
  const members = msgs.map((m, i) => {
    if (m.topic !== first.topic)
      throw new ValidationError(`All messages of a batch must have the same topic: message ${i} has '${m.topic}', the first has '${first.topic}'.`);
    if ((m.delayTimeLevel ?? 0) > 0) throw new ValidationError('TimeDelayLevel is not supported for batching.');
    if ((m.waitStoreMsgOK !== false) !== wait) throw new ValidationError('The waitStoreMsgOK of the messages in one batch should be the same.');
    if (m.body === undefined || m.body === null) throw new ValidationError(`The body of batch message ${i} is null.`);
    const body = bodyBytes(m.body);
    checkBody(body, o.maxMessageSize);
    const id = o.ids.next();
    ids.push(id);
    const properties = encodeMessageProperties(m, id, o.namespace);
    return { flag: checkFlag(m.flag), body, properties, propertiesLength: checkPropertiesLength(properties) };
  });
  const body = encodeBatchBody(members);
  if (body.length > o.maxMessageSize) {
    throw new ValidationError(`The batch is ${body.length} bytes encoded, over the max message size ${o.maxMessageSize}; split it into smaller batches.`);
  }
  // Wrapper properties: WAIT only. No UNIQ_KEY on the wrapper (5.x brokers ≤ 5.3.3 copy wrapper
  // properties onto every member, which would give them all the same id).
  const properties = encodeProperties({ [MessageConst.WAIT]: wait ? 'true' : 'false' });
  return {
    topic: first.topic,
    wireTopic: o.wrapTopic(first.topic),
    body,
    sysFlag: 0,
    flag: 0,
    properties,
    msgId: ids.join(','),
    batch: true,
    count: msgs.length,
    deliverAt: msgs.some((m) => m.deliverTimeMs !== undefined),
  };
}
