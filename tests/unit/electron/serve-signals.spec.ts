/**
 * Finding 7: `npm run serve` (scripts/serve.mjs) forwards SIGTERM / SIGINT to the host and exits
 * with it; the host must not stay listening, orphaned, with a valid token.
 */
import { execFileSync, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from './support/workbench.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below pid (children, grandchildren…). */
function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const kids = out.split(/\s+/).filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

async function runAndSignal(signal: 'SIGTERM' | 'SIGINT'): Promise<void> {
  const dataDir = tempDir('wb-serve-');
  // detached: the wrapper gets its own process group, so only it receives the signal (as from kill or systemd).
  const serve = spawn(process.execPath, ['scripts/serve.mjs', '--no-build', '--port', '0', '--data-dir', dataDir, '--memory-secrets'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  serve.stdout.on('data', (d: Buffer) => (out += d.toString()));
  serve.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
    const check = () => {
      const m = /Open http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    serve.stdout.on('data', check);
    serve.once('exit', () => reject(new Error(`serve exited early:\n${out}`)));
  });
  expect(await portOpen(port)).toBe(true);
  const tree = descendants(serve.pid!);
  expect(tree.length).toBeGreaterThan(0);
  const exited = new Promise<number | null>((r) => serve.once('exit', (code) => r(code)));
  serve.kill(signal);
  const code = await exited;
  expect(code).toBe(0);
  // The wrapper waited for the host: the port is closed at once, and nothing of the tree is left
  // (tsx's esbuild helper notices its parent's exit a few ms later, hence the short wait).
  expect(await portOpen(port)).toBe(false);
  await vi.waitFor(() => expect(tree.filter(alive)).toEqual([]), { timeout: 3000, interval: 50 });
}

describe('npm run serve', () => {
  it('forwards SIGTERM to the host and exits with it', () => runAndSignal('SIGTERM'), 60_000);
  it('forwards SIGINT to the host and exits with it', () => runAndSignal('SIGINT'), 60_000);
});
