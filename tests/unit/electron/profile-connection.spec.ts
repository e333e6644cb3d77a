/**
 * A profile's connection options (issue 16): compression type, message trace, TLS and the NameServer
 * address server — validated by the contract, defaulted for profiles stored before they existed,
 * mapped to the producer's config, and TLS files checked by the host with one clear sentence.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../../../core/index.js';
import { producerConfig } from '../../../electron/services/producer-pool.js';
import { testProfileConnection } from '../../../electron/services/profile-test.js';
import { tlsFilesProblem } from '../../../electron/services/tls-files.js';
import { testWorkbench, type TestWorkbench } from './support/workbench.js';

const dir = mkdtempSync(join(tmpdir(), 'wb-tls-files-'));
const pem = join(dir, 'ca.pem');
writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = join(dir, 'ca.txt');
writeFileSync(notPem, 'hello');

describe('profile connection options', () => {
  let t: TestWorkbench | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('defaults: ZLIB, trace off to RMQ_SYS_TRACE_TOPIC, TLS off, no address server', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', { name: 'plain', namesrvAddrs: ['127.0.0.1:9876'] });
    expect(r.ok).toBe(true);
    expect(r.value.producer).toMatchObject({ compressType: 'ZLIB', compressThreshold: 4096, traceEnabled: false, traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
    expect(r.value.tls).toEqual({ enabled: false, insecureSkipVerify: false });
    expect(r.value.namesrvAddressServer).toBeUndefined();
    const cfg = producerConfig(r.value, undefined);
    expect(cfg).toMatchObject({
      compressType: 'ZLIB',
      traceEnabled: false,
      traceTopic: 'RMQ_SYS_TRACE_TOPIC',
      tls: undefined,
      namesrvAddressServer: undefined,
    });
  });

  it('a profile stored before these options existed still loads, with the defaults', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', { name: 'legacy', namesrvAddrs: ['127.0.0.1:9876'] });
    const db = new Database(t.wb.dbFile);
    // The stored shape of an older release: no tls, no address server, producer without the new keys.
    db.prepare('UPDATE profiles SET data = ? WHERE id = ?').run(
      JSON.stringify({ name: 'legacy', namesrvAddrs: ['127.0.0.1:9876'], environment: 'dev', readOnly: false, env: {}, producer: { retries: 3 } }),
      r.value.id,
    );
    db.close();
    const got = await t.call('profiles:get', { id: r.value.id });
    expect(got.ok).toBe(true);
    expect(got.value.tls).toEqual({ enabled: false, insecureSkipVerify: false });
    expect(got.value.producer).toMatchObject({ retries: 3, compressType: 'ZLIB', traceEnabled: false, traceTopic: 'RMQ_SYS_TRACE_TOPIC' });
  });

  it('maps every option to the producer config and keeps them across an update', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', {
      name: 'full',
      namesrvAddrs: ['127.0.0.1:9876'],
      namesrvAddressServer: 'http://127.0.0.1:8080/rocketmq/nsaddr',
      tls: { enabled: true, caFile: '/etc/rmq/ca.pem', certFile: '/etc/rmq/c.pem', keyFile: '/etc/rmq/c.key' },
      producer: { compressType: 'LZ4', compressThreshold: 1024, traceEnabled: true, traceTopic: 'MY_TRACE' },
    });
    expect(r.ok).toBe(true);
    expect(producerConfig(r.value, undefined)).toMatchObject({
      namesrvAddr: ['127.0.0.1:9876'],
      namesrvAddressServer: 'http://127.0.0.1:8080/rocketmq/nsaddr',
      tls: { caFile: '/etc/rmq/ca.pem', certFile: '/etc/rmq/c.pem', keyFile: '/etc/rmq/c.key', insecureSkipVerify: false },
      compressType: 'LZ4',
      compressMsgBodyOverHowmuch: 1024,
      traceEnabled: true,
      traceTopic: 'MY_TRACE',
    });
    const upd = await t.call('profiles:update', { id: r.value.id, patch: { producer: { compressType: 'ZSTD' }, namesrvAddressServer: '' } });
    expect(upd.ok).toBe(true);
    expect(upd.value.producer).toMatchObject({ compressType: 'ZSTD', compressThreshold: 1024, traceEnabled: true, traceTopic: 'MY_TRACE' });
    expect(upd.value.namesrvAddressServer).toBeUndefined();
    expect(upd.value.tls).toMatchObject({ enabled: true, caFile: '/etc/rmq/ca.pem' });
    // TLS off: no TLS in the config even though paths are remembered.
    const off = await t.call('profiles:update', { id: r.value.id, patch: { tls: { enabled: false, caFile: '/etc/rmq/ca.pem' } } });
    expect(producerConfig(off.value, undefined).tls).toBeUndefined();
  });

  it('an address server may stand in for typed addresses; neither is refused, also by an update', async () => {
    t = testWorkbench();
    const only = await t.call('profiles:create', { name: 'as', namesrvAddrs: [], namesrvAddressServer: 'https://ns.example:8443/nsaddr' });
    expect(only.ok).toBe(true);
    const none = await t.call('profiles:create', { name: 'none', namesrvAddrs: [] });
    expect(none.ok).toBe(false);
    expect(none.error.message).toMatch(/at least one NameServer address, or a NameServer address server/);
    const drop = await t.call('profiles:update', { id: only.value.id, patch: { namesrvAddressServer: '' } });
    expect(drop.ok).toBe(false);
    expect(drop.error.message).toMatch(/at least one NameServer address, or a NameServer address server/);
  });

  it('refuses bad values with the field named', async () => {
    t = testWorkbench();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ producer: { compressType: 'GZIP' } }, /compressType/],
      [{ producer: { traceTopic: 'bad topic' } }, /trace topic/],
      [{ namesrvAddressServer: 'ftp://x/nsaddr' }, /http:\/\/ or https:\/\//],
      [{ tls: { enabled: true, certFile: '/c.pem' } }, /both the client certificate and its key/],
      [{ tls: { enabled: true, caFile: '' } }, /file path is required/],
      [{ tls: { enabled: true, verify: false } }, /verify/],
    ];
    for (const [extra, msg] of cases) {
      const r = await t.call('profiles:create', { name: `bad-${JSON.stringify(extra)}`, namesrvAddrs: ['127.0.0.1:9876'], ...extra });
      expect(r.ok, JSON.stringify(extra)).toBe(false);
      expect(r.error.message, JSON.stringify(extra)).toMatch(msg);
    }
  });
});

describe('TLS files checked by the host', () => {
  it('names the field and the path: missing, a folder, not PEM; a PEM file passes; TLS off checks nothing', () => {
    expect(tlsFilesProblem({ enabled: true, insecureSkipVerify: false, caFile: pem })).toBeUndefined();
    expect(tlsFilesProblem({ enabled: true, insecureSkipVerify: false, caFile: join(dir, 'nope.pem') })).toBe(
      `TLS CA bundle ${join(dir, 'nope.pem')}: no such file`,
    );
    expect(tlsFilesProblem({ enabled: true, insecureSkipVerify: false, caFile: dir })).toBe(`TLS CA bundle ${dir} is a folder, not a file`);
    expect(tlsFilesProblem({ enabled: true, insecureSkipVerify: false, certFile: notPem, keyFile: pem })).toBe(
      `TLS client certificate ${notPem} is not a PEM file (no "-----BEGIN" line)`,
    );
    expect(tlsFilesProblem({ enabled: false, insecureSkipVerify: false, caFile: '/nope' })).toBeUndefined();
  });

  it('an unreadable file is "permission denied" (when not running as root, which reads anything)', () => {
    const locked = join(dir, 'locked.pem');
    writeFileSync(locked, '-----BEGIN CERTIFICATE-----\n');
    chmodSync(locked, 0o000);
    const expected = process.getuid?.() === 0 ? undefined : `TLS client key ${locked}: permission denied (the workbench cannot read it)`;
    expect(tlsFilesProblem({ enabled: true, insecureSkipVerify: false, certFile: pem, keyFile: locked })).toBe(expected);
  });

  it('Test connection reports a missing CA file as its problem, without touching the network', async () => {
    const r = await testProfileConnection(
      { namesrvAddrs: ['127.0.0.1:1'], tls: { enabled: true, insecureSkipVerify: false, caFile: '/nonexistent/ca.pem' } },
      undefined,
    );
    expect(r).toMatchObject({ ok: false, tls: true, problem: 'TLS CA bundle /nonexistent/ca.pem: no such file', nameServers: [] });
  });

  it('connect reports it as the connection error, with the TLS code', async () => {
    const t = testWorkbench();
    try {
      const r = await t.call('profiles:create', { name: 'tls', namesrvAddrs: ['127.0.0.1:1'], tls: { enabled: true, caFile: '/nonexistent/ca.pem' } });
      const st = await t.call('profiles:connect', { id: r.value.id });
      expect(st.ok).toBe(true);
      expect(st.value).toMatchObject({
        phase: 'error',
        error: { code: ClientErrorCode.TLS_EXCEPTION, message: 'TLS CA bundle /nonexistent/ca.pem: no such file' },
      });
    } finally {
      await t.close();
    }
  });
});
