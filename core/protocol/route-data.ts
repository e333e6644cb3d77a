/** TopicRouteData from GET_ROUTEINFO_BY_TOPIC, parsed from standard or fastjson bare-key JSON. */
import { asArray, asNumber, asObject, asString, parseLenientJson, type LenientValue } from './lenient-json.js';

export const MASTER_ID = 0;

export interface QueueData {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

export interface BrokerData {
  cluster: string;
  brokerName: string;
  /** brokerId → address; id 0 is the master. */
  brokerAddrs: Map<number, string>;
}

export interface TopicRouteData {
  orderTopicConf?: string | undefined;
  queueDatas: QueueData[];
  brokerDatas: BrokerData[];
}

export function parseTopicRouteData(body: Buffer | string): TopicRouteData {
  const o = asObject(parseLenientJson(body), 'TopicRouteData');
  const queueDatas = asArray(o.queueDatas, 'queueDatas').map((q, i) => {
    const qo = asObject(q, `queueDatas[${i}]`);
    return {
      brokerName: asString(qo.brokerName, 'queueData.brokerName'),
      readQueueNums: asNumber(qo.readQueueNums, 'readQueueNums', 0),
      writeQueueNums: asNumber(qo.writeQueueNums, 'writeQueueNums', 0),
      perm: asNumber(qo.perm, 'perm', 0),
      // renamed topicSynFlag → topicSysFlag in 4.9.0
      topicSysFlag: asNumber(qo.topicSysFlag ?? qo.topicSynFlag, 'topicSysFlag', 0),
    };
  });
  const brokerDatas = asArray(o.brokerDatas, 'brokerDatas').map((b, i) => parseBrokerData(b, `brokerDatas[${i}]`));
  return {
    orderTopicConf: typeof o.orderTopicConf === 'string' ? o.orderTopicConf : undefined,
    queueDatas,
    brokerDatas,
  };
}

export function parseBrokerData(b: LenientValue, what: string): BrokerData {
  const bo = asObject(b, what);
  const addrs = new Map<number, string>();
  const raw = bo.brokerAddrs === undefined || bo.brokerAddrs === null ? {} : asObject(bo.brokerAddrs, `${what}.brokerAddrs`);
  for (const [id, addr] of Object.entries(raw)) addrs.set(Number(id), asString(addr, `${what}.brokerAddrs[${id}]`));
  return { cluster: typeof bo.cluster === 'string' ? bo.cluster : '', brokerName: asString(bo.brokerName, `${what}.brokerName`), brokerAddrs: addrs };
}

/** Order-independent fingerprint: routes are compared after sorting, as the Java client does. */
export function routeFingerprint(r: TopicRouteData): string {
  const q = [...r.queueDatas]
    .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
    .map((x) => `${x.brokerName}:${x.readQueueNums}:${x.writeQueueNums}:${x.perm}:${x.topicSysFlag}`);
  const b = [...r.brokerDatas]
    .sort((a, b2) => a.brokerName.localeCompare(b2.brokerName))
    .map(
      (x) =>
        `${x.brokerName}@${[...x.brokerAddrs]
          .sort((m, n) => m[0] - n[0])
          .map(([id, a]) => `${id}=${a}`)
          .join(',')}`,
    );
  return `${r.orderTopicConf ?? ''}|${q.join(';')}|${b.join(';')}`;
}

export function masterAddr(b: BrokerData): string | undefined {
  return b.brokerAddrs.get(MASTER_ID);
}
