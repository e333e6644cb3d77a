/** Starts (or reuses) the real local cluster once for all integration tests. */
import { startCluster } from '../cluster/cluster.js';

export default async function setup(): Promise<void> {
  const c = await startCluster('main');
  process.env.NAMESRV_ADDR = c.namesrvAddr;
}
