/**
 * A real local RocketMQ cluster (1 NameServer + master brokers) run from the Maven Central jars.
 *
 * Profiles keep clusters apart so that fault tests (which kill and pause brokers) never disturb the
 * cluster the other tests use. State lives in a temp directory; processes are detached so that
 * `npm run cluster` can return and a later run can reuse a healthy cluster.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchClusterInfo } from './probe.js';
import { createTlsSocketFactory } from '../../core/remoting/tls.js';
import type { SocketFactory } from '../../core/remoting/connection.js';
import { rocketmqTlsClientProps, rocketmqTlsServerProps, tlsCerts } from './tls-certs.js';

export const ROCKETMQ_VERSION = process.env.ROCKETMQ_VERSION ?? '5.5.0';
const HERE = dirname(fileURLToPath(import.meta.url));

export interface ClusterProfile {
  name: string;
  namesrvPort: number;
  brokers: { name: string; port: number }[];
  /** Extra broker.conf lines (e.g. authentication for the ACL profile). */
  brokerConf?: string[];
  /** Server TLS in enforcing mode with client certificates required (tls-certs.ts makes them). */
  tls?: boolean;
  /** ACL 1.0 (4.x): conf/plain_acl.yml for the brokers; mqadmin signs with the admin account (conf/tools.yml). */
  plainAcl?: { yml: string; admin: { accessKey: string; secretKey: string } };
}

/** Accounts of the legacy profile: an admin for mqadmin, a publisher for our CLI. No white-listed addresses. 4.9.x refuses keys of 6 characters or fewer. */
export const LEGACY_ACL = {
  admin: { accessKey: 'wbAdministrator', secretKey: 'wbAdminSecret1' },
  user: { accessKey: 'wbPublisher', secretKey: 'wbPublisherSecret1' },
};
const LEGACY_PLAIN_ACL = {
  admin: LEGACY_ACL.admin,
  yml: [
    'globalWhiteRemoteAddresses: []',
    'accounts:',
    `  - accessKey: ${LEGACY_ACL.admin.accessKey}`,
    `    secretKey: ${LEGACY_ACL.admin.secretKey}`,
    '    admin: true',
    `  - accessKey: ${LEGACY_ACL.user.accessKey}`,
    `    secretKey: ${LEGACY_ACL.user.secretKey}`,
    '    admin: false',
    '    defaultTopicPerm: PUB|SUB',
    '    defaultGroupPerm: PUB|SUB',
    '',
  ].join('\n'),
};

/** JVM system properties of a profile's NameServer and brokers. */
function serverProps(profile: ClusterProfile): string[] {
  return profile.tls ? rocketmqTlsServerProps(tlsCerts()) : [];
}

/** How the scripts themselves reach the profile's NameServer (TLS with the client certificate for `tls`). */
export function probeSocketFactory(profileName: string): SocketFactory | undefined {
  if (!PROFILES[profileName]?.tls) return undefined;
  const c = tlsCerts();
  return createTlsSocketFactory({ caFile: c.ca, certFile: c.clientCert, keyFile: c.clientKey });
}

