/**
 * GET_TOPIC_STATS_INFO (202) → broker. Header: topic. Body TopicStatsTable with MessageQueue
 * objects as map keys (never standard JSON). TOPIC_NOT_EXIST (17) when the broker lacks the topic.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { parseTopicStatsTable, type TopicStatsTable } from '../topic-stats.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeGetTopicStatsInfo(topic: string): RemotingCommand {
  return createRequest(RequestCode.GET_TOPIC_STATS_INFO, { topic });
}

export function decodeGetTopicStatsInfo(addr: string, res: RemotingCommand): TopicStatsTable {
  expectSuccess(addr, res);
  return parseTopicStatsTable(requireBody(addr, res, 'topic stats'));
}
