#!/usr/bin/env node
// The whole suite, as README and CI run it: typecheck (+ layering), lint, format check, unit, integration against the
// real local cluster, and the browser end-to-end tests when present. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'out/test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
/** Names of what failed, repeated at the very end so a truncated log still shows them. */
const failures = [];

function run(name, cmd, args) {
  process.stdout.write(`\n── ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(name, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
    process.stdout.write(`✗ ${name} failed\n`);
  }
}

// `npm start` may have rebuilt better-sqlite3 for Electron's ABI; the tests run in Node.
if (spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:')"], { stdio: 'ignore' }).status !== 0) {
  run('better-sqlite3 for Node', 'npm', ['rebuild', 'better-sqlite3']);
}

check('typecheck', run('typecheck', 'npm', ['run', '-s', 'typecheck']));
check('lint', run('lint (ESLint)', 'npm', ['run', '-s', 'lint']));
check('format', run('format (Prettier)', 'npm', ['run', '-s', 'format:check']));

const vitestJson = `${results}/vitest.json`;
const vitestOk = run('unit + integration', 'npx', [
  'vitest',
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const j = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests + (j.numTotalTests === 0 ? 1 : 0);
  for (const file of j.testResults ?? []) {
    const bad = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of bad) failures.push(`vitest ${file.name.replace(process.cwd() + '/', '')} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (bad.length === 0 && file.status === 'failed') failures.push(`vitest ${file.name.replace(process.cwd() + '/', '')}: ${firstLine(file.message)}`);
  }
  // A suite that failed to load (e.g. the cluster did not start) reports no failed test: count it.
  if (!vitestOk && j.numFailedTests === 0) failed++;
} else {
  failed++;
}

if (existsSync('tests/e2e/playwright.config.ts')) {
  const pwJson = `${results}/playwright.json`;
  const ok = run('end-to-end (Chromium)', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    listPlaywrightFailures(JSON.parse(readFileSync(pwJson, 'utf8')).suites ?? []);
    if (!ok && !s.unexpected) failed++;
  } else failed++;
}

// The benchmark harness, once, in --quick mode: proves every peer runs, sends and is stored (it
// fails on that, never on timings). BENCH=0 skips it.
if (process.env.BENCH !== '0') check('bench --quick', run('bench --quick (harness check, timings not gated)', 'npm', ['run', '-s', 'bench', '--', '--quick']));

if (failures.length > 0) process.stdout.write(`\nfailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

function firstLine(text) {
  return (
    String(text ?? '')
      // eslint-disable-next-line no-control-regex -- the ESC of terminal colour codes is what is removed
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 300)
  );
}

function listPlaywrightFailures(suites, path = []) {
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const err = t.results?.at(-1)?.error?.message;
        failures.push(`e2e ${[...here, spec.title].join(' › ')}: ${firstLine(err)}`);
      }
    }
    listPlaywrightFailures(suite.suites ?? [], here);
  }
}