export const PROFILES: Record<string, ClusterProfile> = {
  main: {
    name: 'main',
    namesrvPort: 9876,
    brokers: [
      { name: 'broker-a', port: 10911 },
      { name: 'broker-b', port: 10921 },
    ],
    // Creates RMQ_SYS_TRACE_TOPIC at start, so message traces (producer-trace.spec) are stored
    // and `mqadmin queryMsgTraceById` finds them, as on a cluster set up for tracing.
    brokerConf: ['traceTopicEnable=true'],
  },
  /** For a by-hand run of an older version (e.g. ROCKETMQ_VERSION=4.9.8) inside its own network namespace. */
  /**
   * RocketMQ 4.9.x (ROCKETMQ_VERSION=4.9.7) inside a private network namespace (4.x has no
   * bindAddress): tests/legacy/run-4x.ts. ACL 1.0 (plain_acl.yml) on both brokers.
   */
  legacy: {
    name: 'legacy',
    namesrvPort: 9916,
    brokers: [
      { name: 'broker-a', port: 10981 },
      { name: 'broker-b', port: 10991 },
    ],
    brokerConf: ['aclEnable=true'],
    plainAcl: LEGACY_PLAIN_ACL,
  },
  faults: {
    name: 'faults',
    namesrvPort: 9886,
    brokers: [
      { name: 'broker-a', port: 10931 },
      { name: 'broker-b', port: 10941 },
    ],
    // As chaos: a restarted NameServer learns both brokers within 10 s, not 30 s.
    brokerConf: ['registerNameServerPeriod=10000'],
  },
  /** The chaos test (tests/integration/chaos.spec.ts): kills and pauses every node under load. */
  chaos: {
    name: 'chaos',
    namesrvPort: 9926,
    brokers: [
      { name: 'broker-a', port: 11001 },
      { name: 'broker-b', port: 11011 },
    ],
    // Re-register every 10 s (the broker's floor; default 30 s) so a restarted NameServer knows both brokers sooner.
    brokerConf: ['registerNameServerPeriod=10000'],
  },
  /**
   * Transactions and request-reply (issue 15): its own cluster so the transaction tests never
   * depend on when the shared one was started; the check settings are in every profile (below).
   */
  tx: {
    name: 'tx',
    namesrvPort: 9936,
    brokers: [
      { name: 'broker-a', port: 11041 },
      { name: 'broker-b', port: 11051 },
    ],
    // Traced transactions are proven here, never on main: this cluster is stopped after its tests
    // (docs/testing.md: apache/rocketmq#10966 and the broker settings below that avoid it).
    brokerConf: ['traceTopicEnable=true'],
  },
  /** RocketMQ's server TLS, enforcing, mutual (tests/integration/tls.spec.ts). */
  tls: { name: 'tls', namesrvPort: 9946, brokers: [{ name: 'broker-tls', port: 11061 }], tls: true },
  /** Browser end-to-end tests that kill a broker during a load run. */
  e2e: {
    name: 'e2e',
    namesrvPort: 9906,
    brokers: [
      { name: 'broker-a', port: 10961 },
      { name: 'broker-b', port: 10971 },
    ],
  },
  acl: {
    name: 'acl',
    namesrvPort: 9896,
    brokers: [{ name: 'broker-acl', port: 10951 }],
    brokerConf: [
      'authenticationEnabled=true',
      'authenticationProvider=org.apache.rocketmq.auth.authentication.provider.DefaultAuthenticationProvider',
      'authenticationMetadataProvider=org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider',
      'initAuthenticationUser={"username":"rocketmq","password":"12345678"}',
      'innerClientAuthenticationCredentials={"accessKey":"rocketmq","secretKey":"12345678"}',
    ],
  },
};

export type NodeName = 'namesrv' | string;

interface NodeState {
  pid: number;
  args: string[];
  log: string;
}
interface ClusterState {
  version: string;
  profile: string;
  namesrvAddr: string;
  nodes: Record<NodeName, NodeState>;
}

const JVM_FLAGS = [
  '-XX:+IgnoreUnrecognizedVMOptions',
  '--add-exports',
  'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.nio=ALL-UNNAMED',
  '--add-opens',
  'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.ref=ALL-UNNAMED',
];

const LOGBACK_STATUS = /^\d\d:\d\d:\d\d,\d+ \|-/;

export function libDir(version = ROCKETMQ_VERSION): string {
  const base = process.env.ROCKETMQ_CACHE ?? join(homedir(), '.cache', 'rocketmq-workbench');
  return join(base, version, 'lib');
}

function dataDir(profile: ClusterProfile): string {
  return join(tmpdir(), 'rocketmq-workbench', profile.name);
}

function statePath(profile: ClusterProfile): string {
  return join(dataDir(profile), 'state.json');
}

