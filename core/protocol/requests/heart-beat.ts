/**
 * HEART_BEAT (34) → broker master. No header; body HeartbeatData JSON
 * {clientID, producerDataSet:[{groupName}], consumerDataSet:[]}. The response's `version` is the
 * broker's MQVersion ordinal.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeHeartbeat(clientID: string, producerGroups: string[]): RemotingCommand {
  const body = JSON.stringify({ clientID, consumerDataSet: [], producerDataSet: producerGroups.map((groupName) => ({ groupName })) });
  return createRequest(RequestCode.HEART_BEAT, undefined, Buffer.from(body, 'utf8'));
}

export function decodeHeartbeat(addr: string, res: RemotingCommand): { brokerVersion: number } {
  expectSuccess(addr, res);
  return { brokerVersion: res.version };
}
