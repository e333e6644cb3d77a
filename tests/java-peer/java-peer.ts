/**
 * The Java peer of the tests: small programs over the official rocketmq-client (tests/java-peer/src),
 * built once by Maven and run as child processes, so a test can check our producer from the other side.
 *
 *   await ensureJavaPeer();                         // builds only when the sources are newer than the build
 *   const out = await runJavaPeer('ReadTopic', [namesrv, topic]);   // stdout of dev.workbench.peer.ReadTopic
 *   const read = await readTopic(namesrv, topic);   // the same, parsed
 *   const child = spawnJavaPeer('Consume', [...]);  // a long-running class, stdio piped
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const JAVA_PEER_DIR = dirname(fileURLToPath(import.meta.url));
const TARGET = join(JAVA_PEER_DIR, 'target');
const JAR = join(TARGET, 'rocketmq-java-peer-1.0.0.jar');
/** Written after a successful build: Maven leaves an unchanged jar's mtime alone, so the jar cannot say when we last built. */
const BUILT_MARKER = join(TARGET, '.built');
const PACKAGE = 'dev.workbench.peer';

/** Client-side start-up matters more than peak speed for these short runs. */
const JVM_OPTS = ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newestMtime(join(path, e)));
  return t;
}

function upToDate(): boolean {
  if (!existsSync(BUILT_MARKER) || !existsSync(JAR) || !existsSync(join(TARGET, 'lib'))) return false;
  const sources = Math.max(newestMtime(join(JAVA_PEER_DIR, 'src')), statSync(join(JAVA_PEER_DIR, 'pom.xml')).mtimeMs);
  return statSync(BUILT_MARKER).mtimeMs >= sources;
}

