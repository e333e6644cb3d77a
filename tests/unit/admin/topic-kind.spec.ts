import { describe, expect, it } from 'vitest';
import { toClusterOverview } from '../../../core/admin/cluster.js';
import { mqVersionDesc } from '../../../core/admin/broker-health.js';
import { describePerm } from '../../../core/admin/perm-view.js';
import { isInternalTopic, topicKind } from '../../../core/admin/topic-kind.js';
import { toRouteView } from '../../../core/admin/topics.js';
import { parseClusterInfo } from '../../../core/protocol/cluster-info.js';
import { parseTopicRouteData } from '../../../core/protocol/route-data.js';

describe('system topic classification', () => {
  // What a 5.5.0 NameServer lists right after start (GET_ALL_TOPIC_LIST_FROM_NAMESERVER).
  const ctx = { clusterNames: ['DefaultCluster'], brokerNames: ['broker-a', 'broker-b'] };
  it.each([
    ['TBW102', 'SYSTEM'],
    ['SCHEDULE_TOPIC_XXXX', 'SYSTEM'],
    ['BenchmarkTest', 'SYSTEM'],
    ['OFFSET_MOVED_EVENT', 'SYSTEM'],
    ['SELF_TEST_TOPIC', 'SYSTEM'],
    ['RMQ_SYS_TRANS_HALF_TOPIC', 'SYSTEM'],
    ['RMQ_SYS_ROCKSDB_TRANS_OP_HALF_TOPIC', 'SYSTEM'],
    ['rmq_sys_wheel_timer', 'SYSTEM'],
    ['rmq_sys_REVIVE_LOG_DefaultCluster', 'SYSTEM'],
    ['rmq_sys_SYNC_BROKER_MEMBER_broker-a', 'SYSTEM'],
    ['CHECKPOINT_TOPIC', 'SYSTEM'],
    ['DefaultCluster_REPLY_TOPIC', 'REPLY'],
    ['%RETRY%orders_consumer', 'RETRY'],
    ['%DLQ%orders_consumer', 'DLQ'],
    ['%LMQ%room-1', 'LMQ'],
    ['DefaultCluster', 'CLUSTER'],
    ['broker-a', 'BROKER'],
    ['Orders', 'NORMAL'],
    ['orders_rmq_sys_like', 'NORMAL'],
  ])('%s → %s', (topic, kind) => {
    expect(topicKind(topic, ctx)).toBe(kind);
    expect(isInternalTopic(topic, ctx)).toBe(kind !== 'NORMAL');
  });

  it('cluster and broker topics are only recognisable with the cluster context', () => {
    expect(topicKind('broker-a')).toBe('NORMAL');
    expect(topicKind('broker-a', { brokerNames: new Set(['broker-a']) })).toBe('BROKER');
  });
});

describe('perm decoding', () => {
  it.each([
    [6, { readable: true, writable: true, inheritable: false, priority: false, text: 'RW-' }],
    [7, { readable: true, writable: true, inheritable: true, priority: false, text: 'RWX' }],
    [4, { readable: true, writable: false, inheritable: false, priority: false, text: 'R--' }],
    [2, { readable: false, writable: true, inheritable: false, priority: false, text: '-W-' }],
    [0, { readable: false, writable: false, inheritable: false, priority: false, text: '---' }],
    [14, { readable: true, writable: true, inheritable: false, priority: true, text: 'RW-' }],
  ])('perm %d', (perm, view) => {
    expect(describePerm(perm)).toEqual({ perm, ...view });
  });
});

describe('MQVersion ordinals', () => {
  it.each([
    [409, 'V4_9_8'],
    [401, 'V4_9_4'],
    [317, 'V4_5_2'],
    [273, 'V4_3_0'],
    [413, 'V5_0_0'],
    [433, 'V5_1_0'],
    [479, 'V5_3_3'],
    [513, 'V5_5_0'],
    [412, 'V5_0_0_SNAPSHOT'],
    [121, 'ordinal 121'],
  ])('%d → %s', (ord, desc) => {
    expect(mqVersionDesc(ord)).toBe(desc);
  });
});

describe('cluster and route views', () => {
  it('groups replicas under brokers with master/slave roles', () => {
    const info = parseClusterInfo(
      '{"brokerAddrTable":{"broker-b":{"brokerAddrs":{0:"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"C1","enableActingMaster":false},' +
        '"broker-a":{"brokerAddrs":{1:"10.0.0.11:10911",0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"},' +
        '"broker-x":{"brokerAddrs":{1:"10.0.1.1:10911"},"brokerName":"broker-x","cluster":"C2"}},' +
        '"clusterAddrTable":{"C1":["broker-b","broker-a"],"C2":["broker-x"]}}',
    );
    const o = toClusterOverview(info, 'ns:9876');
    expect(o.clusters.map((c) => [c.name, c.brokerNames])).toEqual([
      ['C1', ['broker-a', 'broker-b']],
      ['C2', ['broker-x']],
    ]);
    expect(o.brokers[0]).toEqual({
      cluster: 'C1',
      brokerName: 'broker-a',
      masterAddr: '10.0.0.1:10911',
      replicas: [
        { brokerId: 0, role: 'MASTER', addr: '10.0.0.1:10911' },
        { brokerId: 1, role: 'SLAVE', addr: '10.0.0.11:10911' },
      ],
    });
    expect(o.brokers[2]!.masterAddr).toBeUndefined();
  });

  it('decodes route queue datas with perm and totals', () => {
    const route = parseTopicRouteData(
      '{"brokerDatas":[{"brokerAddrs":{"0":"a:1","1":"a2:1"},"brokerName":"broker-a","cluster":"C"},{"brokerAddrs":{"0":"b:1"},"brokerName":"broker-b","cluster":"C"}],' +
        '"queueDatas":[{"brokerName":"broker-b","perm":4,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":0},{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
    );
    const v = toRouteView('Orders', route);
    expect(v.kind).toBe('NORMAL');
    expect(v.queues.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm.text])).toEqual([
      ['broker-a', 4, 4, 'RW-'],
      ['broker-b', 2, 0, 'R--'],
    ]);
    expect(v.brokers[0]!.addrs.map((a) => a.role)).toEqual(['MASTER', 'SLAVE']);
    expect([v.totalReadQueues, v.totalWriteQueues]).toEqual([6, 4]);
  });
});
