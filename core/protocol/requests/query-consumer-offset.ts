/**
 * QUERY_CONSUMER_OFFSET (14) → the broker holding the queue. Header QueryConsumerOffsetRequestHeader:
 * consumerGroup, topic, queueId, setZeroIfNotFound. Response header: offset — the group's committed
 * offset, i.e. the next offset it will consume (messages below it are consumed).
 *
 * setZeroIfNotFound is always sent as false: left unset, a broker answers 0 for a group that never
 * committed on a queue still in memory, which would read as "committed at 0". With false it answers
 * QUERY_NOT_FOUND (22), decoded here as `undefined` (no committed offset).
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode, ResponseCode } from '../codes.js';
import { decodeOffsetResponse } from './get-max-offset.js';

export function encodeQueryConsumerOffset(consumerGroup: string, topic: string, queueId: number): RemotingCommand {
  return createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup, topic, queueId: String(queueId), setZeroIfNotFound: 'false' });
}

export function decodeQueryConsumerOffset(addr: string, res: RemotingCommand): bigint | undefined {
  if (res.code === ResponseCode.QUERY_NOT_FOUND) return undefined;
  return decodeOffsetResponse(addr, res, 'QUERY_CONSUMER_OFFSET');
}
