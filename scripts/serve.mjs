#!/usr/bin/env node
// npm run serve [-- --port 5199 --data-dir DIR --memory-secrets]: builds the renderer when
// out/renderer is missing, then runs the headless host (electron/web/cli.ts) in the foreground.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
if (!existsSync('out/renderer/index.html')) {
  console.log('building the renderer (out/renderer is missing)…');
  const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const child = spawn('npx', ['tsx', 'electron/web/cli.ts', ...args], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
