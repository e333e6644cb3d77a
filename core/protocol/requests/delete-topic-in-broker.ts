/** DELETE_TOPIC_IN_BROKER (215) → every broker holding the topic (masters and slaves). Header: topic. Idempotent. */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeDeleteTopicInBroker(topic: string): RemotingCommand {
  return createRequest(RequestCode.DELETE_TOPIC_IN_BROKER, { topic });
}

export function decodeDeleteTopicInBroker(addr: string, res: RemotingCommand): void {
  expectSuccess(addr, res);
}
