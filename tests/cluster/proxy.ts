/**
 * rocketmq-proxy (the gRPC endpoint Apache's 5.x clients need) in cluster mode, pointing at a
 * profile's NameServer. Resolved from Maven Central like the cluster (proxy-pom.xml → a cache
 * outside the repository); started on demand (`npm run bench -- --with-proxy`) as a child of the
 * caller and stopped by it — it is one more JVM on a small machine, so nothing keeps it running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { libDir, PROFILES, ROCKETMQ_VERSION } from './cluster.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export function proxyLibDir(version = ROCKETMQ_VERSION): string {
  return join(dirname(libDir(version)), 'proxy-lib');
}

export function ensureProxyJars(version = ROCKETMQ_VERSION): string {
  const lib = proxyLibDir(version);
  const marker = join(lib, '.complete');
  if (existsSync(marker)) return lib;
  process.stderr.write(`resolving rocketmq-proxy ${version} from Maven Central into ${lib}\n`);
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(HERE, 'proxy-pom.xml'), 'dependency:copy-dependencies', `-Drocketmq.version=${version}`, `-DoutputDirectory=${lib}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`mvn could not resolve rocketmq-proxy ${version} (exit ${r.status})`);
  writeFileSync(marker, new Date().toISOString());
  return lib;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface RunningProxy {
  endpoint: string;
  pid: number | undefined;
  log: string;
  /** False when a proxy was already listening (then stop() leaves it alone). */
  started: boolean;
  stop(): Promise<void>;
}

/** Starts a proxy for the profile's cluster on grpcPort (default 8081); resolves once it listens. */
export async function startProxy(opts: { profile?: string; grpcPort?: number; remotingPort?: number; timeoutMs?: number } = {}): Promise<RunningProxy> {
  const profile = PROFILES[opts.profile ?? 'main']!;
  const grpcPort = opts.grpcPort ?? 8081;
  const endpoint = `127.0.0.1:${grpcPort}`;
  const dir = join(tmpdir(), 'rocketmq-workbench', `proxy-${profile.name}`);
  const log = join(dir, 'out.log');
  if (await portOpen(grpcPort)) return { endpoint, pid: undefined, log, started: false, stop: async () => {} };
  const lib = ensureProxyJars();
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'rmq-proxy.json');
  writeFileSync(
    conf,
    JSON.stringify(
      {
        rocketMQClusterName: 'DefaultCluster',
        namesrvAddr: `127.0.0.1:${profile.namesrvPort}`,
        grpcServerPort: grpcPort,
        remotingListenPort: opts.remotingPort ?? 8080,
        proxyMode: 'cluster',
      },
      null,
      2,
    ),
  );
  const fd = openSync(log, 'a');
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx768m',
      '-XX:+IgnoreUnrecognizedVMOptions',
      '--add-exports',
      'java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens',
      'java.base/java.nio=ALL-UNNAMED',
      '--add-opens',
      'java.base/java.lang=ALL-UNNAMED',
      `-Duser.home=${dir}`,
      '-cp',
      `${lib}/*`,
      'org.apache.rocketmq.proxy.ProxyStartup',
      '-pc',
      conf,
      '-pm',
      'cluster',
    ],
    { stdio: ['ignore', fd, fd], env: { ...process.env, ROCKETMQ_HOME: dir } },
  );
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((r) => child.once('exit', r));
    clearTimeout(t);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`rocketmq-proxy exited during start; see ${log}`);
    if (await portOpen(grpcPort)) return { endpoint, pid: child.pid, log, started: true, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`rocketmq-proxy did not listen on ${endpoint} within ${opts.timeoutMs ?? 90_000} ms; see ${log}`);
}
