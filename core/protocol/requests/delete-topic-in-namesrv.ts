/**
 * DELETE_TOPIC_IN_NAMESRV (216) → every NameServer. Header: topic, clusterName (optional: only
 * that cluster's queue datas are removed). Idempotent.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeDeleteTopicInNamesrv(topic: string, clusterName?: string): RemotingCommand {
  return createRequest(RequestCode.DELETE_TOPIC_IN_NAMESRV, clusterName ? { topic, clusterName } : { topic });
}

export function decodeDeleteTopicInNamesrv(addr: string, res: RemotingCommand): void {
  expectSuccess(addr, res);
}
