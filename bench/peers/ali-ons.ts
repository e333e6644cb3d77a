/**
 * Peer: ali-ons (npm), the pure-JavaScript RocketMQ remoting client. Its producer has one API,
 * `send(msg)` returning a promise, so "async with a window of W" is W concurrent sends (there is
 * no separate callback API); it has no oneway and no batch send — those cases say so.
 */
import { createRequire } from 'node:module';
import type { CaseSpec } from '../protocol.js';
import { arg, runPeer, type Call } from './node-peer.js';

const require = createRequire(import.meta.url);
const ons = require('ali-ons') as { Producer: new (o: object) => AliProducer; Message: new (topic: string, tags: string | null, body: Buffer) => object };
interface AliProducer {
  ready(): Promise<void>;
  send(msg: object): Promise<{ sendStatus: string }>;
  close(): Promise<void>;
}

const namesrvAddr = arg('namesrv');
const topic = arg('topic');
const producers = new Map<boolean, AliProducer>();
const quiet = { info() {}, warn() {}, debug() {}, error: (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n') };

async function producer(compress: boolean): Promise<AliProducer> {
  let p = producers.get(compress);
  if (!p) {
    p = new ons.Producer({
      httpclient: {}, // only used to look up Aliyun's address server; we give nameSrv directly
      nameSrv: namesrvAddr,
      producerGroup: `bench_alions_${compress ? 'z' : 'n'}_${process.pid}`,
      instanceName: `bench-alions-${process.pid}-${compress ? 'z' : 'n'}`,
      compressMsgBodyOverHowmuch: compress ? 4096 : 0x7fffffff,
      logger: quiet,
    });
    await p.ready();
    producers.set(compress, p);
  }
  return p;
}

await runPeer({
  async start() {
    await producer(false);
  },
  async prepare(c: CaseSpec, body: Buffer): Promise<Call | { unsupported: string }> {
    if (c.mode === 'oneway') return { unsupported: 'ali-ons has no oneway send' };
    if (c.mode === 'batch') return { unsupported: 'ali-ons has no batch send' };
    const p = await producer(c.compress);
    return async () => {
      const r = await p.send(new ons.Message(topic, null, body));
      if (r.sendStatus !== 'SEND_OK') throw new Error(`sendStatus ${r.sendStatus}`);
      return 1;
    };
  },
  async stop() {
    for (const p of producers.values()) await p.close();
  },
});
