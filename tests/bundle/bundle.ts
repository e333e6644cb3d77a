/**
 * Entry points as tests spawn them (the CLI, the headless web host): compiled once per test process
 * by esbuild into one ES module (npm packages left external, resolved from the project's
 * node_modules), then run by plain `node`. Spawning through tsx cost ~2 CPU-seconds of loader
 * start-up per process; this costs ~0.2. The code run is the same source, compiled ahead of time.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
// Two levels below the root, like electron/web/cli.ts and core/cli/main.ts: a path the source
// derives from its own URL (`new URL('../..', import.meta.url)`) still names the project root.
const outDir = resolve(root, 'out/test-bundle');
const built = new Map<string, string>();

/** `[node, [bundle]]` for `entry` (relative to the root): prepend to the program's arguments. */
export function nodeCommand(entry: string): [string, string[]] {
  let outfile = built.get(entry);
  if (!outfile) {
    mkdirSync(outDir, { recursive: true });
    // One file per process and entry: parallel test workers never read a half-written bundle.
    outfile = resolve(outDir, `${basename(dirname(entry))}-${basename(entry, '.ts')}-${process.pid}.mjs`);
    buildSync({
      entryPoints: [resolve(root, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    built.set(entry, outfile);
  }
  return [process.execPath, [outfile]];
}

/** The command-line host (`npm run cli`). */
export function cliCommand(): [string, string[]] {
  return nodeCommand('core/cli/main.ts');
}