function mvn(offline: boolean): { status: number; output: string } {
  const args = ['-q', '-B', ...(offline ? ['-o'] : []), '-f', join(JAVA_PEER_DIR, 'pom.xml'), 'package'];
  const r = spawnSync('mvn', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`could not run mvn (${r.error.message}); install Apache Maven 3 (Debian: apt-get install -y maven)`);
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * Builds tests/java-peer when its build is missing or older than its sources: offline first (the
 * jars are usually in ~/.m2 already), online when offline resolution fails. Two test processes
 * building at once share one build through a lock directory.
 */
export async function ensureJavaPeer(): Promise<{ built: boolean; ms: number }> {
  if (upToDate()) return { built: false, ms: 0 };
  const t0 = Date.now();
  const lock = join(tmpdir(), 'rocketmq-workbench', 'java-peer-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock older than 10 minutes belongs to a build that died
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      if (Date.now() - t0 > 900_000) throw new Error(`timed out waiting for the java-peer build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (upToDate()) return { built: false, ms: Date.now() - t0 }; // the other process built it
    let r = mvn(true);
    if (r.status !== 0) r = mvn(false);
    if (r.status !== 0) throw new Error(`mvn package of tests/java-peer failed (exit ${r.status}):\n${r.output.slice(-4000)}`);
    writeFileSync(BUILT_MARKER, new Date().toISOString());
    return { built: true, ms: Date.now() - t0 };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function javaPeerClasspath(): string {
  return `${JAR}:${join(TARGET, 'lib')}/*`;
}

/** The client writes its logs under ${user.home}/logs; keep them out of the real home. */
function javaHome(): string {
  const home = join(tmpdir(), 'rocketmq-workbench', 'java-peer-home');
  mkdirSync(home, { recursive: true });
  return home;
}

function mainClass(className: string): string {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(className)) throw new Error(`not a Java class name: '${className}'`);
  return className.includes('.') ? className : `${PACKAGE}.${className}`;
}

export interface JavaPeerOptions {
  /** Extra JVM options (before the class name), e.g. system properties. */
  jvmArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts a class of the peer (short name = dev.workbench.peer.<name>) with stdio piped. Call ensureJavaPeer() first. */
export function spawnJavaPeer(className: string, args: string[], opts: JavaPeerOptions = {}): ChildProcess {
  if (!upToDate()) throw new Error('tests/java-peer is not built (or older than its sources): await ensureJavaPeer() first');
  return spawn('java', [...JVM_OPTS, `-Duser.home=${javaHome()}`, ...(opts.jvmArgs ?? []), '-cp', javaPeerClasspath(), mainClass(className), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
}

export class JavaPeerError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'JavaPeerError';
  }
}

/**
 * Builds if needed, runs a class to completion and returns its stdout. A non-zero exit or a run
 * past `timeoutMs` (the process is then killed) rejects with a JavaPeerError carrying both streams.
 */
export async function runJavaPeer(className: string, args: string[], opts: JavaPeerOptions & { timeoutMs?: number } = {}): Promise<string> {
  await ensureJavaPeer();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const child = spawnJavaPeer(className, args, opts);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const stdout = Buffer.concat(out).toString('utf8');
  const stderr = Buffer.concat(err).toString('utf8');
  if (timedOut) throw new JavaPeerError(`${className} ran past ${timeoutMs} ms and was killed; stderr:\n${stderr.slice(-4000)}`, status, stdout, stderr);
  if (status !== 0) throw new JavaPeerError(`${className} ${args.join(' ')} exited ${status}; stderr:\n${stderr.slice(-4000)}`, status, stdout, stderr);
  return stdout;
}

export interface ReadQueue {
  broker: string;
  queueId: number;
  minOffset: number;
  maxOffset: number;
}

export interface ReadMessage {
  /** The client-side unique id (UNIQ_KEY): what our SendResult.msgId is. */
  msgId: string | null;
  offsetMsgId: string | null;
  keys: string | null;
  tags: string | null;
  broker: string;
  queueId: number;
  queueOffset: number;
  commitLogOffset: number;
  bodyLength: number;
  /** SHA-256 (hex) of the body as the Java client decoded it (inflated when it was compressed). */
  bodySha256: string;
  bornTimestamp: number;
  storeTimestamp: number;
  bodyBase64?: string;
  properties: Record<string, string>;
}

export interface TopicReadout {
  queues: ReadQueue[];
  messages: ReadMessage[];
}

/**
 * Every message of `topic` read back by the official Java client (ReadTopic), from each queue's min
 * offset up to the max offset the broker reported when the read began. Rejects when the read was
 * incomplete; commits no consumer offset.
 */
export async function readTopic(namesrvAddr: string, topic: string, opts: { timeoutMs?: number; withBody?: boolean } = {}): Promise<TopicReadout> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const args = [namesrvAddr, topic, '--timeout-ms', String(timeoutMs), ...(opts.withBody ? ['--with-body'] : [])];
  let stdout = '';
  for (let attempt = 1; ; attempt++) {
    try {
      stdout = await runJavaPeer('ReadTopic', args, { timeoutMs: timeoutMs + 30_000 });
      break;
    } catch (e) {
      // The Java client reports a route query that missed its 3 s deadline (a JVM starved of CPU on a
      // loaded 2-core box) as "Can not find Message Queue": ask again, a few times, before believing it.
      if (!(e instanceof JavaPeerError) || !/Can not find Message Queue/.test(e.message) || attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const queues: ReadQueue[] = [];
  const messages: ReadMessage[] = [];
  let end: { messages: number; complete: boolean } | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue; // client log noise, if any
    const o = JSON.parse(line) as { kind: string } & Record<string, unknown>;
    if (o.kind === 'queue') queues.push(o as unknown as ReadQueue);
    else if (o.kind === 'msg') messages.push(o as unknown as ReadMessage);
    else if (o.kind === 'end') end = o as unknown as { messages: number; complete: boolean };
  }
  if (!end?.complete || end.messages !== messages.length) {
    throw new Error(`ReadTopic ${topic}: incomplete output (end line ${JSON.stringify(end)}, ${messages.length} message lines)`);
  }
  return { queues, messages };
}
