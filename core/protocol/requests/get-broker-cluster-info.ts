/** GET_BROKER_CLUSTER_INFO (106) → NameServer. No header; body ClusterInfo (bare numeric keys). */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { parseClusterInfo, type ClusterInfo } from '../cluster-info.js';
import { RequestCode } from '../codes.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeGetBrokerClusterInfo(): RemotingCommand {
  return createRequest(RequestCode.GET_BROKER_CLUSTER_INFO);
}

export function decodeGetBrokerClusterInfo(addr: string, res: RemotingCommand): ClusterInfo {
  expectSuccess(addr, res);
  return parseClusterInfo(requireBody(addr, res, 'cluster info'));
}
