/** Peer: this repository's TypeScript producer (core/index.ts), nothing bench-specific. */
import { DefaultMQProducer, type Message, type SendResult } from '../../core/index.js';
import type { CaseSpec } from '../protocol.js';
import { arg, runPeer, type Call } from './node-peer.js';

const namesrvAddr = arg('namesrv');
const topic = arg('topic');
const serializeType = arg('headers', 'JSON') === 'ROCKETMQ' ? 'ROCKETMQ' : 'JSON';
const producers = new Map<boolean, DefaultMQProducer>();

async function producer(compress: boolean): Promise<DefaultMQProducer> {
  let p = producers.get(compress);
  if (!p) {
    p = new DefaultMQProducer({
      namesrvAddr,
      producerGroup: `bench_ours_${compress ? 'z' : 'n'}_${process.pid}`,
      instanceName: `bench-ours-${process.pid}`,
      serializeType,
      // Compression off unless the case asks for it (Java's default threshold otherwise).
      compressMsgBodyOverHowmuch: compress ? 4096 : 0x7fffffff,
      compressLevel: 5,
    });
    await p.start();
    producers.set(compress, p);
  }
  return p;
}

await runPeer({
  async start() {
    await producer(false);
  },
  async prepare(c: CaseSpec, body: Buffer): Promise<Call> {
    const p = await producer(c.compress);
    const msg = (): Message => ({ topic, body });
    // Only SEND_OK counts as acknowledged, as the Java and ali-ons peers count.
    const acked = (r: SendResult, n: number): number => {
      if (r.sendStatus !== 'SEND_OK') throw new Error(`sendStatus ${r.sendStatus}`);
      return n;
    };
    switch (c.mode) {
      case 'sync':
        return async () => acked(await p.send(msg()), 1);
      case 'async':
        return async () => acked(await p.sendAsync(msg()), 1);
      case 'oneway':
        return async () => (await p.sendOneway(msg()), 1);
      case 'batch':
        return async () => acked(await p.send(Array.from({ length: c.batchSize }, msg)), c.batchSize);
    }
  },
  async stop() {
    for (const p of producers.values()) await p.shutdown();
  },
});
