/**
 * Sandboxed preload (built to CommonJS: sandboxed preloads cannot be ES modules). Exposes exactly the
 * contract's methods as window.workbench; there is deliberately no generic invoke(channel).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { Channel, type WorkbenchApi } from '../common/api.js';

const workbench: WorkbenchApi = {
  app: {
    info: () => ipcRenderer.invoke(Channel.APP_INFO),
  },
};

contextBridge.exposeInMainWorld('workbench', workbench);
