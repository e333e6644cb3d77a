/** A peer child process driven over the line protocol (see protocol.ts). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseSpec, PeerResult } from './protocol.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const JAVA_DIR = join(BENCH_DIR, 'java');
const JAVA_JAR = join(JAVA_DIR, 'target', 'rocketmq-bench-driver-1.0.0.jar');

export type PeerName = 'ours' | 'java' | 'ali-ons' | 'grpc' | 'raw';

export const PEER_LABEL: Record<PeerName, string> = {
  ours: 'ours (TypeScript)',
  java: 'Java rocketmq-client 5.5.0',
  'ali-ons': 'ali-ons 3.12.0',
  grpc: 'rocketmq-client-nodejs 1.0.8 (gRPC via proxy)',
  raw: 'raw pipelined socket',
};

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the Java driver with Maven when the jar is missing or older than its sources. */
export function ensureJavaDriver(): { ms: number; built: boolean } {
  const t0 = Date.now();
  const src = Math.max(newestMtime(join(JAVA_DIR, 'src')), statSync(join(JAVA_DIR, 'pom.xml')).mtimeMs);
  if (existsSync(JAVA_JAR) && existsSync(join(JAVA_DIR, 'target', 'lib')) && statSync(JAVA_JAR).mtimeMs >= src) return { ms: 0, built: false };
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(JAVA_DIR, 'pom.xml'), 'package'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`mvn package of bench/java failed (exit ${r.status})`);
  return { ms: Date.now() - t0, built: true };
}

export const JAVA_OPTS = ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC'];

export function javaClasspath(): string {
  return `${JAVA_JAR}:${join(JAVA_DIR, 'target', 'lib')}/*`;
}

export function javaHome(): string {
  const home = join(tmpdir(), 'rocketmq-workbench', 'bench-java-home');
  mkdirSync(home, { recursive: true });
  return home;
}

function command(peer: PeerName, env: Record<string, string>): [string, string[]] {
  switch (peer) {
    case 'java':
      // RemotingCommand reads its header serialization once, from this property.
      return [
        'java',
        [
          ...JAVA_OPTS,
          `-Duser.home=${javaHome()}`,
          `-Drocketmq.serialize.type=${env.BENCH_HEADERS ?? 'JSON'}`,
          '-cp',
          javaClasspath(),
          'dev.workbench.bench.BenchDriver',
        ],
      ];
    case 'raw':
      return [TSX, [join(BENCH_DIR, 'raw-socket.ts')]];
    case 'grpc':
      return [TSX, [join(BENCH_DIR, 'peers', 'grpc-client.ts')]];
    default:
      return [TSX, [join(BENCH_DIR, 'peers', `${peer}.ts`)]];
  }
}

export class PeerProcess {
  private child: ChildProcess;
  private lines: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private exited = false;
  private stderrTail = '';

  constructor(
    readonly name: PeerName,
    env: Record<string, string>,
  ) {
    const [cmd, args] = command(name, env);
    this.child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env }, cwd: ROOT });
    createInterface({ input: this.child.stdout! }).on('line', (l) => this.push(l));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-4000)));
    this.child.once('exit', () => {
      this.exited = true;
      this.waiter?.(undefined);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private push(line: string): void {
    if (!line.startsWith('{')) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(line);
    } else this.lines.push(line);
  }

  private next(timeoutMs: number): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const done = (line: string | undefined) => {
        clearTimeout(t);
        if (line === undefined)
          reject(new Error(`${this.name} exited${this.stderrTail ? `: ${this.stderrTail.trim().split('\n').slice(-5).join(' | ')}` : ''}`));
        else resolve(JSON.parse(line) as Record<string, unknown>);
      };
      const t = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`${this.name} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const queued = this.lines.shift();
      if (queued !== undefined) done(queued);
      else if (this.exited) done(undefined);
      else this.waiter = done;
    });
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    const m = await this.next(timeoutMs);
    if (m.type !== 'ready') throw new Error(`${this.name} failed to start: ${String(m.error ?? JSON.stringify(m))}`);
  }

  async run(c: CaseSpec): Promise<PeerResult> {
    this.child.stdin!.write(JSON.stringify({ cmd: 'run', case: c }) + '\n');
    const m = await this.next(c.warmupMs + c.measureMs + 60_000);
    if (m.type !== 'result') throw new Error(`${this.name} failed ${c.id}: ${String(m.error ?? JSON.stringify(m))}`);
    return m as unknown as PeerResult;
  }

  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await new Promise((r) => (this.exited ? r(undefined) : this.child.once('exit', r)));
  }

  async exit(): Promise<void> {
    if (this.exited) return;
    this.child.stdin!.write(JSON.stringify({ cmd: 'exit' }) + '\n');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await new Promise((r) => (this.exited ? r(undefined) : this.child.once('exit', r)));
    clearTimeout(t);
  }
}
