/**
 * electron-vite build: main → out/main (ESM, package is "type": "module"), preload → out/preload
 * (CommonJS .cjs, because sandboxed preloads cannot be ES modules), renderer/ → out/renderer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/shared/csp.js';

const root = import.meta.dirname;
const at = (p: string): string => resolve(root, p);

/** Fails the build if renderer/index.html's CSP meta tag drifts from the header main sends. */
function cspMetaMatchesHeader(): Plugin {
  return {
    name: 'workbench:csp-meta',
    buildStart() {
      const html = readFileSync(at('renderer/index.html'), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
      if (meta !== CONTENT_SECURITY_POLICY) {
        throw new Error(`renderer/index.html CSP meta differs from electron/shared/csp.ts:\n  meta:   ${meta}\n  header: ${CONTENT_SECURITY_POLICY}`);
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      rolldownOptions: {
        input: { index: at('electron/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // Sandboxed preloads can only require('electron') and a few builtins: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [vue(), cspMetaMatchesHeader()],
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: {
        input: { index: at('renderer/index.html') },
      },
    },
  },
});
