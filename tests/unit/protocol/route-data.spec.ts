import { describe, expect, it } from 'vitest';
import { parseClusterInfo } from '../../../core/protocol/cluster-info.js';
import { parseLenientJson } from '../../../core/protocol/lenient-json.js';
import { parseTopicRouteData, routeFingerprint } from '../../../core/protocol/route-data.js';

// Real capture from apache/rocketmq issue #1445 (bare integer keys, legacy topicSynFlag).
const LEGACY =
  '{"brokerDatas":[{"brokerAddrs":{0:"172.168.0.104:10911",1:"172.168.0.105:10911"},"brokerName":"yinchongyuandeMacBook-Pro.local","cluster":"DefaultCluster"}],' +
  '"filterServerTable":{},"queueDatas":[{"brokerName":"yinchongyuandeMacBook-Pro.local","perm":6,"readQueueNums":4,"topicSynFlag":0,"writeQueueNums":4}]}';

describe('TopicRouteData parsing', () => {
  it('accepts bare integer map keys that JSON.parse rejects', () => {
    expect(() => JSON.parse(LEGACY)).toThrow(SyntaxError);
    const r = parseTopicRouteData(LEGACY);
    expect(r.brokerDatas[0]!.brokerAddrs.get(0)).toBe('172.168.0.104:10911');
    expect(r.brokerDatas[0]!.brokerAddrs.get(1)).toBe('172.168.0.105:10911');
    expect(r.queueDatas[0]).toEqual({ brokerName: 'yinchongyuandeMacBook-Pro.local', perm: 6, readQueueNums: 4, writeQueueNums: 4, topicSysFlag: 0 });
  });

  it('parses the standard form with 5.x extra fields', () => {
    const r = parseTopicRouteData(
      '{"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":8,"topicSysFlag":0,"writeQueueNums":8}]}',
    );
    expect(r.brokerDatas[0]!.brokerAddrs.get(0)).toBe('127.0.0.1:10911');
    expect(r.queueDatas[0]!.writeQueueNums).toBe(8);
  });

  it('fingerprints ignore list order', () => {
    const a = parseTopicRouteData('{"brokerDatas":[{"brokerAddrs":{0:"a:1"},"brokerName":"a"},{"brokerAddrs":{0:"b:1"},"brokerName":"b"}],"queueDatas":[]}');
    const b = parseTopicRouteData('{"brokerDatas":[{"brokerAddrs":{0:"b:1"},"brokerName":"b"},{"brokerAddrs":{0:"a:1"},"brokerName":"a"}],"queueDatas":[]}');
    expect(routeFingerprint(a)).toBe(routeFingerprint(b));
  });

  it('fails clearly on a truncated body', () => {
    expect(() => parseTopicRouteData(LEGACY.slice(0, 60))).toThrow(/malformed JSON body/);
  });
});

describe('lenient JSON', () => {
  it('keeps object keys as canonical text and big integers exact', () => {
    const v = parseLenientJson('{"offsetTable":{{"topic":"T","brokerName":"b","queueId":0}:{"maxOffset":9007199254740993,"minOffset":0}}}') as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    const key = Object.keys(v.offsetTable!)[0]!;
    expect(JSON.parse(key)).toEqual({ brokerName: 'b', queueId: 0, topic: 'T' });
    expect(v.offsetTable![key]!.maxOffset).toBe(9007199254740993n);
  });

  it('parses ClusterInfo with bare broker ids', () => {
    const c = parseClusterInfo(
      '{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}',
    );
    expect(c.brokers[0]!.brokerAddrs.get(0)).toBe('127.0.0.1:10911');
    expect(c.clusters.get('DefaultCluster')).toEqual(['broker-a']);
  });
});
