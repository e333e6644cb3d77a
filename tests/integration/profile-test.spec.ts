/**
 * profiles:test against real clusters: the main one (no authentication) and the 'acl' profile (a 5.x
 * broker with authentication on), a closed port and an HTTP server. The ACL check is a signed
 * GET_BROKER_RUNTIME_INFO, which that broker refuses with bad or missing keys (the NameServer
 * answers anyone, so it proves nothing about keys).
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProfileConnection } from '../../electron/services/profile-test.js';
import { startCluster } from '../cluster/cluster.js';
import { NAMESRV } from './env.js';

let aclNamesrv = '';
let http: Server;
let httpAddr = '';
beforeAll(async () => {
  aclNamesrv = (await startCluster('acl')).namesrvAddr;
  http = createServer((_req, res) => res.end('dashboard')).listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  httpAddr = `127.0.0.1:${(http.address() as { port: number }).port}`;
});
afterAll(async () => {
  http.close();
});

describe('testProfileConnection', () => {
  it('reports the NameServer that answered, the cluster, the brokers, and no keys needed on the main cluster', async () => {
    const r = await testProfileConnection({ namesrvAddrs: ['127.0.0.1:1', NAMESRV] }, undefined);
    expect(r.ok).toBe(true);
    expect(r.answeredBy).toBe(NAMESRV);
    expect(r.nameServers.map((n) => [n.addr, n.ok])).toEqual([
      ['127.0.0.1:1', false],
      [NAMESRV, true],
    ]);
    expect(r.nameServers[0]!.error).toMatch(/ECONNREFUSED/);
    expect(r.clusters).toEqual(['DefaultCluster']);
    expect(r.brokerCount).toBe(2);
    expect(r.acl).toMatchObject({ state: 'not-required', signed: false });
  });

  it('ACL accepted with the right keys, refused with a wrong secret or without keys', async () => {
    const good = await testProfileConnection({ namesrvAddrs: [aclNamesrv] }, { accessKey: 'rocketmq', secretKey: '12345678' });
    expect(good, good.problem).toMatchObject({ ok: true, brokerCount: 1, acl: { state: 'accepted', signed: true, brokerName: 'broker-acl' } });

    const bad = await testProfileConnection({ namesrvAddrs: [aclNamesrv] }, { accessKey: 'rocketmq', secretKey: 'wrong' });
    expect(bad).toMatchObject({ ok: false, answeredBy: aclNamesrv, brokerCount: 1, acl: { state: 'refused', signed: true } });
    expect(bad.problem).toMatch(/refused the AccessKey\/SecretKey: check signature failed/);

    const none = await testProfileConnection({ namesrvAddrs: [aclNamesrv] }, undefined);
    expect(none).toMatchObject({ ok: false, acl: { state: 'refused', signed: false } });
    expect(none.problem).toMatch(/requires AccessKey\/SecretKey/);
  });

  it('a closed port and an HTTP port fail with what they are', async () => {
    const closed = await testProfileConnection({ namesrvAddrs: ['127.0.0.1:1'] }, undefined);
    expect(closed).toMatchObject({ ok: false, brokerCount: 0, acl: { state: 'not-checked' } });
    expect(closed.problem).toMatch(/^The NameServer did not answer: .*ECONNREFUSED/);

    const web = await testProfileConnection({ namesrvAddrs: [httpAddr] }, undefined);
    expect(web.ok).toBe(false);
    expect(web.problem).toContain('this address answered with HTTP, not the RocketMQ remoting protocol — is it the dashboard or proxy port?');
  });
});
