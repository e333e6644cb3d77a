/** TopicList body (`{"topicList":[…],"brokerAddr":…}`) from GET_ALL_TOPIC_LIST_FROM_NAMESERVER and friends. */
import { asArray, asObject, asString, parseLenientJson } from './lenient-json.js';

export interface TopicList {
  topics: string[];
  /** Set by some calls (GET_SYSTEM_TOPIC_LIST_FROM_NS): a broker to ask for more. */
  brokerAddr: string | undefined;
}

export function parseTopicList(body: Buffer | string): TopicList {
  const o = asObject(parseLenientJson(body), 'TopicList');
  return {
    topics: asArray(o.topicList, 'topicList').map((t, i) => asString(t, `topicList[${i}]`)),
    brokerAddr: typeof o.brokerAddr === 'string' ? o.brokerAddr : undefined,
  };
}
