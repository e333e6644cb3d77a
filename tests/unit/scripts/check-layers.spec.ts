/**
 * scripts/check-layers.mjs on small fixture trees: each bypass issue 13 names must fail the check
 * with its file and line, the allowed shapes next to it must pass, and the real tree must pass.
 * Fixtures go through `checkLayers` in-process (one TypeScript load); the command line, as
 * `npm run typecheck` runs it, is exercised on one fixture and on the real tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers } from '../../../scripts/check-layers.mjs';

const REPO = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(REPO, 'scripts/check-layers.mjs');
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Writes a tree of files (path → text) to a fresh directory. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The check on a fixture tree: exit code as the command line would give it, and the report. */
function runOn(files: Record<string, string>): { code: number; out: string } {
  const { violations, fileCount } = checkLayers(tree(files));
  return violations.length ? { code: 1, out: violations.join('\n') } : { code: 0, out: `check-layers: ${fileCount} files, no violations` };
}

/** The script as a process, the way `npm run typecheck` runs it. */
function cli(args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** A minimal well-layered tree every fixture starts from; it must pass on its own. */
const BASE: Record<string, string> = {
  'core/rules/index.ts': "export * from './topic.js';\n",
  'core/rules/topic.ts': 'export const TOPIC_MAX_LENGTH = 127;\n',
  'core/errors.ts': "import { TOPIC_MAX_LENGTH } from './rules/index.js';\nexport class MQClientError extends Error {}\nexport const N = TOPIC_MAX_LENGTH;\n",
  'core/clock.ts': 'export const now = () => Date.now();\n',
  'core/remoting/frame.ts':
    "import { MQClientError } from '../errors.js';\nimport { now } from '../clock.js';\nimport { Socket } from 'node:net';\nexport { MQClientError, now, Socket };\n",
  'core/protocol/codes.ts': "import { MQClientError } from '../remoting/frame.js';\nexport const C = MQClientError;\n",
  'core/client/client-instance.ts': "import { C } from '../protocol/codes.js';\nexport const I = C;\n",
  'core/producer/producer.ts': "import { I } from '../client/client-instance.js';\nexport const P = I;\n",
  'core/admin/admin.ts': "import { P } from '../producer/producer.js';\nimport { C } from '../protocol/codes.js';\nexport const A = [P, C];\n",
  'core/index.ts': "export { P } from './producer/producer.js';\nexport { A } from './admin/admin.js';\nexport * from './rules/index.js';\n",
  'core/cli/main.ts':
    "import { P, TOPIC_MAX_LENGTH } from '../index.js';\nimport { readFileSync } from 'node:fs';\nexport const x = [P, TOPIC_MAX_LENGTH, readFileSync];\n",
  'electron/common/contract.ts':
    "import { z } from 'zod';\nimport { TOPIC_MAX_LENGTH } from '../../core/rules/index.js';\nexport const Topic = z.string().max(TOPIC_MAX_LENGTH);\n",
  'electron/preload/index.ts':
    "import { contextBridge } from 'electron';\nimport { Topic } from '../common/contract.js';\nexport const x = [contextBridge, Topic];\n",
  'electron/services/send-service.ts':
    "import { P } from '../../core/index.js';\nimport { Topic } from '../common/contract.js';\nimport { join } from 'node:path';\nexport const s = [P, Topic, join];\n",
  'electron/shared/csp.ts': 'export const CSP = "default-src \'self\'";\n',
  'electron/main/index.ts':
    "import { app } from 'electron';\nimport { s } from '../services/send-service.js';\nimport { CSP } from '../shared/csp.js';\nexport const m = [app, s, CSP];\n",
  'electron/web/server.ts':
    "import { WebSocketServer } from 'ws';\nimport { s } from '../services/send-service.js';\nimport { CSP } from '../shared/csp.js';\nexport const w = [WebSocketServer, s, CSP];\n",
  'renderer/src/api/bridge.ts':
    "import type { Topic } from '../../../electron/common/contract.js';\nimport { TOPIC_MAX_LENGTH } from '../../../core/rules/index.js';\nexport type T = typeof Topic;\nexport const n = TOPIC_MAX_LENGTH;\n",
  'renderer/src/App.vue': '<template><div /></template>\n<script setup lang="ts">\nimport { n } from \'./api/bridge.js\';\nvoid n;\n</script>\n',
};

const expectRejected = (files: Record<string, string>, where: string, reason: RegExp) => {
  const r = runOn({ ...BASE, ...files });
  expect(r.code, r.out).toBe(1);
  const lines = r.out.split('\n').filter((l) => l.startsWith(where));
  expect(lines, r.out).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
};

describe('check-layers', () => {
  it('accepts a well-layered fixture tree', () => {
    const r = runOn(BASE);
    expect(r.out).toMatch(/check-layers: \d+ files, no violations/);
    expect(r.code).toBe(0);
  });

  it('accepts the real tree (as a process: exit 0)', () => {
    const r = cli([]);
    expect(r.out).toMatch(/no violations/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('exits 1 with file:line on a bad tree (as a process)', () => {
    const r = cli(['--root', tree({ ...BASE, 'core/remoting/connection.ts': "import { A } from '../admin/admin.js';\nexport const c = A;\n" })]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^core\/remoting\/connection\.ts:1: '..\/admin\/admin\.js': core\/remoting may not import the higher layer/m);
    expect(r.out).toMatch(/check-layers: 1 violation\(s\)/);
  }, 60_000);

  describe('inside core, each layer imports only downward', () => {
    it('rejects remoting → admin (the bypass the old single core zone let through)', () => {
      expectRejected(
        { 'core/remoting/connection.ts': "import { A } from '../admin/admin.js';\nexport const c = A;\n" },
        'core/remoting/connection.ts:1:',
        /core\/remoting may not import the higher layer core\/admin\/admin\.js/,
      );
    });
    it('rejects protocol → client, even type-only', () => {
      expectRejected(
        { 'core/protocol/route-data.ts': "import type { I } from '../client/client-instance.js';\nexport type R = typeof I;\n" },
        'core/protocol/route-data.ts:1:',
        /higher layer core\/client/,
      );
    });
    it('rejects producer → admin (admin sits above producer)', () => {
      expectRejected({ 'core/producer/send-loop.ts': "export { A } from '../admin/admin.js';\n" }, 'core/producer/send-loop.ts:1:', /higher layer core\/admin/);
    });
    it('rejects a leaf importing a layer (errors → protocol)', () => {
      expectRejected(
        { 'core/scheduler.ts': "import { C } from './protocol/codes.js';\nexport const s = C;\n" },
        'core/scheduler.ts:1:',
        /core\/leaf may not import the higher layer core\/protocol/,
      );
    });
    it('rejects core/rules importing anything, even a Node builtin', () => {
      expectRejected(
        { 'core/rules/size.ts': "import { Buffer } from 'node:buffer';\nexport const b = Buffer;\n" },
        'core/rules/size.ts:1:',
        /core\/rules .* imports nothing/,
      );
    });
    it('rejects the CLI reaching past core/index.js', () => {
      expectRejected(
        { 'core/cli/send.ts': "import { P } from '../producer/producer.js';\nexport const p = P;\n" },
        'core/cli/send.ts:1:',
        /core\/cli uses core's public API only/,
      );
    });
    it('rejects an unknown core folder until it is given a layer', () => {
      expectRejected({ 'core/misc/util.ts': 'export const u = 1;\n' }, 'core/misc/util.ts:', /not a known layer/);
    });
  });

  describe('in the host', () => {
    it("rejects a service importing 'electron'", () => {
      expectRejected(
        { 'electron/services/dialogs.ts': "import { dialog } from 'electron';\nexport const d = dialog;\n" },
        'electron/services/dialogs.ts:1:',
        /no 'electron'; only electron\/main may import it/,
      );
    });
    it('rejects a service importing main/ or web/', () => {
      expectRejected(
        { 'electron/services/a.ts': "import { m } from '../main/index.js';\nexport const a = m;\n" },
        'electron/services/a.ts:1:',
        /electron\/services may not import electron\/main\/index\.js/,
      );
      expectRejected(
        { 'electron/services/b.ts': "import type { w } from '../web/server.js';\nexport type B = typeof w;\n" },
        'electron/services/b.ts:1:',
        /electron\/services may not import electron\/web\/server\.js/,
      );
    });
    it('rejects web importing main (they share only electron/shared)', () => {
      expectRejected(
        { 'electron/web/static-files.ts': "import { m } from '../main/index.js';\nexport const s = m;\n" },
        'electron/web/static-files.ts:1:',
        /share code only through the neutral electron\/shared/,
      );
    });
    it('rejects the neutral module importing a host folder', () => {
      expectRejected(
        { 'electron/shared/files.ts': "import { m } from '../main/index.js';\nexport const f = m;\n" },
        'electron/shared/files.ts:1:',
        /electron\/shared may not import/,
      );
    });
    it('rejects a host file importing core past core/index.js', () => {
      expectRejected(
        { 'electron/services/ops.ts': "import { A } from '../../core/admin/admin.js';\nexport const o = A;\n" },
        'electron/services/ops.ts:1:',
        /import core through core\/index\.js only/,
      );
    });
    it('rejects electron/common importing core beyond core/rules, even type-only', () => {
      expectRejected(
        { 'electron/common/wire.ts': "import type { P } from '../../core/index.js';\nexport type W = typeof P;\n" },
        'electron/common/wire.ts:1:',
        /electron\/common imports only itself and core\/rules/,
      );
    });
  });

  describe('loader bypasses', () => {
    it('rejects a createRequire call (it would load anything at runtime)', () => {
      expectRejected(
        {
          'electron/services/loader.ts':
            "import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\nexport const e = req('electron');\n",
        },
        'electron/services/loader.ts:1:',
        /createRequire builds a require\(\)/,
      );
      // The call on line 2 is reported too, so removing the import alone does not hide it.
      const r = runOn({
        ...BASE,
        'core/remoting/x.ts': "import * as m from 'node:module';\nexport const x = m.createRequire(import.meta.url)('../admin/admin.js');\n",
      });
      expect(r.out).toMatch(/core\/remoting\/x\.ts:2: createRequire/);
    });
    it('rejects require() of a forbidden module, a computed require and require as a value', () => {
      expectRejected({ 'core/protocol/a.ts': "export const a = require('../admin/admin.js');\n" }, 'core/protocol/a.ts:1:', /higher layer core\/admin/);
      expectRejected(
        { 'core/protocol/b.ts': "const name = '../admin/admin.js';\nexport const b = require(name);\n" },
        'core/protocol/b.ts:2:',
        /non-literal specifier/,
      );
      expectRejected({ 'core/protocol/c.ts': 'const r = require;\nexport const c = r;\n' }, 'core/protocol/c.ts:1:', /require used as a value/);
      expectRejected({ 'core/protocol/d.ts': "export const d = module.require('x');\n" }, 'core/protocol/d.ts:1:', /module\.require/);
    });
    it('rejects a dynamic import() of a higher layer or with a computed specifier', () => {
      expectRejected({ 'core/client/lazy.ts': "export const l = () => import('../admin/admin.js');\n" }, 'core/client/lazy.ts:1:', /higher layer core\/admin/);
      expectRejected(
        { 'renderer/src/lazy.ts': "const p = 'electron';\nexport const l = () => import(p);\n" },
        'renderer/src/lazy.ts:2:',
        /non-literal specifier/,
      );
    });
    it('rejects a value import of electron/common from a .vue file, at the right line', () => {
      expectRejected(
        {
          'renderer/src/V.vue':
            '<template><p /></template>\n<script setup lang="ts">\nimport { Topic } from \'../../electron/common/contract.js\';\nvoid Topic;\n</script>\n',
        },
        'renderer/src/V.vue:3:',
        /'import type' only/,
      );
    });
  });
});
