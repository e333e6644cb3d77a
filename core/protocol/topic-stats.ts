/**
 * TopicStatsTable from GET_TOPIC_STATS_INFO. fastjson writes MessageQueue objects as map keys:
 * `{"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:{"lastUpdateTimestamp":…,"maxOffset":…,"minOffset":…}},"topicPutTps":0.0}`;
 * the lenient parser turns each key into canonical JSON text, parsed again here.
 */
import { ProtocolError } from '../errors.js';
import { asBigInt, asNumber, asObject, asString, parseLenientJson } from './lenient-json.js';

export interface TopicQueueOffset {
  topic: string;
  brokerName: string;
  queueId: number;
  minOffset: bigint;
  maxOffset: bigint;
  /** Store time of the last message in the queue (epoch ms); 0 when the queue is empty. */
  lastUpdateTimestamp: number;
}

export interface TopicStatsTable {
  offsets: TopicQueueOffset[];
  /** 5.x: put TPS of the topic on this broker. */
  topicPutTps: number | undefined;
}

export function parseTopicStatsTable(body: Buffer | string): TopicStatsTable {
  const o = asObject(parseLenientJson(body), 'TopicStatsTable');
  const table = o.offsetTable == null ? {} : asObject(o.offsetTable, 'offsetTable');
  const offsets: TopicQueueOffset[] = [];
  for (const [key, value] of Object.entries(table)) {
    let mq: unknown;
    try {
      mq = JSON.parse(key);
    } catch (e) {
      throw new ProtocolError(`offsetTable key is not a MessageQueue object: ${key.slice(0, 80)}`, e);
    }
    const k = asObject(mq as never, 'offsetTable key');
    const v = asObject(value, `offsetTable[${key}]`);
    offsets.push({
      topic: asString(k.topic, 'MessageQueue.topic'),
      brokerName: asString(k.brokerName, 'MessageQueue.brokerName'),
      queueId: asNumber(k.queueId, 'MessageQueue.queueId'),
      minOffset: asBigInt(v.minOffset ?? 0, 'minOffset'),
      maxOffset: asBigInt(v.maxOffset ?? 0, 'maxOffset'),
      lastUpdateTimestamp: asNumber(v.lastUpdateTimestamp, 'lastUpdateTimestamp', 0),
    });
  }
  offsets.sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.queueId - b.queueId);
  return { offsets, topicPutTps: typeof o.topicPutTps === 'number' ? o.topicPutTps : undefined };
}
