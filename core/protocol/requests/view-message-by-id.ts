/**
 * VIEW_MESSAGE_BY_ID (33) → the broker that stored the message (address from the offsetMsgId).
 * Header: offset (commit-log offset from the offsetMsgId); 5.x also topic (optional, for ACL).
 * Body: one stored message. SYSTEM_ERROR (1) "can not find message by the offset" when absent.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { decodeStoredMessage, type StoredMessage } from '../stored-message.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeViewMessageById(commitLogOffset: bigint, topic?: string): RemotingCommand {
  return createRequest(RequestCode.VIEW_MESSAGE_BY_ID, topic ? { topic, offset: commitLogOffset.toString() } : { offset: commitLogOffset.toString() });
}

export function decodeViewMessageById(addr: string, res: RemotingCommand): StoredMessage {
  expectSuccess(addr, res);
  return decodeStoredMessage(requireBody(addr, res, 'message')).message;
}
