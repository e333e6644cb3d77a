/**
 * Once per run: build the renderer when out/renderer is missing or older than its sources, and
 * start (or reuse) the main RocketMQ cluster. The e2e cluster for the broker-kill test is started
 * by that test itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mqadmin, startCluster } from '../cluster/cluster.js';

/** On both brokers of the main cluster, 4 queues each; the tests send to it. */
export const E2E_TOPIC = 'E2ETopic';

const root = resolve(import.meta.dirname, '../..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default async function globalSetup(): Promise<void> {
  const built = join(root, 'out/renderer/index.html');
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest(join(root, 'renderer')), newest(join(root, 'electron/common')));
  if (stale || process.env.E2E_BUILD === '1') {
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the renderer failed');
  }
  const c = await startCluster('main');
  process.stdout.write(`e2e: cluster ${c.namesrvAddr} (${c.reused ? 'reused' : 'started'})\n`);
  const t = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', E2E_TOPIC, '-r', '4', '-w', '4']);
  if (t.status !== 0) throw new Error(`creating ${E2E_TOPIC} failed: ${t.stdout}${t.stderr}`);
}
