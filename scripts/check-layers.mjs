#!/usr/bin/env node
/**
 * Enforces the layering of docs/layering.md (the table of CONVENTIONS.md, per sub-folder) on every
 * import-like reference: static import/export…from, import x = require(), dynamic import(),
 * require(), require.resolve(), type-level import(). Loaders that hide a specifier from this check
 * (createRequire, require or module.require used as a value, a computed specifier) are violations
 * themselves, so nothing can route around the table.
 * The TypeScript parser is used rather than regexes so comments and strings never produce false hits.
 *
 * Usage: node scripts/check-layers.mjs [--root <dir>]
 *   → prints file:line for each violation, exit 1 if any. --root checks another tree (the tests'
 *     fixture trees); the default is this repository.
 * Also importable: `checkLayers(root)` returns { violations, fileCount }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, extname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const SCAN_DIRS = ['core', 'electron', 'renderer'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release']);
const EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.vue']);
const BUILTINS = new Set(builtinModules);

/**
 * Core's sub-layers, lowest first. A file may import its own layer and any lower rank, never a
 * higher one. `admin` sits above `producer` (it verifies a producer's SendResult against the
 * broker), so admin → producer is allowed and producer → admin is not.
 * Leaves (rank 0) are the cross-cutting single files; `rules` is below everything and imports nothing.
 */
const CORE_RANK = { rules: -1, leaf: 0, remoting: 1, protocol: 2, client: 3, producer: 4, admin: 5 };
const CORE_LEAVES = new Set(['errors', 'clock', 'scheduler', 'instrumentation', 'logger']);
/** The only entry points into core from outside it (and from core/cli). */
const CORE_PUBLIC = /^core\/index\.[cm]?[jt]s$/;
const RULES_ENTRY = /^core\/rules\/index\.[cm]?[jt]s$/;

/** Layer of a repo-relative posix path; unknown folders must be added here on purpose. */
export function zoneOf(rel) {
  if (rel.startsWith('core/')) {
    const rest = rel.slice('core/'.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      const base = rest.replace(/\.[cm]?[jt]sx?$/, '');
      if (base === 'index') return 'core:index';
      return CORE_LEAVES.has(base) ? 'core:leaf' : 'core:unknown';
    }
    const folder = rest.slice(0, slash);
    if (folder === 'cli') return 'core:cli';
    return folder in CORE_RANK && folder !== 'leaf' ? `core:${folder}` : 'core:unknown';
  }
  if (rel.startsWith('renderer/')) return 'renderer';
  const m = /^electron\/([^/]+)\//.exec(rel);
  if (m) {
    if (['common', 'preload', 'main', 'services', 'web', 'shared'].includes(m[1])) return m[1];
    return 'electron-unknown';
  }
  return rel.startsWith('electron/') ? 'electron-unknown' : 'outside';
}

const coreRank = (zone) => CORE_RANK[zone.slice('core:'.length)];

