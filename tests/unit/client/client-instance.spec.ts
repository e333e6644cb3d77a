import { afterEach, describe, expect, it } from 'vitest';
import { DefaultMQProducer, type ClientEvents } from '../../../core/index.js';
import { RemotingClient } from '../../../core/remoting/remoting-client.js';
import { createRequest } from '../../../core/remoting/command.js';
import { ManualClock } from '../support/manual-clock.js';
import { routeJson, ScriptedServer, sendOk } from '../support/scripted-server.js';

const ROUTE = 105;
const HEART_BEAT = 34;
const UNREGISTER = 35;

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup() {
  const broker = () => new ScriptedServer((c) => (c.code === 310 ? sendOk(c) : { code: 0 })).listen();
  const a = await broker();
  const b = await broker();
  let brokers = [
    { name: 'broker-a', addr: a.addr },
    { name: 'broker-b', addr: b.addr },
  ];
  const ns = await new ScriptedServer((c) => (c.code === ROUTE ? { code: 0, body: routeJson(brokers) } : { code: 0 })).listen();
  servers.push(a, b, ns);
  const clock = new ManualClock();
  const producer = new DefaultMQProducer({ namesrvAddr: ns.addr, producerGroup: 'sched_group', clock });
  await producer.start();
  await producer.send({ topic: 'SchedTopic', body: 'x' });
  return { a, b, ns, clock, producer, setBrokers: (x: typeof brokers) => (brokers = x) };
}

describe('client instance scheduled tasks', () => {
  it('refreshes the routes of used topics every pollNameServerInterval (30 s)', async () => {
    const { ns, clock, producer } = await setup();
    const base = ns.count(ROUTE);
    await clock.advance(29_000);
    const afterFirst = ns.count(ROUTE); // the 10 ms initial run
    expect(afterFirst).toBe(base + 1);
    await clock.advance(1_100);
    expect(ns.count(ROUTE)).toBe(afterFirst + 1);
    await clock.advance(30_000);
    expect(ns.count(ROUTE)).toBe(afterFirst + 2);
    await producer.shutdown();
  });

  it('sends HEART_BEAT with the producer groups to every master every 30 s', async () => {
    const { a, b, clock, producer } = await setup();
    const before = a.count(HEART_BEAT);
    await clock.advance(1_000);
    expect(a.count(HEART_BEAT)).toBe(before + 1);
    expect(b.count(HEART_BEAT)).toBeGreaterThanOrEqual(1);
    const body = JSON.parse(
      a.requests
        .filter((c) => c.code === HEART_BEAT)
        .at(-1)!
        .body!.toString(),
    );
    expect(body.clientID).toBe(producer.client.clientId);
    expect(body.producerDataSet.map((p: { groupName: string }) => p.groupName)).toEqual(expect.arrayContaining(['sched_group', 'CLIENT_INNER_PRODUCER']));
    await clock.advance(30_000);
    expect(a.count(HEART_BEAT)).toBe(before + 2);
    expect([...producer.client.heartbeats.values()].every((h) => h.ok)).toBe(true);
    await producer.shutdown();
  });

  it('emits a route diff and drops an offline broker at the next cleanup', async () => {
    const { b, clock, producer, setBrokers } = await setup();
    const changes: ClientEvents['route:changed'][] = [];
    producer.events.on('route:changed', (e) => changes.push(e));
    setBrokers([{ name: 'broker-b', addr: b.addr }]);
    await clock.advance(30_100);
    expect(changes.at(-1)).toMatchObject({ topic: 'SchedTopic', removed: ['broker-a'], added: [] });
    await clock.advance(30_000);
    expect(producer.client.brokerAddrTable.has('broker-a')).toBe(false);
    for (let i = 0; i < 4; i++) expect((await producer.send({ topic: 'SchedTopic', body: 'x' })).messageQueue.brokerName).toBe('broker-b');
    await producer.shutdown();
  });

  it('shutdown unregisters from every broker and stops the timers', async () => {
    const { a, b, clock, producer } = await setup();
    await producer.shutdown();
    for (const s of [a, b]) {
      const un = s.requests.find((c) => c.code === UNREGISTER);
      expect(un?.extFields).toMatchObject({ clientID: producer.client.clientId, producerGroup: 'sched_group' });
    }
    const hb = a.count(HEART_BEAT);
    await clock.advance(120_000);
    expect(a.count(HEART_BEAT)).toBe(hb);
  });
});

describe('NameServer failover', () => {
  it('moves to the next NameServer when the chosen one refuses connections', async () => {
    const ns = await new ScriptedServer(() => ({ code: 0, body: '{}' })).listen();
    servers.push(ns);
    const client = new RemotingClient({ namesrvAddrs: ['127.0.0.1:1', ns.addr], clock: new ManualClock(), random: () => 0 });
    expect(client.currentNamesrv).toBe('127.0.0.1:1');
    const { addr } = await client.invokeNameServer(() => createRequest(106), 1000);
    expect(addr).toBe(ns.addr);
    expect(client.currentNamesrv).toBe(ns.addr);
    client.shutdown();
  });

  it('says which NameServers it tried when none answers', async () => {
    const client = new RemotingClient({ namesrvAddrs: ['127.0.0.1:1', '127.0.0.1:2'], clock: new ManualClock() });
    await expect(client.invokeNameServer(() => createRequest(106), 1000)).rejects.toThrow(/no NameServer answered \(tried 127.0.0.1:1, 127.0.0.1:2\)/);
    client.shutdown();
  });
});
