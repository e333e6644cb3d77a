/**
 * The contract is complete and consistent: every declared channel has exactly one handler, every
 * declared event is emitted by some service, the preload exposes exactly the contract, and inputs
 * are refused with the schema's message before any handler runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../../electron/common/channels.js';
import { HostErrorCode, methods } from '../../../electron/common/contract.js';
import { testWorkbench, type TestWorkbench } from './support/workbench.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('contract', () => {
  let t: TestWorkbench;
  beforeAll(() => {
    t = testWorkbench();
  });
  afterAll(() => t.close());

  it('declares each channel once, named domain:verb, with a schema', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    for (const c of CHANNELS) {
      expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(methods[c].input).toBeDefined();
    }
    expect(Object.keys(methods).sort()).toEqual([...CHANNELS].sort());
  });

  it('has exactly one handler per declared channel', () => {
    const handled = t.wb.dispatcher.channels();
    expect(new Set(handled).size).toBe(handled.length);
    expect([...handled].sort()).toEqual([...CHANNELS].sort());
  });

  it('emits every declared event somewhere in the services', () => {
    const code = sources(join(ROOT, 'electron/services'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const e of EVENTS) expect(code, `no emit('${e}', …) in electron/services`).toContain(`emit('${e}'`);
    // …and nothing emits an undeclared event.
    const emitted = [...code.matchAll(/\.emit\('([a-z]+:[a-zA-Z]+)'/g)].map((m) => m[1]);
    for (const e of emitted) expect(EVENTS as readonly string[]).toContain(e);
  });

  it('refuses unknown channels and invalid input with the validation message', async () => {
    const unknown = await t.call('shell:exec', { cmd: 'rm -rf /' });
    expect(unknown).toMatchObject({ ok: false, error: { code: HostErrorCode.UNKNOWN_CHANNEL } });
    const bad = await t.call('profiles:create', { name: 'x', namesrvAddrs: ['not an address'] });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ name: 'InvalidInputError', code: HostErrorCode.INVALID_INPUT, retriable: false });
    expect(bad.error.message).toBe('NameServer address "not an address": has no port: write host:port, e.g. 127.0.0.1:9876');
    const extra = await t.call('app:info', { sneaky: true });
    expect(extra.ok).toBe(false);
    const keys = await t.call('profiles:create', { name: 'x', namesrvAddrs: ['127.0.0.1:9876'], accessKey: 'ak' });
    expect(keys.error.message).toContain('give both AccessKey and SecretKey');
  });

  it('answers app:info and never throws across the boundary', async () => {
    const info = await t.call('app:info');
    expect(info).toMatchObject({ ok: true, value: { host: 'web', version: 'test', secretStore: { kind: 'memory', persistent: false } } });
    const missing = await t.call('profiles:get', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { name: 'NotFoundError', code: HostErrorCode.NOT_FOUND } });
    const notConnected = await t.call('ops:clusters', { profileId: 'nope' });
    expect(notConnected).toMatchObject({ ok: false, error: { code: HostErrorCode.NOT_CONNECTED, retriable: true } });
  });
});

describe('preload', () => {
  it('exposes exactly the contract as window.workbench, and only declared events', async () => {
    const exposed: Record<string, any> = {};
    const invoke = vi.fn(async (..._a: unknown[]) => ({ ok: true, value: 1 }));
    const on = vi.fn();
    const removeListener = vi.fn();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
      ipcRenderer: { invoke, on, removeListener },
    }));
    await import('../../../electron/preload/index.js');
    const api = exposed['workbench'];
    expect(Object.keys(exposed)).toEqual(['workbench']);
    const paths = Object.entries(api).flatMap(([d, v]) => (typeof v === 'function' ? [d] : Object.keys(v as object).map((k) => `${d}:${k}`)));
    expect(paths.filter((p) => p !== 'on').sort()).toEqual([...CHANNELS].sort());
    await api.send.message({ x: 1 });
    expect(invoke).toHaveBeenCalledWith('send:message', { x: 1 });
    expect(() => api.on('evil:event', () => {})).toThrow(/unknown workbench event/);
    const listener = vi.fn();
    const off = api.on('live:tick', listener);
    const wrapped = on.mock.calls[0]![1] as (e: unknown, p: unknown) => void;
    expect(on.mock.calls[0]![0]).toBe('event:live:tick');
    wrapped({ sender: 'ipc event object' }, { at: 1 });
    expect(listener).toHaveBeenCalledWith({ at: 1 }); // the IPC event object is stripped
    off();
    expect(removeListener).toHaveBeenCalledWith('event:live:tick', wrapped);
    vi.doUnmock('electron');
  });
});
