/** Finding 1 on the Electron side: whatever a handler does, an IPC call resolves to a Result, never a rejection. */
import { describe, expect, it, vi } from 'vitest';
import { HostErrorCode } from '../../../electron/common/contract.js';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(ch, fn),
    removeHandler: (ch: string) => handlers.delete(ch),
  },
  webContents: { getAllWebContents: () => [] },
}));

const { registerIpc } = await import('../../../electron/main/ipc.js');
const { EventBus } = await import('../../../electron/services/event-sink.js');

const APP = 'app://workbench';
const event = { senderFrame: { url: `${APP}/index.html`, parent: null }, sender: { id: 3, once: vi.fn() } };

describe('Electron IPC under failure', () => {
  const dispatch = vi.fn();
  registerIpc({ dispatcher: { dispatch }, events: new EventBus(), releaseClient: vi.fn() } as never, [APP]);

  it('turns a dispatcher that throws synchronously into an INTERNAL error Result', async () => {
    dispatch.mockImplementationOnce(() => {
      throw new Error('sync boom');
    });
    await expect(handlers.get('app:info')!(event, undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: HostErrorCode.INTERNAL, message: 'sync boom' },
    });
  });

  it('turns a rejected dispatch into an INTERNAL error Result', async () => {
    dispatch.mockImplementationOnce(() => Promise.reject(new TypeError('async boom')));
    await expect(handlers.get('app:info')!(event, undefined)).resolves.toMatchObject({ ok: false, error: { code: HostErrorCode.INTERNAL } });
  });

  it('survives a sender whose properties throw', async () => {
    const hostile = {
      senderFrame: { url: `${APP}/index.html`, parent: null },
      get sender(): never {
        throw new Error('gone');
      },
    };
    await expect(handlers.get('app:info')!(hostile, undefined)).resolves.toMatchObject({ ok: false, error: { code: HostErrorCode.INTERNAL } });
  });
});
