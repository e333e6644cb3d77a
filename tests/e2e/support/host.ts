/**
 * One headless web host per test, with its own temporary data directory (profiles, history,
 * templates): tests never see each other's data. The host prints the URL to open (with #token=…).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeCommand } from '../../bundle/bundle.js';

const root = resolve(import.meta.dirname, '../../..');

export interface Host {
  url: string;
  dataDir: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
  const [node, bundle] = nodeCommand('electron/web/cli.ts');
  // BENCH_HOST_PROFILE=dir: the host writes a V8 CPU profile there when it exits (npm run bench:ui).
  const prof = process.env.BENCH_HOST_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HOST_PROFILE}`] : [];
  const child: ChildProcess = spawn(node, [...prof, ...bundle, '--port', '0', '--data-dir', dataDir, '--memory-secrets'], {
    cwd: root,
    env: { ...process.env, WORKBENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the web host printed no URL within 30 s:\n${log}`)), 30_000);
    const onData = (b: Buffer): void => {
      log += b.toString();
      const m = /(https?:\/\/127\.0\.0\.1:\d+\/[^\s]*#token=[A-Za-z0-9_\-.%]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the web host exited (${code}) before printing its URL:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
