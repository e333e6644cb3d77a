/**
 * TLS against RocketMQ's own server TLS (cluster profile `tls`: tls.server.mode=enforcing, client
 * certificates required, certificates made by tests/cluster/tls-certs.ts). Read back by mqadmin
 * running with RocketMQ's client TLS settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientErrorCode, DefaultMQProducer, type ProducerConfig } from '../../core/index.js';
import { testWorkbench } from '../unit/electron/support/workbench.js';
import { mqadmin, startCluster, stopCluster, type RunningCluster } from '../cluster/cluster.js';
import { tlsCerts, type TlsCerts } from '../cluster/tls-certs.js';
import { uniqueGroup, uniqueTopic } from './env.js';

let cluster: RunningCluster;
let certs: TlsCerts;
const topic = uniqueTopic('WbTls');
const open: DefaultMQProducer[] = [];

beforeAll(async () => {
  cluster = await startCluster('tls');
  certs = tlsCerts();
  const r = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2'], { profile: 'tls' });
  expect(r.status, r.stderr + r.stdout).toBe(0);
}, 300_000);
afterAll(async () => {
  await Promise.all(open.map((p) => p.shutdown()));
  // On CI, free the two cores for the next files; locally keep it for quick re-runs.
  if (process.env.CI) await stopCluster('tls');
});

async function producer(over: Partial<ProducerConfig>): Promise<DefaultMQProducer> {
  const p = new DefaultMQProducer({
    namesrvAddr: cluster.namesrvAddr,
    producerGroup: uniqueGroup('WbTls'),
    mqClientApiTimeout: 5000,
    connectTimeoutMs: 5000,
    ...over,
  });
  open.push(p);
  await p.start();
  return p;
}

describe('TLS (RocketMQ server TLS, enforcing, mutual)', () => {
  it('a TLS send with the CA and a client certificate is stored; mqadmin (with TLS) reads it back', async () => {
    const p = await producer({ tls: { caFile: certs.ca, certFile: certs.clientCert, keyFile: certs.clientKey } });
    const r = await p.send({ topic, body: 'over TLS', keys: 'tls-key-1' });
    expect(r.sendStatus).toBe('SEND_OK');
    const q = mqadmin(['queryMsgById', '-t', topic, '-i', r.offsetMsgId], { profile: 'tls' });
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout).toMatch(/Keys:\s+\[tls-key-1\]/);
    expect(q.stdout).toContain(r.msgId);
  });

  it('a plaintext client is refused', async () => {
    const p = await producer({});
    await expect(p.send({ topic, body: 'plain' }, { timeoutMs: 5000 })).rejects.toThrow(/no NameServer answered|closed|timed out|timeout/i);
  });

  it('a wrong CA fails with "not signed by the CA you gave"', async () => {
    const p = await producer({ tls: { caFile: certs.otherCa, certFile: certs.clientCert, keyFile: certs.clientKey } });
    await expect(p.send({ topic, body: 'x' })).rejects.toThrow(
      `the server's certificate at ${cluster.namesrvAddr} is not signed by the CA you gave (${certs.otherCa})`,
    );
  });

  it('mutual TLS without a client certificate fails clearly', async () => {
    const p = await producer({ tls: { caFile: certs.ca } });
    await expect(p.send({ topic, body: 'x' })).rejects.toThrow(/requires a client certificate \(mutual TLS\): give a client certificate and key/);
  });

  it('a host name the certificate does not list fails as a host name mismatch', async () => {
    // The certificate names 127.0.0.1 only; "localhost" reaches the same NameServer.
    const p = await producer({
      namesrvAddr: cluster.namesrvAddr.replace('127.0.0.1', 'localhost'),
      tls: { caFile: certs.ca, certFile: certs.clientCert, keyFile: certs.clientKey },
    });
    await expect(p.send({ topic, body: 'x' })).rejects.toThrow(/host name mismatch: the server's certificate is for IP Address:127\.0\.0\.1, not localhost:/);
  });

  it('a client certificate from a CA the server does not trust is refused, naming the certificate', async () => {
    // other-ca.pem is a self-signed CA certificate (with its key): a valid certificate, wrong issuer.
    const p = await producer({ tls: { caFile: certs.ca, certFile: certs.otherCa, keyFile: certs.otherCa.replace('.pem', '.key') } });
    await expect(p.send({ topic, body: 'x' })).rejects.toThrow(`refused your client certificate ${certs.otherCa}`);
  });

  it('a TLS profile through the host: Test connection passes with TLS, connect and send work (mqadmin reads it); a wrong CA fails with TLS_EXCEPTION', async () => {
    const t = testWorkbench();
    try {
      const tls = { enabled: true, caFile: certs.ca, certFile: certs.clientCert, keyFile: certs.clientKey };
      const test = await t.call('profiles:test', { namesrvAddrs: [cluster.namesrvAddr], tls });
      expect(test.value, JSON.stringify(test)).toMatchObject({ ok: true, tls: true });
      const p = await t.call('profiles:create', { name: 'tls', namesrvAddrs: [cluster.namesrvAddr], tls, producer: { group: uniqueGroup('WbTlsHost') } });
      const st = await t.call('profiles:connect', { id: p.value.id });
      expect(st.value.phase, JSON.stringify(st.value.error)).toBe('connected');
      const o = await t.call('send:message', { profileId: p.value.id, message: { topic, body: 'TLS from a profile', keys: 'tls-profile-1' } });
      expect(o.value?.status, JSON.stringify(o)).toBe('ok');
      const q = mqadmin(['queryMsgById', '-t', topic, '-i', o.value.result.offsetMsgId], { profile: 'tls' });
      expect(q.stdout).toMatch(/Keys:\s+\[tls-profile-1\]/);

      const bad = await t.call('profiles:create', { name: 'tls-wrong-ca', namesrvAddrs: [cluster.namesrvAddr], tls: { ...tls, caFile: certs.otherCa } });
      const badState = await t.call('profiles:connect', { id: bad.value.id });
      expect(badState.value).toMatchObject({ phase: 'error', error: { code: ClientErrorCode.TLS_EXCEPTION } });
      expect(badState.value.error.message).toContain(`is not signed by the CA you gave (${certs.otherCa})`);
    } finally {
      await t.close();
    }
  });

  it('a missing CA file is refused when the producer starts, naming the file', async () => {
    await expect(producer({ tls: { caFile: '/nonexistent/ca.pem' } })).rejects.toThrow('TLS CA bundle /nonexistent/ca.pem: no such file');
  });
});
