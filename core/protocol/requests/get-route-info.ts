/**
 * GET_ROUTEINFO_BY_TOPIC (105) → NameServer.
 * Header: topic; acceptStandardJsonOnly=true (NameServer ≥ 4.9.4 then quotes map keys; older ones
 * still write bare keys, which the lenient parser accepts). TOPIC_NOT_EXIST (17) when unknown.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { parseTopicRouteData, type TopicRouteData } from '../route-data.js';
import { expectSuccess, requireBody } from './response.js';

export function encodeGetRouteInfo(topic: string): RemotingCommand {
  return createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic, acceptStandardJsonOnly: 'true' });
}

export function decodeGetRouteInfo(addr: string, res: RemotingCommand): TopicRouteData {
  expectSuccess(addr, res);
  return parseTopicRouteData(requireBody(addr, res, 'route'));
}
