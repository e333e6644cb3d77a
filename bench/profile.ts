/**
 * `npm run bench:profile [-- --mode=async|sync|oneway|batch] [--window=1024] [--batch=16] [--size=128] [--seconds=5] [--headers=JSON|ROCKETMQ] [--no-profile]`
 *
 * Profiles our producer's hot path without a real broker: sends against the null broker for a few
 * seconds under the V8 sampling profiler (node:inspector, the same data as `node --cpu-prof`),
 * writes bench/results/profiles/<stamp>.cpuprofile (open it in Chrome DevTools) and prints the
 * functions with the most self time, plus msg/s and CPU per 100k so a change can be re-measured.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import { DefaultMQProducer } from '../core/index.js';
import { writeBodies } from './cases.js';
import { startNullBroker } from './null-broker-process.js';
import { BENCH_DIR } from './peer-process.js';

const opt = (n: string, d: string) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3) ?? d;
const mode = opt('mode', 'async');
const window = Number(opt('window', mode === 'sync' ? '64' : mode === 'batch' ? '8' : '1024'));
const size = Number(opt('size', '128'));
// The bench's own JSON-like bodies, so compression (on for bodies ≥ 4 KiB here, as by default) sees real text.
const body = readFileSync(writeBodies(join(tmpdir(), 'rocketmq-workbench', 'bench-bodies'), [size]).get(size)!);
const seconds = Number(opt('seconds', '5'));
const batch = Number(opt('batch', '16'));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function (summed over its nodes), as a share of all samples. */
function topSelf(profile: { nodes: ProfileNode[] }, n: number): string[] {
  const by = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const f = node.callFrame;
    const where = f.url ? `${relative(process.cwd(), f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    by.set(key, (by.get(key) ?? 0) + hits);
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, h]) => `${((100 * h) / total).toFixed(1).padStart(5)} %  ${k}`);
}

async function run(p: DefaultMQProducer, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let acked = 0;
  const msg = { topic: 'ProfileTopic', body };
  const per = mode === 'batch' ? batch : 1;
  const one =
    mode === 'sync'
      ? () => p.send(msg)
      : mode === 'oneway'
        ? () => p.sendOneway(msg)
        : mode === 'batch'
          ? () => p.send(Array.from({ length: batch }, () => msg))
          : () => p.sendAsync(msg);
  const sender = async () => {
    while (performance.now() < end) {
      await one();
      acked += per;
    }
  };
  await Promise.all(Array.from({ length: window }, sender));
  return acked;
}

const nb = await startNullBroker();
const serializeType = opt('headers', 'JSON') === 'ROCKETMQ' ? 'ROCKETMQ' : 'JSON';
const p = new DefaultMQProducer({ namesrvAddr: `127.0.0.1:${nb.port}`, producerGroup: 'profile_group', instanceName: `profile-${process.pid}`, serializeType });
try {
  await p.start();
  await run(p, 1500); // warm-up (JIT, connections, route)
  const label = `${mode}${mode === 'batch' ? ` of ${batch}` : ''} window ${window}, ${body.length} B, null broker`;
  const measure = async () => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const acked = await run(p, seconds * 1000);
    const cpu = process.cpuUsage(cpu0);
    return `${Math.round(acked / ((performance.now() - t0) / 1000)).toLocaleString('en-US')} msg/s, ${(((cpu.user + cpu.system) / 1e6 / acked) * 1e5).toFixed(2)} CPU s/100k`;
  };
  if (process.argv.includes('--no-profile')) {
    // Just the rate, for before/after comparisons without the profiler's overhead.
    console.log(`${label}: ${await measure()}`);
  } else {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const figures = await measure();
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const dir = join(BENCH_DIR, 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = join(
      dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${mode}${mode === 'batch' ? `${batch}x` : ''}${window}-${body.length}B.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${label}: ${figures} (profiler on)`);
    console.log(`profile: ${relative(process.cwd(), file)}\n\nself time:`);
    for (const l of topSelf(profile as unknown as { nodes: ProfileNode[] }, 25)) console.log(l);
  }
} finally {
  await p.shutdown().catch(() => {});
  nb.stop();
}
