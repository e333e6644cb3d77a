/** GET_BROKER_CLUSTER_INFO as ops read it: clusters → brokers → replicas (id 0 master, others slaves). */
import type { ClusterInfo } from '../protocol/cluster-info.js';
import { MASTER_ID } from '../protocol/route-data.js';
import { fetchClusterInfo, type AdminContext } from './context.js';

export interface BrokerReplica {
  brokerId: number;
  role: 'MASTER' | 'SLAVE';
  addr: string;
}

export interface BrokerView {
  cluster: string;
  brokerName: string;
  masterAddr: string | undefined;
  /** Sorted by broker id. */
  replicas: BrokerReplica[];
}

export interface ClusterView {
  name: string;
  brokerNames: string[];
  brokers: BrokerView[];
}

export interface ClusterOverview {
  /** NameServer that answered. */
  namesrvAddr: string;
  clusters: ClusterView[];
  /** Every broker, sorted by cluster then name. */
  brokers: BrokerView[];
}

export function toClusterOverview(info: ClusterInfo, namesrvAddr: string): ClusterOverview {
  const brokers: BrokerView[] = info.brokers
    .map((b) => {
      const replicas = [...b.brokerAddrs]
        .sort((x, y) => x[0] - y[0])
        .map(([brokerId, addr]): BrokerReplica => ({ brokerId, role: brokerId === MASTER_ID ? 'MASTER' : 'SLAVE', addr }));
      return { cluster: b.cluster, brokerName: b.brokerName, masterAddr: b.brokerAddrs.get(MASTER_ID), replicas };
    })
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.brokerName.localeCompare(b.brokerName));
  const byName = new Map(brokers.map((b) => [b.brokerName, b]));
  const names = new Set<string>([...info.clusters.keys(), ...brokers.map((b) => b.cluster).filter((c) => c !== '')]);
  const clusters: ClusterView[] = [...names].sort().map((name) => {
    const listed = info.clusters.get(name) ?? brokers.filter((b) => b.cluster === name).map((b) => b.brokerName);
    const brokerNames = [...new Set(listed)].sort();
    return {
      name,
      brokerNames,
      brokers: brokerNames.map((n) => byName.get(n)).filter((b): b is BrokerView => b !== undefined),
    };
  });
  return { namesrvAddr, clusters, brokers };
}

export async function clusterOverview(ctx: AdminContext): Promise<ClusterOverview> {
  const { addr, value } = await fetchClusterInfo(ctx);
  return toClusterOverview(value, addr);
}