function packageOf(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isNodeBuiltin = (pkg) => pkg.startsWith('node:') || BUILTINS.has(pkg);

/** Packages that only run in Node or Electron main, so the renderer and core must not load them. */
const CORE_BANNED = new Set(['electron', 'vue', 'pinia', 'better-sqlite3', 'monaco-editor', 'echarts']);
const RENDERER_BANNED = new Set(['electron', 'better-sqlite3', 'ws']);
const HOST_ZONES = new Set(['main', 'services', 'web', 'shared']);

/** Which zones a host folder may import (besides electron/common, core/index and core/rules). */
const HOST_MAY_IMPORT = {
  // Electron's lifecycle and IPC; the web host is a separate process and shares nothing with it directly.
  main: new Set(['main', 'services', 'shared']),
  // The headless host runs in plain Node.
  web: new Set(['web', 'services', 'shared']),
  // Host-agnostic and testable in plain Node: never a host's own folder.
  services: new Set(['services']),
  // The neutral module main/ and web/ share (CSP, renderer file map): it knows neither of them.
  shared: new Set(['shared']),
};

/** Returns a reason string when `imp` from a file in `zone` breaks the table, else null. */
export function check(zone, imp) {
  const { spec, typeOnly, target } = imp;
  if (zone === 'electron-unknown')
    return 'electron/ folder is not a known layer (common, preload, main, services, web, shared); add it to scripts/check-layers.mjs';
  if (zone === 'core:unknown')
    return 'core/ file or folder is not a known layer (rules, remoting, protocol, client, producer, admin, cli, or a leaf); add it to scripts/check-layers.mjs';
  if (spec === null) return 'dynamic import/require with a non-literal specifier cannot be checked; use a string literal';
  if (target === null) {
    const pkg = packageOf(spec);
    if (spec.startsWith('/')) return 'absolute import paths are not allowed';
    if (zone === 'core:rules') return `core/rules is shared with the renderer and the sandboxed preload: it imports nothing (got '${pkg}')`;
    if (zone.startsWith('core:')) return CORE_BANNED.has(pkg) || pkg.startsWith('@vue/') ? `core must stay pure Node: no '${pkg}'` : null;
    switch (zone) {
      case 'common':
        // Bundled into the sandboxed preload and type-imported by the renderer: no Node, no Electron.
        return isNodeBuiltin(pkg) || pkg === 'electron' ? `electron/common must stay environment-neutral: no '${pkg}'` : null;
      case 'preload':
        return pkg === 'electron' ? null : `preload may import only 'electron' and electron/common, not '${pkg}'`;
      case 'renderer':
        return isNodeBuiltin(pkg) || RENDERER_BANNED.has(pkg) ? `renderer must not import Node/Electron module '${pkg}'` : null;
      case 'main':
        return null;
      case 'services':
      case 'web':
      case 'shared':
        return pkg === 'electron'
          ? `electron/${zone} runs in plain Node (the headless host, the tests): no 'electron'; only electron/main may import it`
          : null;
      default:
        return null;
    }
  }
  const to = zoneOf(target);
  // core/rules is the one module every layer may load at runtime, through its index.
  if (to === 'core:rules' && zone !== 'core:rules' && zone !== 'outside') {
    if (zone === 'core:cli') return `core/cli uses core's public API only: import the rules from core/index.js (got ${target})`;
    return zone.startsWith('core:') || RULES_ENTRY.test(target) ? null : `import the shared rules through core/rules/index.js only, not ${target}`;
  }
  if (zone.startsWith('core:')) {
    if (!to.startsWith('core:')) return `core imports nothing outside core/ (got ${target})`;
    if (to === 'core:unknown') return `${target} is not in a known core layer`;
    if (zone === 'core:cli') return to === 'core:cli' || to === 'core:index' ? null : `core/cli uses core's public API only (core/index.js), not ${target}`;
    if (zone === 'core:index') return to === 'core:cli' ? 'core/index.js must not import the CLI' : null;
    if (to === 'core:cli' || to === 'core:index') return `${zone.slice(5)} must not import ${target}: only hosts and the CLI use core/index.js`;
    const from = coreRank(zone);
    const rank = coreRank(to);
    if (zone === 'core:rules') return to === 'core:rules' ? null : `core/rules imports nothing (got ${target})`;
    return rank <= from ? null : `core/${zone.slice(5)} may not import the higher layer ${target} (${LAYER_ORDER})`;
  }
  switch (zone) {
    case 'common':
      return to === 'common' ? null : `electron/common imports only itself and core/rules (got ${target})`;
    case 'preload':
      return to === 'preload' || to === 'common' ? null : `preload imports only electron/common (got ${target})`;
    case 'renderer':
      if (to === 'renderer') return null;
      if (to === 'common') return typeOnly ? null : `renderer may use electron/common with 'import type' only (${target})`;
      return `renderer may not import ${target}`;
    default:
      if (!HOST_ZONES.has(zone)) return null;
      if (to === 'common') return null;
      if (to.startsWith('core:')) return CORE_PUBLIC.test(target) ? null : `import core through core/index.js only, not ${target}`;
      if (HOST_MAY_IMPORT[zone].has(to)) return null;
      if ((zone === 'main' && to === 'web') || (zone === 'web' && to === 'main')) {
        return `electron/main and electron/web share code only through the neutral electron/shared (got ${target})`;
      }
      return `electron/${zone} may not import ${target}`;
  }
}

const LAYER_ORDER = 'rules ← leaves ← remoting ← protocol ← client ← producer ← admin ← cli';

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(full);
    } else if (EXTENSIONS.has(extname(e.name))) {
      yield full;
    }
  }
}

/** Script blocks of a file with their starting line offsets (.vue files carry one or two). */
function scriptBlocks(file, text) {
  if (extname(file) !== '.vue') return [{ code: text, lineOffset: 0, kind: ts.ScriptKind.TS }];
  const blocks = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    const lineOffset = text.slice(0, start).split('\n').length - 1;
    blocks.push({ code: m[2], lineOffset, kind: /lang=["']tsx["']/.test(m[1]) ? ts.ScriptKind.TSX : ts.ScriptKind.TS });
  }
  return blocks;
}

const stringArg = (node) => (node && ts.isStringLiteralLike(node) ? node.text : null);

/** `x.name` or `x?.name` with a given property name. */
const isPropertyNamed = (node, name) => ts.isPropertyAccessExpression(node) && node.name.text === name;

/** Whether an identifier is a declaration or property name rather than a reference to a value. */
function isNameOnly(id) {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id) ||
    (ts.isMethodDeclaration(p) && p.name === id) ||
    (ts.isPropertySignature(p) && p.name === id) ||
    (ts.isPropertyDeclaration(p) && p.name === id)
  );
}

