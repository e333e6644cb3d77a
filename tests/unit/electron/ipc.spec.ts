/**
 * Electron main's IPC binding, with Electron's ipcMain/webContents faked: every contract channel is
 * handled, the sender frame must be the app's own top-level page, and events only reach our pages.
 */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../electron/common/channels.js';
import { HostErrorCode } from '../../../electron/common/contract.js';

const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const pages: { id: number; isDestroyed: () => boolean; mainFrame: unknown; send: ReturnType<typeof vi.fn> }[] = [];
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (handlers.has(ch)) throw new Error(`second handler for ${ch}`);
      handlers.set(ch, fn);
    },
    removeHandler: (ch: string) => handlers.delete(ch),
  },
  webContents: { getAllWebContents: () => pages },
}));

const { registerIpc } = await import('../../../electron/main/ipc.js');
const { EventBus } = await import('../../../electron/services/event-sink.js');

const APP = 'app://workbench';
const frame = (url: string, parent: unknown = null) => ({ url, parent });
const sender = { id: 7, once: vi.fn() };

describe('Electron IPC binding', () => {
  const events = new EventBus();
  const dispatch = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  const releaseClient = vi.fn();
  const dispose = registerIpc({ dispatcher: { dispatch }, events, releaseClient } as never, [APP]);

  it('handles every contract channel exactly once', () => {
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('dispatches calls from the app window and ties them to that window', async () => {
    const r = await handlers.get('send:preview')!({ senderFrame: frame(`${APP}/index.html`), sender }, { a: 1 });
    expect(r).toEqual({ ok: true, value: { channel: 'send:preview', input: { a: 1 } } });
    expect(dispatch).toHaveBeenCalledWith('send:preview', { a: 1 }, { clientId: 'wc-7' });
    const destroyed = sender.once.mock.calls.find((c) => c[0] === 'destroyed')![1] as () => void;
    destroyed();
    expect(releaseClient).toHaveBeenCalledWith('wc-7');
  });

  it('refuses other origins, subframes and destroyed frames', async () => {
    dispatch.mockClear();
    for (const f of [frame('https://evil.example/x'), frame(`${APP}/index.html`, frame(`${APP}/`)), null, frame('file:///etc/passwd')]) {
      const r = await handlers.get('profiles:list')!({ senderFrame: f, sender }, undefined);
      expect(r).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError', code: HostErrorCode.FORBIDDEN_SENDER } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards events to the app pages only, prefixed', () => {
    const ours = { id: 1, isDestroyed: () => false, mainFrame: frame(`${APP}/index.html`), send: vi.fn() };
    const foreign = { id: 2, isDestroyed: () => false, mainFrame: frame('devtools://devtools/bundled/x.html'), send: vi.fn() };
    pages.push(ours, foreign);
    events.emit('history:changed', { added: 1, lastId: 1, at: 0 });
    expect(ours.send).toHaveBeenCalledWith('event:history:changed', { added: 1, lastId: 1, at: 0 });
    expect(foreign.send).not.toHaveBeenCalled();
    dispose();
    expect(handlers.size).toBe(0);
  });
});
