/** Scripted NameServer + brokers + a producer on the manual clock, for producer unit specs. */
import { DefaultMQProducer, type ProducerConfig } from '../../../core/index.js';
import type { RemotingCommand } from '../../../core/remoting/command.js';
import { ManualClock } from './manual-clock.js';
import { routeJson, ScriptedServer, type Reply } from './scripted-server.js';

export const SEND = 310;
export const ROUTE = 105;
export const HEART_BEAT = 34;

export interface Cluster {
  a: ScriptedServer;
  b: ScriptedServer | undefined;
  ns: ScriptedServer;
  clock: ManualClock;
  producer: DefaultMQProducer;
}

/** Waits (real time, bounded) until the condition holds: socket I/O is not on the manual clock. */
export async function until(what: string, cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The scripted peers and producers of one spec; dispose() (afterEach) shuts them all down. */
export class Harness {
  servers: ScriptedServer[] = [];
  producers: { shutdown(): Promise<void> }[] = [];

  /** Shut down by dispose(), whatever kind of producer it is. */
  track<P extends { shutdown(): Promise<void> }>(producer: P): P {
    this.producers.push(producer);
    return producer;
  }

  async server(h: (cmd: RemotingCommand) => Reply): Promise<ScriptedServer> {
    const s = await new ScriptedServer(h).listen();
    this.servers.push(s);
    return s;
  }

  /** Brokers answer SEND with their handler and everything else with SUCCESS; the NameServer answers every route request with both. */
  async cluster(opts: {
    a: (c: RemotingCommand) => Reply;
    b?: (c: RemotingCommand) => Reply;
    producer?: Partial<ProducerConfig>;
    route?: (c: RemotingCommand, brokers: { name: string; addr: string }[]) => Reply;
    other?: (c: RemotingCommand) => Reply;
  }): Promise<Cluster> {
    const other = opts.other ?? (() => ({ code: 0 }));
    const a = await this.server((c) => (c.code === SEND ? opts.a(c) : other(c)));
    const b = opts.b ? await this.server((c) => (c.code === SEND ? opts.b!(c) : other(c))) : undefined;
    const brokers = [{ name: 'broker-a', addr: a.addr }, ...(b ? [{ name: 'broker-b', addr: b.addr }] : [])];
    const ns = await this.server((c) => (c.code === ROUTE ? (opts.route ? opts.route(c, brokers) : { code: 0, body: routeJson(brokers) }) : { code: 0 }));
    const clock = new ManualClock();
    const producer = this.track(new DefaultMQProducer({ namesrvAddr: ns.addr, producerGroup: 'unit_group', clock, ...opts.producer }));
    await producer.start();
    return { a, b, ns, clock, producer };
  }

  async dispose(): Promise<void> {
    await Promise.all(this.producers.map((p) => p.shutdown().catch(() => {})));
    await Promise.all(this.servers.map((s) => s.close()));
    this.servers = [];
    this.producers = [];
  }
}
