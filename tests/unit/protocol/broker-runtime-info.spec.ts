import { describe, expect, it } from 'vitest';
import { parseBrokerRuntimeInfo, parseDistributeTime, parseTps } from '../../../core/protocol/broker-runtime-info.js';
import { parseKVTable } from '../../../core/protocol/kv-table.js';
import { parseTopicList } from '../../../core/protocol/topic-list.js';
import { parseTopicStatsTable } from '../../../core/protocol/topic-stats.js';

// GET_BROKER_RUNTIME_INFO body of a RocketMQ 5.5.0 broker, captured from the local cluster.
const RUNTIME_5_5_0 =
  '{"table":{"msgPutTotalTodayNow":"0","brokerActive":"true","sendThreadPoolQueueHeadWaitTimeMills":"0","putMessageDistributeTime":"[<=0ms]:0 [0~10ms]:0 [10~50ms]:0 [50~100ms]:0 [100~200ms]:0 [200~500ms]:0 [500ms~1s]:0 [1~2s]:0 [2~3s]:0 [3~4s]:0 [4~5s]:0 [5~10s]:0 [10s~]:0 ","queryThreadPoolQueueHeadWaitTimeMills":"0","remainHowManyDataToFlush":"0 B","msgGetTotalTodayNow":"0","timerEnqueueTps":"0.0","queryThreadPoolQueueSize":"0","timerOffsetBehind":"0","bootTimestamp":"1795305876349","msgPutTotalYesterdayMorning":"0","msgGetTotalYesterdayMorning":"0","pullThreadPoolQueueSize":"0","commitLogMinOffset":"-1","pullThreadPoolQueueHeadWaitTimeMills":"0","runtime":"[ 0 days, 0 hours, 4 minutes, 17 seconds ]","dispatchMaxBuffer":"0","putTps":"0.0 0.0 ","getTransferredTps":"0.0 0.0 ","getMissTps":"45.66975734858947 42.0550653839124 ","litePullThreadPoolQueueHeadWaitTimeMills":"0","EndTransactionQueueSize":"0","getTotalTps":"45.66975734858947 42.0550653839124 0.0","consumeQueueDiskRatio":"0.14","litePullThreadPoolQueueSize":"0","pageCacheLockTimeMills":"0","ackThreadPoolQueueSize":"0","commitLogDiskRatio":"0.14","getFoundTps":"0.0 0.0 ","EndTransactionThreadPoolQueueCapacity":"100000","ackThreadPoolQueueHeadWaitTimeMills":"0","commitLogDiskRatio_/tmp/rocketmq-workbench/main/broker-a/store/commitlog":"0.14","putMessageFailedTimes":"0","putLatency999":"0.00","timerReadBehind":"0","commitLogMaxOffset":"0","getMessageEntireTimeMax":"19","msgPutTotalTodayMorning":"0","putMessageTimesTotal":"1","putLatency99":"0.00","msgGetTotalTodayMorning":"0","brokerVersionDesc":"V5_5_0","startAcceptSendRequestTimeStamp":"0","sendThreadPoolQueueSize":"0","putMessageEntireTimeMax":"0","earliestMessageTimeStamp":"-1","commitLogDirCapacity":"Total : 252.0 GiB, Free : 239.5 GiB.","timerCongestNum":"0","remainTransientStoreBufferNumbs":"2147483647","ackThreadPoolQueueCapacity":"100000","queryThreadPoolQueueCapacity":"20000","putMessageAverageSize":"0.0","dispatchBehindBytes":"0","putMessageSizeTotal":"0","sendThreadPoolQueueCapacity":"10000","timerDequeueTps":"0.0","pullThreadPoolQueueCapacity":"100000","litePullThreadPoolQueueCapacity":"100000"}}';

