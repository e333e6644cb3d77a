/**
 * PUSH_REPLY_MESSAGE_TO_CLIENT (326), broker → the requesting client, sync: the reply a responder
 * sent (MessageUtil.createReplyMessage + SEND_REPLY_MESSAGE_V2) to `<cluster>_REPLY_TOPIC`.
 * Header (ReplyMessageRequestHeader): producerGroup, topic, defaultTopic, defaultTopicQueueNums,
 * queueId, sysFlag, bornTimestamp, flag, properties, reconsumeTimes, unitMode, bornHost,
 * storeHost, storeTimestamp. Body: the reply body, compressed when sysFlag bit 0 says so.
 * The client answers SUCCESS, or SYSTEM_ERROR "process reply message fail" when it cannot decode.
 */
import { ProtocolError } from '../../errors.js';
import type { RemotingCommand } from '../../remoting/command.js';
import { decodeProperties, MessageConst } from '../message-properties.js';
import { compressionTypeOf, decompressBody, SysFlag } from '../stored-message.js';

export interface ReplyMessage {
  topic: string;
  queueId: number;
  sysFlag: number;
  flag: number;
  body: Buffer;
  /** The reply's properties plus ARRIVE_TIME (when this client received it), as the Java client adds. */
  properties: Record<string, string>;
  bornTimestamp: number;
  bornHost: string | undefined;
  storeHost: string | undefined;
  storeTimestamp: number;
  reconsumeTimes: number;
  correlationId: string | undefined;
  producerGroup: string | undefined;
}

function int(ext: Record<string, string>, name: string, fallback?: number): number {
  const v = ext[name];
  if (v === undefined && fallback !== undefined) return fallback;
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n))
    throw new ProtocolError(`PUSH_REPLY_MESSAGE_TO_CLIENT header field ${name} is missing or not a number (got ${JSON.stringify(v)})`);
  return n;
}

export function decodeReplyMessage(cmd: RemotingCommand, receiveTime: number): ReplyMessage {
  const ext = cmd.extFields ?? {};
  const topic = ext.topic;
  if (!topic) throw new ProtocolError('PUSH_REPLY_MESSAGE_TO_CLIENT header has no topic');
  const sysFlag = int(ext, 'sysFlag', 0);
  let body = cmd.body ?? Buffer.alloc(0);
  if ((sysFlag & SysFlag.COMPRESSED_FLAG) !== 0) {
    const type = compressionTypeOf(sysFlag) ?? 'ZLIB';
    const inflated = decompressBody(body, type);
    if (!inflated) throw new ProtocolError(`reply body is compressed with ${type}, which this runtime cannot inflate`);
    body = inflated;
  }
  const properties = decodeProperties(ext.properties);
  properties[MessageConst.ARRIVE_TIME] = String(receiveTime);
  return {
    topic,
    queueId: int(ext, 'queueId', 0),
    sysFlag,
    flag: int(ext, 'flag', 0),
    body,
    properties,
    bornTimestamp: int(ext, 'bornTimestamp', 0),
    bornHost: ext.bornHost,
    storeHost: ext.storeHost,
    storeTimestamp: int(ext, 'storeTimestamp', 0),
    reconsumeTimes: int(ext, 'reconsumeTimes', 0),
    correlationId: properties[MessageConst.CORRELATION_ID],
    producerGroup: ext.producerGroup,
  };
}
