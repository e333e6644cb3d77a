/**
 * GET_MAX_OFFSET (30) → broker. Header: topic, queueId (5.x also `committed`, default true: the
 * offset replicas have confirmed). Response header: offset — the next offset to be written.
 */
import { ProtocolError } from '../../errors.js';
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeGetMaxOffset(topic: string, queueId: number): RemotingCommand {
  return createRequest(RequestCode.GET_MAX_OFFSET, { topic, queueId: String(queueId) });
}

export function decodeOffsetResponse(addr: string, res: RemotingCommand, what = 'offset'): bigint {
  expectSuccess(addr, res);
  const v = res.extFields?.offset;
  if (v === undefined || !/^-?\d+$/.test(v)) throw new ProtocolError(`${addr} answered ${what} without a numeric 'offset' field`);
  return BigInt(v);
}

export function decodeGetMaxOffset(addr: string, res: RemotingCommand): bigint {
  return decodeOffsetResponse(addr, res, 'GET_MAX_OFFSET');
}
