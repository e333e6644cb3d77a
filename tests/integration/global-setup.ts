/**
 * Once for all integration files (which run in parallel, each on the cluster profile it names):
 * start (or reuse) the main cluster and build the Java reader before any file needs them. On CI,
 * stop every other profile at the end: the files that alone use a profile stop it themselves as
 * soon as they are done; one shared by several files (acl) is stopped here.
 */
import { ensureJavaPeer } from '../java-peer/java-peer.js';
import { PROFILES, startCluster, stopCluster } from '../cluster/cluster.js';

export default async function setup(): Promise<() => Promise<void>> {
  const [c] = await Promise.all([startCluster('main'), ensureJavaPeer()]);
  process.env.NAMESRV_ADDR = c.namesrvAddr;
  return async () => {
    if (!process.env.CI) return;
    // main stays: the end-to-end tests and the bench check use it next.
    for (const name of Object.keys(PROFILES)) if (name !== 'main') await stopCluster(name);
  };
}
