/** GET_BROKER_RUNTIME_INFO (28) → broker. No header; body KVTable of string stats (see broker-runtime-info.ts). */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { parseBrokerRuntimeInfo, type BrokerRuntimeInfo } from '../broker-runtime-info.js';
import { RequestCode } from '../codes.js';
import { parseKVTable } from '../kv-table.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeGetBrokerRuntimeInfo(): RemotingCommand {
  return createRequest(RequestCode.GET_BROKER_RUNTIME_INFO);
}

export function decodeGetBrokerRuntimeInfo(addr: string, res: RemotingCommand): BrokerRuntimeInfo {
  expectSuccess(addr, res);
  return parseBrokerRuntimeInfo(parseKVTable(requireBody(addr, res, 'runtime info')));
}
