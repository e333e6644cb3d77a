import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionClosedError, ConnectError, RequestTimeoutError, TooManyRequestsError } from '../../../core/errors.js';
import { createRequest } from '../../../core/remoting/command.js';
import { Connection } from '../../../core/remoting/connection.js';
import { ManualClock } from '../support/manual-clock.js';
import { ScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

function opts(clock: ManualClock, maxInflight = 100) {
  return { clock, serializeType: 'JSON' as const, connectTimeoutMs: 1000, maxInflight, sweepIntervalMs: 50 };
}

describe('Connection', () => {
  it('correlates responses by opaque even when they come back out of order', async () => {
    const held: (() => void)[] = [];
    server = await new ScriptedServer(() => 'silent').listen();
    const conn = await Connection.connect(server.addr, opts(new ManualClock()));
    const p1 = conn.request(createRequest(1, { n: '1' }), 1000);
    const p2 = conn.request(createRequest(1, { n: '2' }), 1000);
    await new Promise((r) => setTimeout(r, 30));
    void held;
    // answer in reverse order through the raw socket of the server
    const { encodeFrame } = await import('../../../core/remoting/frame.js');
    const reqs = server.requests;
    expect(reqs).toHaveLength(2);
    const sock = (server as unknown as { sockets: Set<import('node:net').Socket> }).sockets.values().next().value!;
    for (const r of [...reqs].reverse()) sock.write(encodeFrame({ code: 0, language: 'JAVA', version: 0, opaque: r.opaque, flag: 1, remark: r.extFields!.n }));
    expect((await p1).remark).toBe('1');
    expect((await p2).remark).toBe('2');
    conn.close();
  });

  it('times requests out on the sweeping timer', async () => {
    server = await new ScriptedServer(() => 'silent').listen();
    const clock = new ManualClock();
    const conn = await Connection.connect(server.addr, opts(clock));
    const p = conn.request(createRequest(1), 500).catch((e: unknown) => e);
    await clock.advance(499);
    await clock.advance(60);
    expect(await p).toBeInstanceOf(RequestTimeoutError);
    conn.close();
  });

  it('closes with a clear error and fails pending requests when the peer sends garbage', async () => {
    server = await new ScriptedServer(() => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')).listen();
    const closed: unknown[] = [];
    const conn = await Connection.connect(server.addr, { ...opts(new ManualClock()), onClose: (_c, e) => closed.push(e) });
    const err = await conn.request(createRequest(1), 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionClosedError);
    expect((err as Error).message).toMatch(/malformed data from peer/);
    expect(conn.isOpen).toBe(false);
    expect(closed).toHaveLength(1);
  });

  it('fails every pending request when the socket closes', async () => {
    server = await new ScriptedServer(() => 'silent').listen();
    const conn = await Connection.connect(server.addr, opts(new ManualClock()));
    const ps = [1, 2, 3].map(() => conn.request(createRequest(1), 10_000).catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 20));
    server.dropConnections();
    for (const e of await Promise.all(ps)) expect(e).toBeInstanceOf(ConnectionClosedError);
  });

  it('bounds in-flight requests: excess waits for a permit and times out with a clear error', async () => {
    server = await new ScriptedServer(() => 'silent').listen();
    const clock = new ManualClock();
    const conn = await Connection.connect(server.addr, opts(clock, 2));
    const ps = [1, 2, 3].map(() => conn.request(createRequest(1), 300).catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 20));
    expect(server.requests).toHaveLength(2);
    await clock.advance(400);
    const errs = await Promise.all(ps);
    expect(errs.filter((e) => e instanceof RequestTimeoutError)).toHaveLength(2);
    expect(errs.filter((e) => e instanceof TooManyRequestsError)).toHaveLength(1);
    conn.close();
  });

  it('reports a refused connection as a ConnectError', async () => {
    const err = await Connection.connect('127.0.0.1:1', opts(new ManualClock())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
  });
});
