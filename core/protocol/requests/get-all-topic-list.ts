/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) → NameServer. No header; body TopicList `{"topicList":[…]}`. */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { parseTopicList, type TopicList } from '../topic-list.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeGetAllTopicList(): RemotingCommand {
  return createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER);
}

export function decodeGetAllTopicList(addr: string, res: RemotingCommand): TopicList {
  expectSuccess(addr, res);
  return parseTopicList(requireBody(addr, res, 'topic list'));
}
