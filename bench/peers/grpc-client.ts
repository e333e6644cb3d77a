/**
 * Peer: rocketmq-client-nodejs (npm), Apache's 5.x gRPC client, through rocketmq-proxy (gRPC
 * endpoint 127.0.0.1:8081 by default). `send()` returns a promise; no oneway and no batch API.
 * The proxy compresses nothing on its own and the client sends bodies as given, so the
 * compressed case is marked unsupported rather than run uncompressed.
 */
import { Producer } from 'rocketmq-client-nodejs';
import type { CaseSpec } from '../protocol.js';
import { arg, runPeer, type Call } from './node-peer.js';

const endpoints = arg('proxy', '127.0.0.1:8081');
const topic = arg('topic');
let producer: Producer;

await runPeer({
  async start() {
    producer = new Producer({ endpoints, namespace: '', topic, requestTimeout: 3000 });
    await producer.startup();
  },
  async prepare(c: CaseSpec, body: Buffer): Promise<Call | { unsupported: string }> {
    if (c.mode === 'oneway') return { unsupported: 'rocketmq-client-nodejs has no oneway send' };
    if (c.mode === 'batch') return { unsupported: 'rocketmq-client-nodejs has no batch send' };
    if (c.compress) return { unsupported: 'rocketmq-client-nodejs has no body compression' };
    return async () => {
      await producer.send({ topic, body });
      return 1;
    };
  },
  async stop() {
    await producer.shutdown();
  },
});
