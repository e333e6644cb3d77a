/** The headless host without a cluster: token, origin/host checks, validation, static files with CSP. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostErrorCode } from '../../../electron/common/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shared/csp.js';
import { startWebHost, type WebHost } from '../../../electron/web/server.js';
import { WEB_HOST_CSP } from '../../../electron/web/static-files.js';
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
  // A link inside the root that points out of it (finding 8): must not be followed.
  symlinkSync(join(t.dir, 'secret.txt'), join(renderer, 'linked.txt'));
  symlinkSync(t.dir, join(renderer, 'up'));
  host = await startWebHost({ workbench: t.wb, port: 0, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await t.close();
});

const wsUrl = (q = '') => `ws://127.0.0.1:${host.port}/api${q}`;

/** One GET with the request line exactly as given (no client-side URL normalisation). */
function rawGet(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(host.port, '127.0.0.1', () => sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`));
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
}

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

  it('refuses sockets without the right token at the HTTP level (401, never upgraded)', async () => {
    expect(await closeCode(wsUrl())).toEqual({ code: -1, messages: 0, status: 401 });
    expect(await closeCode(wsUrl('?token=wrong'))).toEqual({ code: -1, messages: 0, status: 401 });
    expect(await closeCode(wsUrl(`?token=${host.token.slice(0, -1)}${host.token.endsWith('0') ? '1' : '0'}`))).toEqual({ code: -1, messages: 0, status: 401 });
  }, 15_000); // three handshakes; a loaded CI box once took over the default 5 s

  it('refuses a custom token shorter than 32 characters (finding 5)', async () => {
    await expect(startWebHost({ workbench: t.wb, port: 0, rendererDir: renderer, token: 'short-token' })).rejects.toThrow(/32/);
    await expect(startWebHost({ workbench: t.wb, port: 0, rendererDir: renderer, token: 'x'.repeat(31) })).rejects.toThrow(/32/);
  });

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
    // Sent raw: fetch() and http.request would normalise the first two before they leave.
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/up/secret.txt', '/linked.txt']) {
      const raw = await rawGet(p);
      expect(raw.startsWith('HTTP/1.1 404'), `${p}: ${raw.split('\r\n')[0]}`).toBe(true);
      expect(raw).not.toContain('do not serve');
    }
  });

  it('keeps ws: out of the Electron CSP and in the headless page only (finding 8)', async () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('ws:');
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.headers.get('content-security-policy')).toBe(WEB_HOST_CSP);
    expect(WEB_HOST_CSP).toContain('ws://127.0.0.1:*');
  });
});
