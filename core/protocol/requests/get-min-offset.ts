/** GET_MIN_OFFSET (31) → broker. Header: topic, queueId. Response header: offset (oldest still stored). */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { decodeOffsetResponse } from './get-max-offset.js';

export function encodeGetMinOffset(topic: string, queueId: number): RemotingCommand {
  return createRequest(RequestCode.GET_MIN_OFFSET, { topic, queueId: String(queueId) });
}

export function decodeGetMinOffset(addr: string, res: RemotingCommand): bigint {
  return decodeOffsetResponse(addr, res, 'GET_MIN_OFFSET');
}
