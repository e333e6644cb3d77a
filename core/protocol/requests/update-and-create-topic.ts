/**
 * UPDATE_AND_CREATE_TOPIC (17) → broker (master). Header CreateTopicRequestHeader: topic,
 * defaultTopic (TBW102), readQueueNums, writeQueueNums, perm, topicFilterType ("SINGLE_TAG"),
 * topicSysFlag, order; 5.x optional attributes ("+message.type=FIFO,+k=v") and force.
 * The broker validates the name (INVALID_PARAMETER 29, also for system topics), stores the config
 * and re-registers with the NameServers. 5.5.0 answers SUCCESS with the remark
 * "not set any response code" — ignore the remark on success.
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export interface CreateTopicHeader {
  topic: string;
  defaultTopic?: string | undefined;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag?: number | undefined;
  order?: boolean | undefined;
  /** Topic attributes (5.x): name → value, sent as "+name=value" additions. */
  attributes?: Record<string, string> | undefined;
}

export function encodeAttributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${k.startsWith('+') || k.startsWith('-') ? k : `+${k}`}=${v}`)
    .join(',');
}

export function encodeUpdateAndCreateTopic(h: CreateTopicHeader): RemotingCommand {
  const ext: Record<string, string> = {
    topic: h.topic,
    defaultTopic: h.defaultTopic ?? 'TBW102',
    readQueueNums: String(h.readQueueNums),
    writeQueueNums: String(h.writeQueueNums),
    perm: String(h.perm),
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: String(h.topicSysFlag ?? 0),
    order: String(h.order ?? false),
  };
  if (h.attributes && Object.keys(h.attributes).length > 0) ext.attributes = encodeAttributes(h.attributes);
  return createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, ext);
}

export function decodeUpdateAndCreateTopic(addr: string, res: RemotingCommand): void {
  expectSuccess(addr, res);
}
