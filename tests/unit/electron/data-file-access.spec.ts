/**
 * Finding 2: data files are chosen by the user, never named by the page. The page-facing contract
 * has no path; handles come from the Electron dialog (a path registered in main) or from an upload
 * to the headless host; only regular files, a size cap, no content or "exists?" in errors, a cap on
 * concurrent reads.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostErrorCode } from '../../../electron/common/contract.js';
import { DataFileAccess, readRegularFile } from '../../../electron/services/data-file-access.js';
import { startWebHost, type WebHost } from '../../../electron/web/server.js';
import { tempDir, testWorkbench, type TestWorkbench } from './support/workbench.js';

let t: TestWorkbench;
let host: WebHost;
beforeAll(async () => {
  t = testWorkbench();
  host = await startWebHost({ workbench: t.wb, port: 0, rendererDir: t.dir });
});
afterAll(async () => {
  await host.close();
  await t.close();
});

describe('the page cannot name a host path', () => {
  it('refuses source.path on inspect and start, without reading anything', async () => {
    for (const path of ['/etc/passwd', '/proc/self/environ', '/dev/zero', '/no/such/file']) {
      const r = await t.call('datafile:inspect', { source: { path } });
      expect(r).toMatchObject({ ok: false, error: { code: HostErrorCode.INVALID_INPUT } });
      expect(r.error.message).not.toMatch(/root:|ENOENT|no such file/i);
    }
    const s = await t.call('datafile:start', { profileId: 'p', source: { path: '/etc/passwd' } });
    expect(s).toMatchObject({ ok: false, error: { code: HostErrorCode.INVALID_INPUT } });
  });

  it('answers an unknown handle the same way whatever it looks like', async () => {
    const a = await t.call('datafile:inspect', { source: { handle: 'df-00000000000000000000000000000000' } });
    const b = await t.call('datafile:inspect', { source: { handle: '/etc/passwd' } });
    expect(a).toMatchObject({ ok: false, error: { code: HostErrorCode.NOT_FOUND } });
    expect(b.error).toEqual(a.error);
  });

  it('has no file dialog in the headless host', async () => {
    expect(await t.call('datafile:choose')).toMatchObject({ ok: false, error: { code: HostErrorCode.INVALID_INPUT } });
  });
});

describe('reading a chosen file', () => {
  it('refuses FIFOs, devices and /proc files quickly, without blocking', async () => {
    const dir = tempDir('wb-df-');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    for (const p of [fifo, '/dev/zero', '/dev/null', dir]) {
      await expect(readRegularFile(p, 1024 * 1024), p).rejects.toMatchObject({
        code: HostErrorCode.BAD_FILE,
        message: expect.stringMatching(/not a regular file/),
      });
    }
    // /proc files report size 0 and would stream anything: they are regular but refused by the cap read.
    await expect(readRegularFile('/proc/self/environ', 16)).rejects.toMatchObject({ code: HostErrorCode.BAD_FILE });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caps the size, and never echoes content or the OS error in messages', async () => {
    const dir = tempDir('wb-df-');
    const big = join(dir, 'big.csv');
    writeFileSync(big, 'topic,body\n' + 'T,SECRET-CONTENT\n'.repeat(1000));
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => ({ code: 0, message: 'read succeeded' }),
        (e: unknown) => e as Error & { code: number },
      );
    const err = await failure(readRegularFile(big, 1024));
    expect(err).toMatchObject({ code: HostErrorCode.BAD_FILE, message: expect.stringMatching(/larger than 1 KiB/) });
    expect(err.message).not.toContain('SECRET');
    const missing = await failure(readRegularFile(join(dir, 'missing.csv'), 1024));
    const noAccess = await failure(readRegularFile('/root/../etc/shadow-not-here', 1024));
    expect(missing.message).toBe(noAccess.message);
    expect(missing.message).not.toMatch(/ENOENT|EACCES|missing\.csv/);
  });

  it('registers a dialog-chosen path as an opaque handle that inspect and start accept', async () => {
    const dir = tempDir('wb-df-');
    const file = join(dir, 'rows.csv');
    writeFileSync(file, 'topic,body\nT,one\nT,two\n');
    const access = new DataFileAccess({ choose: () => Promise.resolve(file) });
    const chosen = await access.choose();
    expect(chosen.file).toMatchObject({ fileName: 'rows.csv', size: 23 });
    expect(chosen.file!.handle).toMatch(/^df-[0-9a-f]{32}$/);
    expect(JSON.stringify(chosen)).not.toContain(dir);
    expect((await access.read(chosen.file!.handle)).text).toContain('T,two');
    expect(await new DataFileAccess({ choose: () => Promise.resolve(null) }).choose()).toEqual({ file: null });
  });

  it('caps concurrent reads', async () => {
    const dir = tempDir('wb-df-');
    const file = join(dir, 'rows.csv');
    writeFileSync(file, 'topic,body\nT,one\n');
    const access = new DataFileAccess({ maxConcurrentReads: 2, maxQueuedReads: 3 });
    const h = (await access.registerPath(file)).handle;
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => access.read(h)));
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as { code: number }).code === HostErrorCode.BUSY);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(busy).toHaveLength(3);
  });

  it('parses NDJSON without echoing the bad line in the issue', async () => {
    const r = await t.call('datafile:inspect', { source: { content: '{"topic":"T","body":"x"}\nroot:x:0:0:SECRET\n', fileName: 'x.ndjson' } });
    expect(r.ok).toBe(true);
    expect(r.value.issues).toHaveLength(1);
    expect(JSON.stringify(r.value.issues)).not.toContain('root');
  });
});

describe('upload to the headless host', () => {
  const upload = (body: BodyInit, headers: Record<string, string>, name = 'rows.csv') =>
    fetch(`http://127.0.0.1:${host.port}/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body });

  it('needs the token in the Authorization header', async () => {
    expect((await upload('topic,body\n', {})).status).toBe(401);
    expect((await upload('topic,body\n', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/api/upload?token=${host.token}`, { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('refuses another origin', async () => {
    expect((await upload('topic,body\n', { authorization: `Bearer ${host.token}`, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('returns a handle that inspect accepts', async () => {
    const res = await upload('topic,body\nT,one\nT,two\n', { authorization: `Bearer ${host.token}`, 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(200);
    const ref = (await res.json()) as { handle: string; fileName: string; size: number };
    expect(ref).toMatchObject({ fileName: 'rows.csv', size: 23 });
    const r = await t.call('datafile:inspect', { source: { handle: ref.handle } });
    expect(r).toMatchObject({ ok: true, value: { format: 'csv', rowCount: 2, columns: ['topic', 'body'] } });
  });

  it('stops reading an upload over the size cap (413)', async () => {
    const res = await upload(new Uint8Array(t.wb.dataFiles.access.maxBytes + 1), { authorization: `Bearer ${host.token}` }).catch((e: unknown) => e as Error);
    // The host answers 413 and closes; fetch may see the answer or the reset, never a handle.
    if (res instanceof Response) expect(res.status).toBe(413);
    else expect(String(res)).toMatch(/fetch failed|EPIPE|ECONNRESET|other side closed/i);
  }, 30_000);
});
