/// <reference types="vite/client" />
import type { WorkbenchApi } from '../../electron/common/api.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (headless host). Read only in api/bridge.ts. */
    workbench?: WorkbenchApi;
  }
}

export {};
