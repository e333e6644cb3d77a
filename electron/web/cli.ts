/**
 * `npm run serve`: the headless host. Prints the URL (with its one-time token) to open in a browser.
 *   --port <n>         (or WORKBENCH_PORT; default 5199, 0 = any free port)
 *   --data-dir <dir>   (or WORKBENCH_DATA_DIR; default ~/.rocketmq-workbench)
 *   --memory-secrets   keep ACL secrets in memory only (default: a 0600 file in the data dir, with a warning)
 *   --token <t>        (or WORKBENCH_TOKEN) use this token instead of a random one (tests, scripts);
 *                      at least 32 characters
 * The data folder is made owner-only (0700, its databases and secrets 0600); unexpected errors go to
 * <data dir>/logs/workbench.log (and stderr) and the host keeps serving.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appVersion, DEFAULT_WEB_DATA_DIR, prepareDataDir, resolveDataDir } from '../services/host-config.js';
import { createFileLogger, logUnexpected } from '../services/logger.js';
import { FileSecretStore, MemorySecretStore, type SecretStore } from '../services/secret-store.js';
import { seedFromEnv, Workbench } from '../services/workbench-service.js';
import { checkToken, startWebHost } from './server.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function flag(name: string): string | undefined {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[i + 1] ?? '');
}

async function main(): Promise<void> {
  const dataDir = resolveDataDir(process.argv, DEFAULT_WEB_DATA_DIR);
  const port = Number(flag('port') ?? process.env['WORKBENCH_PORT'] ?? 5199);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${flag('port')}`);
  // Before anything is opened: a short custom token refuses to start.
  const token = checkToken(flag('token') ?? process.env['WORKBENCH_TOKEN']);
  prepareDataDir(dataDir);
  // Everything to the file; warnings and errors also to the terminal the host runs in.
  const logger = createFileLogger(join(dataDir, 'logs'), { echo: (line) => void (/^\S+ (WARN|ERROR) /.test(line) && process.stderr.write(line)) });
  logUnexpected(logger);
  const rendererDir = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    console.warn(`warning: ${rendererDir} has no built renderer; run npm run build (npm run serve does it for you)`);
  const secrets: SecretStore = process.argv.includes('--memory-secrets') ? new MemorySecretStore() : new FileSecretStore(join(dataDir, 'secrets.json'));
  const workbench = new Workbench({ dataDir, secrets, host: 'web', version: appVersion(join(ROOT, 'package.json')), seedProfile: seedFromEnv(), logger });
  const recovered = workbench.history.stats().recovered;
  if (recovered) console.warn(`warning: the database failed its integrity check and was recovered; the original is kept at ${recovered.backupPath}`);
  const host = await startWebHost({ workbench, port, rendererDir, token, logger });
  if (secrets.info.warning) console.warn(`note: ${secrets.info.warning}`);
  console.log(`RocketMQ Producer Workbench (headless host), data in ${dataDir}`);
  console.log(`Open ${host.url}`);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    try {
      await host.close();
      await workbench.close();
    } catch (e) {
      logger.error('closing the host failed', { error: e });
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`workbench host failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
