/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29) → broker. Header SearchOffsetRequestHeader: topic, queueId,
 * timestamp (epoch ms of store time); 5.x adds boundaryType ("LOWER" default: the first offset
 * stored at or after the time; "UPPER": the last stored at or before). Older brokers ignore it.
 * Response header: offset.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { decodeOffsetResponse } from './get-max-offset.js';

export type BoundaryType = 'LOWER' | 'UPPER';

export function encodeSearchOffsetByTimestamp(topic: string, queueId: number, timestamp: number, boundaryType: BoundaryType = 'LOWER'): RemotingCommand {
  return createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, {
    topic,
    queueId: String(queueId),
    timestamp: BigInt(Math.trunc(timestamp)).toString(),
    boundaryType,
  });
}

export function decodeSearchOffsetByTimestamp(addr: string, res: RemotingCommand): bigint {
  return decodeOffsetResponse(addr, res, 'SEARCH_OFFSET_BY_TIMESTAMP');
}
