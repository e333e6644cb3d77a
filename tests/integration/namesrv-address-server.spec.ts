/** The NameServer address server (Java fetchNameServerAddr) against a tiny HTTP endpoint started here. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer } from '../../core/index.js';
import { mqadmin } from '../cluster/cluster.js';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';

let server: Server;
let url: string;
let answer: { status: number; body: string } = { status: 200, body: `${NAMESRV}\n` };
let hits = 0;
const topic = uniqueTopic('WbAddrSrv');

beforeAll(async () => {
  expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2']).status).toBe(0);
  server = createServer((req, res) => {
    hits++;
    if (req.url !== '/rocketmq/nsaddr') return void res.writeHead(404).end();
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rocketmq/nsaddr`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('namesrvAddressServer', () => {
  it('takes the NameServer list from the address server at start, sends, and follows a changed list on the next poll', async () => {
    answer = { status: 200, body: `${NAMESRV}\n` };
    const p = new DefaultMQProducer({ namesrvAddr: '', namesrvAddressServer: url, producerGroup: uniqueGroup('WbAddrSrv') });
    await p.start();
    try {
      expect(hits).toBeGreaterThanOrEqual(1);
      expect(p.client.remoting.namesrvAddrs).toEqual([NAMESRV]);
      expect((await p.send({ topic, body: 'via address server' })).sendStatus).toBe('SEND_OK');
      // The operator adds a second NameServer: the next poll (every 2 minutes; asked now) applies it.
      answer = { status: 200, body: `${NAMESRV};127.0.0.1:9877` };
      await p.namesrvAddressPoller!.pollOnce();
      expect(p.client.remoting.namesrvAddrs).toEqual([NAMESRV, '127.0.0.1:9877']);
      // A failing address server keeps the last list.
      answer = { status: 503, body: '' };
      await p.namesrvAddressPoller!.pollOnce();
      expect(p.client.remoting.namesrvAddrs).toEqual([NAMESRV, '127.0.0.1:9877']);
    } finally {
      await p.shutdown();
    }
  });

  it('with no list configured, a failing or nonsensical address server fails start with a clear reason', async () => {
    answer = { status: 503, body: '' };
    const p1 = new DefaultMQProducer({ namesrvAddr: '', namesrvAddressServer: url, producerGroup: uniqueGroup('WbAddrSrv') });
    await expect(p1.start()).rejects.toThrow(`NameServer address server ${url}: HTTP 503`);
    answer = { status: 200, body: '<html>login</html>' };
    const p2 = new DefaultMQProducer({ namesrvAddr: '', namesrvAddressServer: url, producerGroup: uniqueGroup('WbAddrSrv') });
    await expect(p2.start()).rejects.toThrow(`NameServer address server ${url}: answered '<html>login</html>', which is not host:port`);
  });
});
