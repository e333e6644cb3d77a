/**
 * The CLI as tests spawn it: core/cli/main.ts compiled once per test process by esbuild into one
 * ES module (npm packages left external, resolved from the project's node_modules), then run by
 * plain `node`. Spawning `npx tsx` per call cost ~2.3 CPU-seconds of loader start-up each; this
 * costs ~0.2. The code run is the same source, only compiled ahead of time.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
let built: string | undefined;

/** `[node, [bundle]]`: prepend to the CLI's arguments, e.g. `spawnSync(cmd, [...args, 'send', …])`. */
export function cliCommand(): [string, string[]] {
  if (!built) {
    const dir = resolve(root, 'out/test-cli');
    mkdirSync(dir, { recursive: true });
    // One file per process: parallel test workers never read a half-written bundle.
    const outfile = resolve(dir, `main-${process.pid}.mjs`);
    buildSync({
      entryPoints: [resolve(root, 'core/cli/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    built = outfile;
  }
  return [process.execPath, [built]];
}
