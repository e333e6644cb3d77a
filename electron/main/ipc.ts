/**
 * Binds every contract channel to the Workbench dispatcher through ipcMain.handle, with the sender
 * check of ipc-guard.ts, and forwards the Workbench's events to the app's windows.
 */
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EVENT_PREFIX } from '../common/channels.js';
import { HostErrorCode, type Result } from '../common/contract.js';
import { toApiError } from '../services/errors.js';
import type { Workbench } from '../services/workbench-service.js';
import { isTrustedFrame } from './ipc-guard.js';

function forbidden(channel: string): Result<never> {
  return {
    ok: false,
    error: {
      name: 'ForbiddenSenderError',
      code: HostErrorCode.FORBIDDEN_SENDER,
      retriable: false,
      message: `${channel} refused: the sender is not the workbench window`,
    },
  };
}

function internalError(e: unknown): Result<never> {
  return { ok: false, error: { ...toApiError(e), code: HostErrorCode.INTERNAL } };
}

/** Returns the disposer that removes the handlers and the event forwarding. */
export function registerIpc(workbench: Workbench, trustedOrigins: readonly string[]): () => void {
  const watched = new Set<number>();
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      // Every outcome is a Result: a throw here would reach the renderer as a bare rejection.
      try {
        if (!isTrustedFrame(event.senderFrame, trustedOrigins)) return Promise.resolve(forbidden(channel));
        const wc = event.sender;
        if (!watched.has(wc.id)) {
          watched.add(wc.id);
          // Health watches opened by a window stop when it goes away.
          wc.once('destroyed', () => {
            watched.delete(wc.id);
            workbench.releaseClient(`wc-${wc.id}`);
          });
        }
        return workbench.dispatcher.dispatch(channel, input, { clientId: `wc-${wc.id}` }).catch(internalError);
      } catch (e) {
        return Promise.resolve(internalError(e));
      }
    });
  }
  const unsubscribe = workbench.events.subscribe((event, payload) => {
    for (const wc of webContents.getAllWebContents()) {
      // Only our own top-level pages receive events (never devtools or foreign content).
      if (!wc.isDestroyed() && isTrustedFrame(wc.mainFrame, trustedOrigins)) wc.send(EVENT_PREFIX + event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
