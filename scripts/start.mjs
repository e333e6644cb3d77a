#!/usr/bin/env node
// npm start: the workbench in one command.
//  1. No profile configured yet → start (or reuse) the local RocketMQ cluster and seed a
//     "Local cluster" profile for it.
//  2. Open the Electron window; where the Electron binary is missing or there is no display, say so
//     in one line and run the headless host instead (it prints the URL to open).
// Extra arguments (e.g. --data-dir DIR, --port N) are passed to the host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // the binary's path, or throws when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? { path } : { reason: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  } catch {
    return { reason: 'the Electron binary is not installed' };
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function flag(name) {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

function electronUserData() {
  // Electron's default userData: <appData>/<package name>.
  const name = 'rocketmq-producer-workbench';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

function profileCount(dataDir) {
  const file = join(dataDir, 'workbench.db');
  if (!existsSync(file)) return 0;
  try {
    const Database = require('better-sqlite3');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) AS n FROM profiles').get().n;
    } finally {
      db.close();
    }
  } catch {
    return 1; // unreadable: let the host deal with it, do not start a cluster behind the user's back
  }
}

const electron = electronBinary();
const display = hasDisplay();
const useElectron = electron.path && display;
const dataDir = resolve(flag('data-dir') ?? process.env.WORKBENCH_DATA_DIR ?? (useElectron ? electronUserData() : join(homedir(), '.rocketmq-workbench')));
const env = { ...process.env, WORKBENCH_DATA_DIR: dataDir };

if (profileCount(dataDir) === 0) {
  console.log('No connection profile yet: starting the local RocketMQ cluster…');
  const c = spawnSync('npx', ['tsx', 'tests/cluster/cli.ts', 'start'], { stdio: 'inherit' });
  if (c.status !== 0) {
    console.error('The local cluster did not start (see above); the workbench starts anyway — add a profile for your own cluster.');
  } else env.WORKBENCH_SEED_NAMESRV = '127.0.0.1:9876';
}

function nativeLoadsInNode() {
  return spawnSync(process.execPath, ['-e', "require('better-sqlite3')"], { stdio: 'ignore' }).status === 0;
}

function run(cmd, argv) {
  const child = spawn(cmd, argv, { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (useElectron) {
  if (!existsSync('out/main/index.js') || !existsSync('out/renderer/index.html')) {
    const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  // better-sqlite3 is native: Electron needs it built for its own ABI. The test runner switches it
  // back for Node when needed (scripts/test.mjs), so both keep working on one checkout.
  if (nativeLoadsInNode()) {
    console.log('Rebuilding better-sqlite3 for Electron…');
    const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
    if (r.status !== 0) console.error('Could not rebuild better-sqlite3 for Electron; the history store may fail to open.');
  }
  run(electron.path, ['.', ...args]);
} else {
  console.log(
    `Electron cannot start here (${electron.reason ?? 'no display: DISPLAY/WAYLAND_DISPLAY is not set'}); starting the headless host — open the URL below in a browser.`,
  );
  run(process.execPath, ['scripts/serve.mjs', ...args]);
}
