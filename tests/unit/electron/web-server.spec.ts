/** The headless host without a cluster: token, origin/host checks, validation, static files with CSP. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostErrorCode } from '../../../electron/common/contract.js';
import { startWebHost, UNAUTHORIZED_CLOSE, type WebHost } from '../../../electron/web/server.js';
import { testWorkbench, type TestWorkbench } from './support/workbench.js';
import { connectWs } from './support/ws-client.js';

let t: TestWorkbench;
let host: WebHost;
let renderer: string;

beforeAll(async () => {
  t = testWorkbench();
  renderer = join(t.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>wb</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'do not serve');
  host = await startWebHost({ workbench: t.wb, port: 0, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await t.close();
});

const wsUrl = (q = '') => `ws://127.0.0.1:${host.port}/api${q}`;

function closeCode(url: string, headers: Record<string, string> = {}): Promise<{ code: number; messages: number; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    let messages = 0;
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, channel: 'profiles:list' })));
    ws.on('message', () => messages++);
    ws.on('unexpected-response', (_req, res) => resolve({ code: -1, messages, status: res.statusCode }));
    ws.on('close', (code) => resolve({ code, messages }));
    ws.on('error', () => {});
  });
}

describe('headless host', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[0-9a-f]{64}$`));
  });

  it('refuses sockets without the right token before reading any request', async () => {
    expect(await closeCode(wsUrl())).toEqual({ code: UNAUTHORIZED_CLOSE, messages: 0 });
    expect(await closeCode(wsUrl('?token=wrong'))).toEqual({ code: UNAUTHORIZED_CLOSE, messages: 0 });
    expect(await closeCode(wsUrl(`?token=${host.token.slice(0, -1)}0`))).toMatchObject({ code: UNAUTHORIZED_CLOSE, messages: 0 });
  }, 15_000); // three handshakes; a loaded CI box once took over the default 5 s

  it('refuses other origins and non-loopback Host headers (DNS rebinding)', async () => {
    expect(await closeCode(wsUrl(`?token=${host.token}`), { Origin: 'https://evil.example' })).toMatchObject({ status: 403 });
    expect(await closeCode(wsUrl(`?token=${host.token}`), { Host: `evil.example:${host.port}` })).toMatchObject({ status: 403 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('answers calls with the token, and refuses invalid input with the validation message', async () => {
    const c = await connectWs(wsUrl(`?token=${host.token}`), { Origin: `http://127.0.0.1:${host.port}` });
    expect(await c.call('app:info')).toMatchObject({ ok: true, value: { host: 'web' } });
    const bad = await c.call('send:message', { profileId: 'p', message: { topic: 'T', body: 'x', delayLevel: 99 } });
    expect(bad).toMatchObject({ ok: false, error: { name: 'InvalidInputError', code: HostErrorCode.INVALID_INPUT } });
    expect(bad.error.message).toMatch(/message\.delayLevel: .*18/);
    expect(await c.call('no:such')).toMatchObject({ ok: false, error: { code: HostErrorCode.UNKNOWN_CHANNEL } });
    c.raw.send('not json');
    const created = await c.call('profiles:create', { name: 'ws', namesrvAddrs: ['127.0.0.1:1'], accessKey: 'AK', secretKey: 'SK-secret' });
    expect(created.value).toMatchObject({ name: 'ws', accessKey: 'AK', hasCredentials: true });
    expect(JSON.stringify(created)).not.toContain('SK-secret');
    await c.close();
  });

  it('pushes events to connected clients', async () => {
    const c = await connectWs(wsUrl(`?token=${host.token}`));
    t.wb.events.emit('history:changed', { added: 3, lastId: 3, at: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(c.events).toContainEqual({ event: 'history:changed', payload: { added: 3, lastId: 3, at: 1 } });
    await c.close();
  });

  it('serves the renderer with the CSP and nothing outside it', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<title>wb</title>');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await fetch(`http://127.0.0.1:${host.port}${p}`);
      expect(r.status).toBe(404);
    }
  });
});