function requireTool(cmd: string, args: string[], hint: string): void {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} not found. ${hint}`);
}

/** Resolves the RocketMQ jars with Maven into a cache outside the repository (once per version). */
export function ensureJars(version = ROCKETMQ_VERSION): string {
  const lib = libDir(version);
  const marker = join(lib, '.complete');
  if (existsSync(marker)) return lib;
  requireTool('java', ['-version'], 'Install a JDK 17 or newer (Debian: apt-get install -y openjdk-17-jdk-headless).');
  requireTool('mvn', ['-v'], 'Install Apache Maven 3 (Debian: apt-get install -y maven).');
  process.stderr.write(`resolving RocketMQ ${version} from Maven Central into ${lib}\n`);
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(HERE, 'pom.xml'), 'dependency:copy-dependencies', `-Drocketmq.version=${version}`, `-DoutputDirectory=${lib}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`mvn could not resolve org.apache.rocketmq ${version} (exit ${r.status})`);
  writeFileSync(marker, new Date().toISOString());
  return lib;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readState(profile: ClusterProfile): ClusterState | undefined {
  try {
    return JSON.parse(readFileSync(statePath(profile), 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

function writeState(profile: ClusterProfile, s: ClusterState): void {
  writeFileSync(statePath(profile), JSON.stringify(s, null, 2));
}

function spawnNode(home: string, args: string[], log: string): number {
  const fd = openSync(log, 'a');
  const child = spawn('java', args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ROCKETMQ_HOME: home },
  });
  closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`could not start java ${args.at(-3) ?? ''}`);
  return child.pid;
}

function nodeArgs(lib: string, dir: string, heap: string[], main: string, conf: string): string[] {
  return [...heap, ...JVM_FLAGS, `-Duser.home=${dir}`, '-cp', `${lib}/*`, main, '-c', conf];
}

/** Polls until the probe returns a value; the last probe error is part of the timeout message. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String((last as Error).message ?? last)}` : ''}`);
}

/** Brokers (name → master address) the NameServer currently lists. */
export async function listedBrokers(namesrvAddr: string, socketFactory?: SocketFactory): Promise<Map<string, string>> {
  const info = await fetchClusterInfo(namesrvAddr, 2000, socketFactory);
  const out = new Map<string, string>();
  for (const b of info) if (b.masterAddr) out.set(b.brokerName, b.masterAddr);
  return out;
}

async function healthy(profile: ClusterProfile, s: ClusterState): Promise<boolean> {
  if (s.version !== ROCKETMQ_VERSION) return false;
  if (!Object.values(s.nodes).every((n) => isAlive(n.pid))) return false;
  try {
    const listed = await listedBrokers(s.namesrvAddr, probeSocketFactory(profile.name));
    return profile.brokers.every((b) => listed.get(b.name) === `127.0.0.1:${b.port}`);
  } catch {
    return false;
  }
}

export interface RunningCluster {
  namesrvAddr: string;
  profile: ClusterProfile;
  brokers: { name: string; addr: string }[];
  reused: boolean;
}

/** Starts the profile's cluster, or reuses a healthy one; resolves once the NameServer lists every broker. */
export async function startCluster(profileName = 'main'): Promise<RunningCluster> {
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`unknown cluster profile '${profileName}' (known: ${Object.keys(PROFILES).join(', ')})`);
  // Two test runs starting one profile at once would each spawn a cluster on the same ports.
  const lock = join(tmpdir(), 'rocketmq-workbench', `${profile.name}.lock`);
  mkdirSync(dirname(lock), { recursive: true });
  await waitFor(`the start lock ${lock}`, 300_000, () => {
    try {
      mkdirSync(lock);
      return true;
    } catch {
      try {
        // a lock older than 5 minutes belongs to a run that died
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone already */
      }
      return undefined;
    }
  });
  try {
    return await startClusterLocked(profile);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function startClusterLocked(profile: ClusterProfile): Promise<RunningCluster> {
  const profileName = profile.name;
  const namesrvAddr = `127.0.0.1:${profile.namesrvPort}`;
  const brokers = profile.brokers.map((b) => ({ name: b.name, addr: `127.0.0.1:${b.port}` }));
  const prev = readState(profile);
  if (prev && (await healthy(profile, prev))) return { namesrvAddr, profile, brokers, reused: true };
  if (prev) await stopCluster(profileName);

  const lib = ensureJars();
  const dir = dataDir(profile);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  writeLegacyLogbackConfs(dir);
  // 4.x reads $ROCKETMQ_HOME/conf/plain_acl.yml (ROCKETMQ_HOME is the data dir, spawnNode).
  if (profile.plainAcl) {
    mkdirSync(join(dir, 'conf'), { recursive: true });
    writeFileSync(join(dir, 'conf', 'plain_acl.yml'), profile.plainAcl.yml);
  }
  const state: ClusterState = { version: ROCKETMQ_VERSION, profile: profile.name, namesrvAddr, nodes: {} };
  const nsDir = join(dir, 'namesrv');
  mkdirSync(nsDir, { recursive: true });
  const nsConf = join(nsDir, 'namesrv.conf');
  writeFileSync(nsConf, [`listenPort=${profile.namesrvPort}`, 'bindAddress=127.0.0.1', `kvConfigPath=${nsDir}/kvConfig.json`].join('\n') + '\n');
  const nsArgs = nodeArgs(lib, nsDir, ['-Xms128m', '-Xmx256m', ...serverProps(profile)], 'org.apache.rocketmq.namesrv.NamesrvStartup', nsConf);
  state.nodes.namesrv = { pid: spawnNode(dir, nsArgs, join(nsDir, 'out.log')), args: nsArgs, log: join(nsDir, 'out.log') };
  writeState(profile, state);
  // Generous: with TLS the JDK builds its SSL context first (30 s seen on a loaded 2-core box).
  await waitForLog(state.nodes.namesrv, 'boot success', 150_000);

  for (const b of profile.brokers) {
    const bDir = join(dir, b.name);
    mkdirSync(bDir, { recursive: true });
    const conf = join(bDir, 'broker.conf');
    writeFileSync(conf, brokerConf(profile, b, bDir, namesrvAddr).join('\n') + '\n');
    const args = nodeArgs(
      lib,
      bDir,
      ['-Xms256m', '-Xmx768m', '-XX:MaxDirectMemorySize=512m', ...serverProps(profile)],
      'org.apache.rocketmq.broker.BrokerStartup',
      conf,
    );
    state.nodes[b.name] = { pid: spawnNode(dir, args, join(bDir, 'out.log')), args, log: join(bDir, 'out.log') };
    writeState(profile, state);
  }
  await waitForRegistered(
    profile,
    namesrvAddr,
    profile.brokers.map((b) => b.name),
    120_000,
  );
  return { namesrvAddr, profile, brokers, reused: false };
}

/**
 * RocketMQ 4.x reads $ROCKETMQ_HOME/conf/logback_*.xml, which ship only in the binary distribution,
 * never in the jars; without them start-up aborts. 5.x bundles its own and ignores these.
 */
function writeLegacyLogbackConfs(home: string): void {
  if (!ROCKETMQ_VERSION.startsWith('4.')) return;
  mkdirSync(join(home, 'conf'), { recursive: true });
  const xml = (name: string) =>
    `<configuration><appender name="F" class="ch.qos.logback.core.FileAppender"><file>\${user.home}/logs/${name}.log</file>` +
    `<encoder><pattern>%d %p %c{0} - %m%n</pattern></encoder></appender><root level="INFO"><appender-ref ref="F"/></root></configuration>\n`;
  for (const n of ['namesrv', 'broker', 'tools']) writeFileSync(join(home, 'conf', `logback_${n}.xml`), xml(n));
}

function brokerConf(profile: ClusterProfile, b: { name: string; port: number }, dir: string, namesrvAddr: string): string[] {
  return [
    'brokerClusterName=DefaultCluster',
    `brokerName=${b.name}`,
    'brokerId=0',
    `namesrvAddr=${namesrvAddr}`,
    `listenPort=${b.port}`,
    'bindAddress=127.0.0.1',
    'brokerIP1=127.0.0.1',
    `storePathRootDir=${dir}/store`,
    `storePathCommitLog=${dir}/store/commitlog`,
    'autoCreateTopicEnable=true',
    'brokerRole=ASYNC_MASTER',
    'flushDiskType=ASYNC_FLUSH',
    // Small files: a 2-core test machine, not a production disk.
    'mappedFileSizeCommitLog=67108864',
    'mappedFileSizeConsumeQueue=600000',
    'mappedFileSizeTimerLog=16777216',
    // Transaction check-back in seconds, not the broker's 6 s first check and 60 s interval, so a
    // test that leaves a transaction unknown sees the check quickly (README: transactions).
    'transactionTimeOut=3000',
    'transactionCheckInterval=2000',
    // apache/rocketmq#10966: once a queue's delete (op) context is drained, 5.5.0's
    // TransactionalOpBatchService computes its wake-up from that context's last write plus
    // transactionOpBatchInterval, which soon lies in the past, and spins a core per broker forever.
    // A 1-byte batch makes every END_TRANSACTION wake the service and write its op message at once
    // (one offset per op message, as 4.x wrote them), and an interval of ~23 days keeps the wake-up
    // time in the future, so the thread sleeps until the next END_TRANSACTION instead of spinning.
    'transactionOpMsgMaxSize=1',
    'transactionOpBatchInterval=2000000000',
    ...(profile.brokerConf ?? []),
  ];
}

async function waitForLog(node: NodeState, marker: string, timeoutMs: number): Promise<void> {
  await waitFor(`'${marker}' in ${node.log}`, timeoutMs, () => {
    if (!isAlive(node.pid)) throw new Error(`process ${node.pid} exited; see ${node.log}`);
    return readFileSync(node.log, 'utf8').includes(marker) ? true : undefined;
  });
}

async function waitForRegistered(profile: ClusterProfile, namesrvAddr: string, names: string[], timeoutMs: number): Promise<void> {
  await waitFor(`NameServer ${namesrvAddr} to list ${names.join(', ')}`, timeoutMs, async () => {
    const s = readState(profile);
    for (const n of names) {
      const node = s?.nodes[n];
      if (node && !isAlive(node.pid)) throw new Error(`${n} exited; see ${node.log}`);
    }
    const listed = await listedBrokers(namesrvAddr, probeSocketFactory(profile.name));
    return names.every((n) => listed.has(n)) ? true : undefined;
  });
}

export async function stopCluster(profileName = 'main'): Promise<void> {
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`unknown cluster profile '${profileName}'`);
  const s = readState(profile);
  if (!s) return;
  // Killed, all at once: the data directory is deleted next, so a graceful stop (brokers
  // unregistering, flushing) buys nothing and took ~35 s per cluster, on the path of every test
  // file that stops its cluster.
  await Promise.all(Object.keys(s.nodes).map((n) => killNode(profileName, n)));
  rmSync(dataDir(profile), { recursive: true, force: true });
}

function nodeOf(profileName: string, node: NodeName): { profile: ClusterProfile; state: ClusterState; n: NodeState } {
  const profile = PROFILES[profileName]!;
  const state = readState(profile);
  const n = state?.nodes[node];
  if (!state || !n) throw new Error(`cluster '${profileName}' has no node '${node}'`);
  return { profile, state, n };
}

async function waitExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Graceful stop (SIGTERM, then SIGKILL after 20 s). */
export async function stopNode(profileName: string, node: NodeName): Promise<void> {
  const { n } = nodeOf(profileName, node);
  if (!isAlive(n.pid)) return;
  try {
    process.kill(n.pid, 'SIGCONT');
    process.kill(n.pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitExit(n.pid, 20_000))) await killNode(profileName, node);
}

export async function killNode(profileName: string, node: NodeName): Promise<void> {
  const { n } = nodeOf(profileName, node);
  try {
    process.kill(n.pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitExit(n.pid, 10_000);
}

/** SIGSTOP, then checks the kernel reports the process stopped, so a test never pauses a ghost. */
export function pauseNode(profileName: string, node: NodeName): void {
  const { pid } = nodeOf(profileName, node).n;
  process.kill(pid, 'SIGSTOP');
  for (let i = 0; i < 200; i++) {
    const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (state === 'T') return;
    spawnSync('sleep', ['0.01']);
  }
  throw new Error(`${node} (pid ${pid}) did not stop after SIGSTOP`);
}

export function resumeNode(profileName: string, node: NodeName): void {
  process.kill(nodeOf(profileName, node).n.pid, 'SIGCONT');
}

/** Starts a stopped or killed node again with its original command line and waits until it serves. */
export async function restartNode(profileName: string, node: NodeName): Promise<void> {
  const { profile, state, n } = nodeOf(profileName, node);
  if (isAlive(n.pid)) await stopNode(profileName, node);
  const pid = spawnNode(dataDir(profile), n.args, n.log);
  state.nodes[node] = { ...n, pid };
  writeState(profile, state);
  if (node === 'namesrv') {
    await waitFor(`NameServer ${state.namesrvAddr}`, 60_000, async () => {
      if (!isAlive(pid)) throw new Error(`NameServer exited; see ${n.log}`);
      await fetchClusterInfo(state.namesrvAddr, 1000, probeSocketFactory(profileName));
      return true;
    });
    // Brokers re-register on their own period (30 s); wait so the cluster is whole again.
    const running = profile.brokers.filter((b) => state.nodes[b.name] && isAlive(state.nodes[b.name]!.pid)).map((b) => b.name);
    await waitForRegistered(profile, state.namesrvAddr, running, 90_000);
  } else {
    await waitForRegistered(profile, state.namesrvAddr, [node], 120_000);
  }
}

export function nodePid(profileName: string, node: NodeName): number {
  return nodeOf(profileName, node).n.pid;
}

/** The pids of every node of a running cluster (none when it is not running). */
export function clusterPids(profileName = 'main'): number[] {
  const state = readState(PROFILES[profileName]!);
  return state ? Object.values(state.nodes).map((n) => n.pid) : [];
}

/** Runs RocketMQ's own mqadmin against the profile's NameServer; returns its stdout. */
export function mqadmin(args: string[], opts: { profile?: string; inherit?: boolean } = {}): { status: number; stdout: string; stderr: string } {
  const profile = PROFILES[opts.profile ?? 'main']!;
  const lib = ensureJars();
  // One home per version and profile: conf/tools.yml (ACL keys mqadmin signs with) must reach only the cluster it is for.
  const home = join(tmpdir(), 'rocketmq-workbench', profile.plainAcl ? `mqadmin-home-${profile.name}-${ROCKETMQ_VERSION}` : 'mqadmin-home');
  mkdirSync(home, { recursive: true });
  writeLegacyLogbackConfs(home);
  if (profile.plainAcl) {
    mkdirSync(join(home, 'conf'), { recursive: true });
    writeFileSync(join(home, 'conf', 'tools.yml'), `accessKey: ${profile.plainAcl.admin.accessKey}\nsecretKey: ${profile.plainAcl.admin.secretKey}\n`);
  }
  const hasNamesrv = args.includes('-n') || args.includes('--namesrvAddr');
  const r = spawnSync(
    'java',
    [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      ...JVM_FLAGS,
      `-Duser.home=${home}`,
      // mqadmin on a TLS cluster needs the client side of RocketMQ's TLS settings (and our client cert).
      ...(profile.tls ? rocketmqTlsClientProps(tlsCerts()) : []),
      '-cp',
      `${lib}/*`,
      'org.apache.rocketmq.tools.command.MQAdminStartup',
      ...args,
      ...(hasNamesrv ? [] : ['-n', `127.0.0.1:${profile.namesrvPort}`]),
    ],
    { encoding: 'utf8', env: { ...process.env, ROCKETMQ_HOME: home }, maxBuffer: 64 * 1024 * 1024 },
  );
  // Logback prints its own start-up status lines on stdout; they are noise to every caller.
  const stdout = (r.stdout ?? '')
    .split('\n')
    .filter((l) => !LOGBACK_STATUS.test(l))
    .join('\n');
  const stderr = r.stderr ?? '';
  if (opts.inherit) {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
  }
  return { status: r.status ?? 1, stdout, stderr };
}
