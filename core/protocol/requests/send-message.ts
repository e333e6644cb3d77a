/**
 * SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320) → broker master.
 * Header (SendMessageRequestHeaderV2, one-letter keys): a producerGroup, b topic, c defaultTopic,
 * d defaultTopicQueueNums, e queueId, f sysFlag, g bornTimestamp, h flag, i properties,
 * j reconsumeTimes, k unitMode, l maxReconsumeTimes, m batch, n brokerName.
 * Response: msgId (offsetMsgId, comma-joined for batches), queueId, queueOffset, transactionId,
 * plus MSG_REGION and TRACE_ON. Codes 10/11/12 are stored-with-status, not errors.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode, ResponseCode } from '../codes.js';
import { brokerError } from './response.js';

export interface SendRequestHeader {
  producerGroup: string;
  topic: string;
  defaultTopic: string;
  defaultTopicQueueNums: number;
  queueId: number;
  sysFlag: number;
  bornTimestamp: number;
  flag: number;
  properties: string;
  reconsumeTimes?: number;
  maxReconsumeTimes?: number | undefined;
  batch: boolean;
  brokerName: string;
}

export function encodeSendMessage(h: SendRequestHeader, body: Buffer): RemotingCommand {
  const ext: Record<string, string> = {
    a: h.producerGroup,
    b: h.topic,
    c: h.defaultTopic,
    d: String(h.defaultTopicQueueNums),
    e: String(h.queueId),
    f: String(h.sysFlag),
    g: String(h.bornTimestamp),
    h: String(h.flag),
    i: h.properties,
    j: String(h.reconsumeTimes ?? 0),
    k: 'false',
    m: h.batch ? 'true' : 'false',
    n: h.brokerName,
  };
  if (h.maxReconsumeTimes !== undefined) ext.l = String(h.maxReconsumeTimes);
  return createRequest(h.batch ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2, ext, body);
}

export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface SendResponse {
  sendStatus: SendStatus;
  offsetMsgId: string;
  queueId: number;
  queueOffset: bigint;
  transactionId: string | undefined;
  regionId: string;
  traceOn: boolean;
}

const STATUS: Record<number, SendStatus> = {
  [ResponseCode.SUCCESS]: 'SEND_OK',
  [ResponseCode.FLUSH_DISK_TIMEOUT]: 'FLUSH_DISK_TIMEOUT',
  [ResponseCode.FLUSH_SLAVE_TIMEOUT]: 'FLUSH_SLAVE_TIMEOUT',
  [ResponseCode.SLAVE_NOT_AVAILABLE]: 'SLAVE_NOT_AVAILABLE',
};

export function decodeSendResponse(addr: string, res: RemotingCommand): SendResponse {
  const sendStatus = STATUS[res.code];
  if (!sendStatus) throw brokerError(addr, res);
  const ext = res.extFields ?? {};
  return {
    sendStatus,
    offsetMsgId: ext.msgId ?? '',
    queueId: Number(ext.queueId ?? -1),
    queueOffset: /^-?\d+$/.test(ext.queueOffset ?? '') ? BigInt(ext.queueOffset!) : -1n,
    transactionId: ext.transactionId,
    regionId: ext.MSG_REGION ?? 'DefaultRegion',
    traceOn: ext.TRACE_ON !== 'false',
  };
}
