/** Where a host keeps its data, and the app version: shared by Electron main and the web host. */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** --data-dir <dir> or --data-dir=<dir>, else WORKBENCH_DATA_DIR, else the host's default. */
export function resolveDataDir(argv: readonly string[], fallback: string): string {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i >= 0) {
    const a = argv[i]!;
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
    if (v) return resolve(v);
  }
  const env = process.env['WORKBENCH_DATA_DIR'];
  return env ? resolve(env) : fallback;
}

export const DEFAULT_WEB_DATA_DIR = join(homedir(), '.rocketmq-workbench');

export function appVersion(packageJsonPath: string): string {
  try {
    return (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Creates the data folder owner-only (0700) and tightens an existing one and the files in it
 * (databases, secrets, logs: 0600), which older versions created with the default umask (755/644):
 * message bodies and profile values must not be readable by other local users. Call at start,
 * before anything is opened.
 */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    if (!/^(workbench\.db.*|secrets.*\.json|logs)$/.test(name)) continue;
    const p = join(dir, name);
    if (!existsSync(p)) continue;
    chmodSync(p, name === 'logs' ? 0o700 : 0o600);
  }
}
