#!/usr/bin/env node
/**
 * Enforces the layering table of CONVENTIONS.md on import specifiers (static import/export…from,
 * import x = require(), dynamic import(), require(), type-level import()).
 * The TypeScript parser is used rather than regexes so comments and strings never produce false hits.
 * Usage: node scripts/check-layers.mjs   → prints file:line for each violation, exit 1 if any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, extname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCAN_DIRS = ['core', 'electron', 'renderer'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release']);
const EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.vue']);
const BUILTINS = new Set(builtinModules);
const HOST_FOLDERS = new Set(['main', 'services', 'web']);

/** Layer of a repo-relative posix path; unknown electron folders must be added here on purpose. */
function zoneOf(rel) {
  if (rel.startsWith('core/')) return 'core';
  if (rel.startsWith('renderer/')) return 'renderer';
  const m = /^electron\/([^/]+)\//.exec(rel);
  if (m) {
    if (m[1] === 'common') return 'common';
    if (m[1] === 'preload') return 'preload';
    if (HOST_FOLDERS.has(m[1])) return 'host';
    return 'electron-unknown';
  }
  return rel.startsWith('electron/') ? 'electron-unknown' : 'outside';
}

function packageOf(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isNodeBuiltin = (pkg) => pkg.startsWith('node:') || BUILTINS.has(pkg);

/** Packages that only run in Node or Electron main, so the renderer and core must not load them. */
const CORE_BANNED = new Set(['electron', 'vue', 'pinia', 'better-sqlite3', 'monaco-editor', 'echarts']);
const RENDERER_BANNED = new Set(['electron', 'better-sqlite3', 'ws']);

/** Returns a reason string when `imp` from a file in `zone` breaks the table, else null. */
function check(zone, imp) {
  const { spec, typeOnly, target } = imp;
  if (zone === 'electron-unknown') return 'electron/ folder is not a known layer (common, preload, main, services, web); add it to scripts/check-layers.mjs';
  if (spec === null) return 'dynamic import/require with a non-literal specifier cannot be checked; use a string literal';
  if (target === null) {
    const pkg = packageOf(spec);
    if (spec.startsWith('/')) return 'absolute import paths are not allowed';
    switch (zone) {
      case 'core':
        return CORE_BANNED.has(pkg) || pkg.startsWith('@vue/') ? `core must stay pure Node: no '${pkg}'` : null;
      case 'common':
        // Bundled into the sandboxed preload and type-imported by the renderer: no Node, no Electron.
        return isNodeBuiltin(pkg) || pkg === 'electron' ? `electron/common must stay environment-neutral: no '${pkg}'` : null;
      case 'preload':
        return pkg === 'electron' ? null : `preload may import only 'electron' and electron/common, not '${pkg}'`;
      case 'renderer':
        return isNodeBuiltin(pkg) || RENDERER_BANNED.has(pkg) ? `renderer must not import Node/Electron module '${pkg}'` : null;
      default:
        return null;
    }
  }
  const to = zoneOf(target);
  switch (zone) {
    case 'core':
      return to === 'core' ? null : `core imports nothing outside core/ (got ${target})`;
    case 'common':
      return to === 'common' ? null : `electron/common imports only itself (got ${target})`;
    case 'preload':
      return to === 'preload' || to === 'common' ? null : `preload imports only electron/common (got ${target})`;
    case 'host':
      if (to === 'host' || to === 'common') return null;
      if (to === 'core') return /^core\/index\.[cm]?[jt]s$/.test(target) ? null : `import core through core/index.js only, not ${target}`;
      return `electron/main, services and web may not import ${target}`;
    case 'renderer':
      if (to === 'renderer') return null;
      if (to === 'common') return typeOnly ? null : `renderer may use electron/common with 'import type' only (${target})`;
      return `renderer may not import ${target}`;
    default:
      return null;
  }
}

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

/** Every import-like reference in a source file: { spec, typeOnly, pos }. */
function importsOf(sf) {
  const found = [];
  const add = (spec, typeOnly, node) => found.push({ spec, typeOnly, pos: node.getStart(sf) });
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      add(stringArg(node.moduleSpecifier), node.importClause?.isTypeOnly ?? false, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(stringArg(node.moduleSpecifier), node.isTypeOnly, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(stringArg(node.moduleReference.expression), node.isTypeOnly, node);
    } else if (ts.isImportTypeNode(node)) {
      const lit = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      add(stringArg(lit), true, node);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1))
    ) {
      add(stringArg(node.arguments[0]), false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // /// <reference types="node" /> would smuggle Node typings into the renderer or common.
  for (const ref of sf.typeReferenceDirectives) {
    found.push({ spec: ref.fileName === 'node' ? 'node:' : ref.fileName, typeOnly: true, pos: ref.pos });
  }
  return found;
}

const violations = [];
let fileCount = 0;
for (const dir of SCAN_DIRS) {
  for (const file of walk(join(ROOT, dir))) {
    fileCount++;
    const rel = relative(ROOT, file).split(sep).join('/');
    const zone = zoneOf(rel);
    const text = readFileSync(file, 'utf8');
    for (const block of scriptBlocks(file, text)) {
      const sf = ts.createSourceFile(rel, block.code, ts.ScriptTarget.Latest, true, block.kind);
      for (const { spec, typeOnly, pos } of importsOf(sf)) {
        const path = spec?.split('?')[0];
        const target = path !== undefined && /^\.\.?(\/|$)/.test(path)
          ? posix.normalize(posix.join(posix.dirname(rel), path))
          : null;
        const reason = check(zone, { spec, typeOnly, target });
        if (reason) {
          const line = sf.getLineAndCharacterOfPosition(pos).line + 1 + block.lineOffset;
          violations.push(`${rel}:${line}: ${spec === null ? '<computed>' : `'${spec}'`}: ${reason}`);
        }
      }
    }
  }
}

if (violations.length > 0) {
  console.error(violations.join('\n'));
  console.error(`check-layers: ${violations.length} violation(s) in ${fileCount} files`);
  process.exit(1);
}
console.log(`check-layers: ${fileCount} files, no violations`);
