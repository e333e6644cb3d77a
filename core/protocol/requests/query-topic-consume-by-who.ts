/**
 * QUERY_TOPIC_CONSUME_BY_WHO (300) → each broker of the topic. Header: topic. Body: GroupList JSON
 * `{"groupList":["g1","g2"]}` — the groups online for the topic plus every group with an offset
 * committed on it (so a consumer that has exited still counts).
 */
import { ProtocolError } from '../../errors.js';
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeQueryTopicConsumeByWho(topic: string): RemotingCommand {
  return createRequest(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, { topic });
}

export function decodeQueryTopicConsumeByWho(addr: string, res: RemotingCommand): string[] {
  expectSuccess(addr, res);
  if (!res.body || res.body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    throw new ProtocolError(`${addr} answered QUERY_TOPIC_CONSUME_BY_WHO with a body that is not JSON: ${(e as Error).message}`);
  }
  const list = (parsed as { groupList?: unknown } | null)?.groupList ?? [];
  if (!Array.isArray(list)) throw new ProtocolError(`${addr} answered QUERY_TOPIC_CONSUME_BY_WHO with a groupList that is not an array`);
  return [...new Set(list.filter((g): g is string => typeof g === 'string' && g.length > 0))].sort();
}
