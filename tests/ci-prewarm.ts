/**
 * CI only (.ci/run starts it beside `npm ci`): `npm ci` compiles better-sqlite3 on one core for
 * about a minute and a half, so the other core starts the main RocketMQ cluster and builds the
 * Java peer meanwhile. Neither needs node_modules (Java, Maven and the tsx runner only). Best
 * effort: `npm test` reuses what is ready (a running cluster, an up-to-date build) and does the
 * rest itself, so a failure here only costs the time it would have saved.
 */
import { startCluster } from './cluster/cluster.js';
import { ensureJavaPeer } from './java-peer/java-peer.js';

const t0 = Date.now();
const [cluster, peer] = await Promise.all([startCluster('main'), ensureJavaPeer()]);
process.stdout.write(
  `prewarm: main cluster ${cluster.namesrvAddr} (${cluster.reused ? 'reused' : 'started'}), Java peer ${peer.built ? 'built' : 'up to date'}, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
);
