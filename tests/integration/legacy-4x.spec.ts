/**
 * RocketMQ 4.9.7 on the wire, in CI: the `legacy` cluster runs in a private network namespace
 * (`unshare -n`, loopback up; 4.x brokers cannot bind to loopback only), where tests/legacy/wire-4x.ts
 * sends every message kind with our CLI and reads it back with 4.9.7's mqadmin. The jars are
 * resolved here first (the namespace has no network). Where the namespace cannot be made (not
 * root, no unshare), this fails and says so: it never skips.
 */
import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureJars } from '../cluster/cluster.js';

const VERSION = '4.9.7';
const results = new Map<string, { ok: boolean; detail: unknown }>();
let runnerOutput = '';

beforeAll(async () => {
  ensureJars(VERSION);
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && echo netns-ok'], { encoding: 'utf8' });
  if (probe.stdout?.trim() !== 'netns-ok') {
    throw new Error(
      `the 4.9.x suite needs a private network namespace (unshare -n, then ip link set lo up) and could not make one: ` +
        `${probe.error?.message ?? probe.stderr?.trim() ?? `exit ${probe.status}`}. Run the tests as root (CI does) on Linux with util-linux and iproute2.`,
    );
  }
  const child = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec npx tsx tests/legacy/wire-4x.ts'], {
    env: { ...process.env, ROCKETMQ_VERSION: VERSION, ROCKETMQ_CLUSTER: 'legacy', NAMESRV_ADDR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => chunks.push(b.toString('utf8')));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  runnerOutput = chunks.join('');
  for (const line of runnerOutput.split('\n')) {
    if (!line.startsWith('{"case"')) continue;
    const o = JSON.parse(line) as { case: string; ok: boolean; detail: unknown };
    results.set(o.case, { ok: o.ok, detail: o.detail });
  }
  if (code !== 0) throw new Error(`the 4.9.x runner exited ${code}:\n${runnerOutput.slice(-4000)}`);
}, 600_000);

function passed(name: string): void {
  const r = results.get(name);
  expect(r, `case '${name}' did not run; runner output:\n${runnerOutput.slice(-3000)}`).toBeDefined();
  expect(r!.ok, `case '${name}': ${JSON.stringify(r!.detail).slice(0, 2000)}`).toBe(true);
}

describe(`RocketMQ ${VERSION} (private network namespace, ACL 1.0)`, () => {
  it('the cluster is 4.9.7 and mqadmin (signed as the ACL admin) creates the topic', () => {
    passed('cluster-version');
    passed('create-topic');
  });
  it('properties with odd characters are stored as sent', () => passed('odd-properties'));
  it('a zlib-compressed body is inflated by 4.9.7', () => passed('compressed-zlib'));
  it('a batch of 3 gets 3 ids', () => passed('batch'));
  it('a delay level is stored as DELAY', () => passed('delay-level'));
  it('ordered sends by key stay on one queue', () => passed('ordered'));
  it('both header serializations (ROCKETMQ and JSON) are stored', () => {
    passed('rocketmq-headers');
    passed('json-headers');
  });
  it('deliver-at against 4.x is refused before sending, with the reason', () => passed('deliver-at-refused'));
  it('ACL 1.0: every send above was signed; a wrong secret key and an unsigned send are refused clearly', () => {
    passed('acl-wrong-key');
    passed('acl-unsigned');
  });
});
