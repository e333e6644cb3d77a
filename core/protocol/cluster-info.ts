/** ClusterInfo from GET_BROKER_CLUSTER_INFO: its brokerAddrs maps always have bare numeric keys. */
import { parseBrokerData, type BrokerData } from './route-data.js';
import { asArray, asObject, asString, parseLenientJson } from './lenient-json.js';

export interface ClusterInfo {
  brokers: BrokerData[];
  /** cluster name → broker names */
  clusters: Map<string, string[]>;
}

export function parseClusterInfo(body: Buffer | string): ClusterInfo {
  const o = asObject(parseLenientJson(body), 'ClusterInfo');
  const table = o.brokerAddrTable == null ? {} : asObject(o.brokerAddrTable, 'brokerAddrTable');
  const brokers = Object.entries(table).map(([name, b]) => parseBrokerData(b, `brokerAddrTable[${name}]`));
  const clusters = new Map<string, string[]>();
  const ct = o.clusterAddrTable == null ? {} : asObject(o.clusterAddrTable, 'clusterAddrTable');
  for (const [cluster, names] of Object.entries(ct))
    clusters.set(
      cluster,
      asArray(names, `clusterAddrTable[${cluster}]`).map((n) => asString(n, 'broker name')),
    );
  return { brokers, clusters };
}
