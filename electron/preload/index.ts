/**
 * Sandboxed preload (built to CommonJS: sandboxed preloads cannot be ES modules). Exposes exactly the
 * contract as window.workbench: one function per declared channel, built from the contract's channel
 * list, and `on` for the declared events only. There is deliberately no generic invoke(channel), and
 * listeners never see the IPC event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, EVENT_PREFIX, channelPath, type EventName } from '../common/channels.js';

const allowedEvents: ReadonlySet<string> = new Set(EVENTS);
const workbench: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  const [domain, verb] = channelPath(channel);
  const group = (workbench[domain] ??= {}) as Record<string, (input?: unknown) => Promise<unknown>>;
  group[verb] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}
workbench['on'] = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  if (!allowedEvents.has(event)) throw new Error(`unknown workbench event '${String(event)}'`);
  if (typeof listener !== 'function') throw new Error('listener must be a function');
  const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(EVENT_PREFIX + event, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_PREFIX + event, wrapped);
  };
};

// Built from CHANNELS and EVENTS at runtime, so its static type is the loose record above; the renderer
// gives it the WorkbenchApi type on its side (renderer/src/api/bridge.ts).
contextBridge.exposeInMainWorld('workbench', workbench);