describe('broker runtime info', () => {
  it('types the 5.5.0 table and keeps every raw key', () => {
    const raw = parseKVTable(RUNTIME_5_5_0);
    const info = parseBrokerRuntimeInfo(raw);
    expect(info.brokerVersionDesc).toBe('V5_5_0');
    expect(info.brokerVersion).toBeUndefined();
    expect(info.brokerActive).toBe(true);
    expect(info.bootTimestamp).toBe(1795305876349);
    expect(info.runtime).toBe('[ 0 days, 0 hours, 4 minutes, 17 seconds ]');
    // the 600 s window is empty until the broker has ten minutes of samples
    expect(info.putTps).toEqual({ tps10s: 0, tps60s: 0, tps600s: undefined });
    expect(info.getTotalTps).toEqual({ tps10s: 45.66975734858947, tps60s: 42.0550653839124, tps600s: 0 });
    expect(info.commitLogDiskRatio).toBe(0.14);
    expect(info.commitLogDirCapacity).toEqual({ total: '252.0 GiB', free: '239.5 GiB' });
    expect(info.pageCacheLockTimeMills).toBe(0);
    expect(info.commitLogMinOffset).toBe(-1n);
    expect(info.commitLogMaxOffset).toBe(0n);
    expect(info.earliestMessageTimeStamp).toBe(-1);
    expect(info.store.putMessageTimesTotal).toBe(1);
    expect(info.store.putLatency99).toBe(0);
    expect(info.store.putMessageDistributeTime['<=0ms']).toBe(0);
    expect(Object.keys(info.store.putMessageDistributeTime)).toHaveLength(13);
    expect(info.store.remainHowManyDataToFlush).toBe('0 B');
    expect(info.threadPools.send).toEqual({ size: 0, capacity: 10000, headWaitTimeMills: 0 });
    expect(info.threadPools.query.capacity).toBe(20000);
    expect(info.threadPools.endTransaction).toEqual({ size: 0, capacity: 100000, headWaitTimeMills: undefined });
    expect(info.timer).toEqual({ readBehind: 0, offsetBehind: 0, congestNum: 0, enqueueTps: 0, dequeueTps: 0 });
    expect(info.raw['commitLogDiskRatio_/tmp/rocketmq-workbench/main/broker-a/store/commitlog']).toBe('0.14');
    expect(Object.keys(info.raw)).toHaveLength(Object.keys(JSON.parse(RUNTIME_5_5_0).table).length);
  });

  it('tolerates missing, garbled and unknown keys (4.x brokerVersion, future fields)', () => {
    const info = parseBrokerRuntimeInfo({
      brokerVersion: '409',
      brokerVersionDesc: 'V4_9_8',
      putTps: 'n/a',
      commitLogDiskRatio: '',
      bootTimestamp: '12abc',
      futureKey: 'x',
    });
    expect(info.brokerVersion).toBe(409);
    expect(info.putTps).toEqual({ tps10s: undefined, tps60s: undefined, tps600s: undefined });
    expect(info.commitLogDiskRatio).toBeUndefined();
    expect(info.bootTimestamp).toBeUndefined();
    expect(info.brokerActive).toBeUndefined();
    expect(info.commitLogDirCapacity).toBeUndefined();
    expect(info.raw.futureKey).toBe('x');
  });

  it('parses TPS windows and latency buckets', () => {
    expect(parseTps('1.5 2 3.25')).toEqual({ tps10s: 1.5, tps60s: 2, tps600s: 3.25 });
    expect(parseTps(undefined)).toEqual({ tps10s: undefined, tps60s: undefined, tps600s: undefined });
    expect(parseDistributeTime('[<=0ms]:16 [0~10ms]:4 [10s~]:1 ')).toEqual({ '<=0ms': 16, '0~10ms': 4, '10s~': 1 });
  });

  it('keeps non-string KV values as text', () => {
    expect(parseKVTable('{"table":{"a":1,"b":true,"c":null,"d":12345678901234567890}}')).toEqual({ a: '1', b: 'true', c: '', d: '12345678901234567890' });
    expect(parseKVTable('{}')).toEqual({});
  });
});

describe('admin bodies', () => {
  it('parses a 5.5.0 TopicStatsTable with MessageQueue objects as keys', () => {
    // Captured body (GET_TOPIC_STATS_INFO, 5.5.0) — JSON.parse rejects it.
    const body =
      '{"offsetTable":{{"brokerName":"broker-b","queueId":2,"topic":"ExploreT_1795306134285"}:{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0},{"brokerName":"broker-b","queueId":3,"topic":"ExploreT_1795306134285"}:{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0},{"brokerName":"broker-b","queueId":0,"topic":"ExploreT_1795306134285"}:{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0},{"brokerName":"broker-b","queueId":1,"topic":"ExploreT_1795306134285"}:{"lastUpdateTimestamp":1795306134533,"maxOffset":1,"minOffset":0}},"topicPutTps":0.0}';
    expect(() => JSON.parse(body)).toThrow(SyntaxError);
    const t = parseTopicStatsTable(body);
    expect(t.topicPutTps).toBe(0);
    expect(t.offsets.map((o) => o.queueId)).toEqual([0, 1, 2, 3]);
    expect(t.offsets[1]).toEqual({
      topic: 'ExploreT_1795306134285',
      brokerName: 'broker-b',
      queueId: 1,
      minOffset: 0n,
      maxOffset: 1n,
      lastUpdateTimestamp: 1795306134533,
    });
  });

  it('keeps offsets beyond 2^53 exact and tolerates key order and 4.x bodies without topicPutTps', () => {
    const t = parseTopicStatsTable(
      '{"offsetTable":{{"topic":"T","queueId":0,"brokerName":"b"}:{"minOffset":9007199254740993,"maxOffset":9223372036854775807,"lastUpdateTimestamp":1}}}',
    );
    expect(t.offsets[0]!.minOffset).toBe(9007199254740993n);
    expect(t.offsets[0]!.maxOffset).toBe(9223372036854775807n);
    expect(t.topicPutTps).toBeUndefined();
  });

  it('parses topic lists (with and without brokerAddr)', () => {
    expect(parseTopicList('{"topicList":["A","B"]}')).toEqual({ topics: ['A', 'B'], brokerAddr: undefined });
    expect(parseTopicList('{"brokerAddr":"127.0.0.1:10921","topicList":["broker-b"]}').brokerAddr).toBe('127.0.0.1:10921');
  });
});