/** Every import-like reference in a source file: { spec, typeOnly, pos }, plus loader bypasses. */
function importsOf(sf) {
  const found = [];
  const add = (spec, typeOnly, node) => found.push({ spec, typeOnly, pos: node.getStart(sf) });
  const bypass = (reason, node) => found.push({ bypass: reason, pos: node.getStart(sf) });
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      // `import { type A, type B } from` is as type-only as `import type { A, B } from`.
      const allTypeElements =
        !!clause &&
        !clause.name &&
        !!clause.namedBindings &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(stringArg(node.moduleSpecifier), (clause?.isTypeOnly ?? false) || allTypeElements, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(stringArg(node.moduleSpecifier), node.isTypeOnly, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(stringArg(node.moduleReference.expression), node.isTypeOnly, node);
    } else if (ts.isImportTypeNode(node)) {
      const lit = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      add(stringArg(lit), true, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(stringArg(node.arguments[0]), false, node);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      add(node.arguments.length === 1 ? stringArg(node.arguments[0]) : null, false, node);
      node.arguments.forEach(visit);
      return; // the callee `require` itself is fine; don't report it as a bare value below
    } else if (
      ts.isCallExpression(node) &&
      isPropertyNamed(node.expression, 'resolve') &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'require'
    ) {
      add(node.arguments.length >= 1 ? stringArg(node.arguments[0]) : null, false, node);
      node.arguments.forEach(visit);
      return;
    } else if (ts.isIdentifier(node) && node.text === 'createRequire' && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
      // Imported, called or read off `module`: a require made this way takes any specifier at runtime.
      bypass('createRequire builds a require() this check cannot follow; use import (or import() with a string literal)', node);
    } else if (ts.isIdentifier(node) && node.text === 'require' && !isNameOnly(node)) {
      bypass('require used as a value (aliased or passed around) hides what it loads; call require() with a string literal or use import', node);
    } else if (isPropertyNamed(node, 'require') && ts.isIdentifier(node.expression) && node.expression.text === 'module') {
      bypass('module.require hides what it loads; use import', node);
    } else if (isPropertyNamed(node, 'mainModule') && ts.isIdentifier(node.expression) && node.expression.text === 'process') {
      bypass('process.mainModule.require hides what it loads; use import', node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // /// <reference types="node" /> would smuggle Node typings into the renderer or common.
  for (const ref of sf.typeReferenceDirectives) {
    found.push({ spec: ref.fileName === 'node' ? 'node:' : ref.fileName, typeOnly: true, pos: ref.pos });
  }
  // /// <reference path="…" /> pulls another file into the program just like an import.
  for (const ref of sf.referencedFiles) {
    found.push({ spec: ref.fileName.startsWith('.') ? ref.fileName : `./${ref.fileName}`, typeOnly: true, pos: ref.pos });
  }
  return found;
}

/** Checks the tree under `root`; returns the violations as "file:line: 'spec': reason". */
export function checkLayers(root) {
  const violations = [];
  let fileCount = 0;
  for (const dir of SCAN_DIRS) {
    for (const file of walk(join(root, dir))) {
      fileCount++;
      const rel = relative(root, file).split(sep).join('/');
      const zone = zoneOf(rel);
      if (zone === 'core:unknown' || zone === 'electron-unknown') {
        // Reported even without imports: a file outside every layer is unchecked by construction.
        violations.push(`${rel}:1: ${check(zone, { spec: null, typeOnly: false, target: null })}`);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      for (const block of scriptBlocks(file, text)) {
        const sf = ts.createSourceFile(rel, block.code, ts.ScriptTarget.Latest, true, block.kind);
        for (const imp of importsOf(sf)) {
          const line = sf.getLineAndCharacterOfPosition(imp.pos).line + 1 + block.lineOffset;
          if (imp.bypass) {
            violations.push(`${rel}:${line}: ${imp.bypass}`);
            continue;
          }
          const { spec, typeOnly } = imp;
          const path = spec?.split('?')[0];
          const target = path !== undefined && /^\.\.?(\/|$)/.test(path) ? posix.normalize(posix.join(posix.dirname(rel), path)) : null;
          const reason = check(zone, { spec, typeOnly, target });
          if (reason) violations.push(`${rel}:${line}: ${spec === null ? '<computed>' : `'${spec}'`}: ${reason}`);
        }
      }
    }
  }
  return { violations, fileCount };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const i = process.argv.indexOf('--root');
  const root = i !== -1 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { violations, fileCount } = checkLayers(root);
  if (violations.length > 0) {
    console.error(violations.join('\n'));
    console.error(`check-layers: ${violations.length} violation(s) in ${fileCount} files`);
    process.exit(1);
  }
  console.log(`check-layers: ${fileCount} files, no violations`);
}
