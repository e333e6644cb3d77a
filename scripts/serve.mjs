#!/usr/bin/env node
// npm run serve [-- --port 5199 --data-dir DIR --memory-secrets --token T]: builds the renderer when
// out/renderer is missing (unless --no-build), then runs the headless host (electron/web/cli.ts) in
// the foreground.
//
// The host runs as ONE direct child (node with tsx's loader, no npx/sh in between) so a signal to
// this wrapper reaches it: SIGINT/SIGTERM are forwarded, and the wrapper exits only when the host
// has closed its port and exited, with the host's status. A host that ignores the signal is killed
// after 10 s rather than left listening with a valid token.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const KILL_AFTER_MS = 10_000;
const noBuild = process.argv.includes('--no-build');
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
if (!noBuild && !existsSync('out/renderer/index.html')) {
  console.log('building the renderer (out/renderer is missing)…');
  const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// --import tsx resolves from the working directory: npm runs scripts from the package root.
const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', ...args], { stdio: 'inherit' });
let killTimer;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  });
}
child.on('error', (e) => {
  console.error(`could not start the host: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  clearTimeout(killTimer);
  // A host ended by a signal it did not handle: report it the shell way (128 + n).
  process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
});
