#!/usr/bin/env node
// The property tests at full strength: every `*-property.spec.ts` file of the unit suite with
// FUZZ_RUNS cases per property (default 100 000). Each property prints its seed; replay one with
// FUZZ_SEED=<seed> FUZZ_RUNS=<n> npm run fuzz -- <file filter>. The unit suite runs the same
// properties with a quick default count.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '100000';
const filters = process.argv.slice(2);
const args = ['vitest', 'run', '--config', 'tests/vitest.config.ts', '--project', 'unit', ...(filters.length ? filters : ['property.spec.ts'])];
const started = Date.now();
process.stdout.write(`fuzz: FUZZ_RUNS=${runs}${process.env.FUZZ_SEED ? ` FUZZ_SEED=${process.env.FUZZ_SEED}` : ''}: npx ${args.join(' ')}\n`);
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs }, shell: process.platform === 'win32' });
process.stdout.write(`fuzz: ${r.status === 0 ? 'clean' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exit(r.status ?? 1);
