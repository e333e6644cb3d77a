/**
 * TLS failures get their own client code (TLS_EXCEPTION, 10018) at the connection layer, on a
 * loopback TLS server with the test certificates: an untrusted server certificate, a peer that
 * does not speak TLS, and a refused TCP connect (not TLS, keeps CONNECT_BROKER_EXCEPTION).
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientErrorCode, ConnectError, TlsError } from '../../../core/errors.js';
import { Connection } from '../../../core/remoting/connection.js';
import { createTlsSocketFactory } from '../../../core/remoting/tls.js';
import { tlsCerts } from '../../cluster/tls-certs.js';
import { ManualClock } from '../support/manual-clock.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(s: Server): Promise<string> {
  servers.push(s);
  s.on('connection', (sock: Socket) => sockets.add(sock));
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as { port: number }).port}`)));
}

const opts = (socketFactory: ReturnType<typeof createTlsSocketFactory>) => ({
  clock: new ManualClock(),
  serializeType: 'JSON' as const,
  connectTimeoutMs: 5000,
  maxInflight: 10,
  sweepIntervalMs: 50,
  socketFactory,
});

describe('TLS errors at connect', () => {
  const certs = tlsCerts();

  it('a server certificate not signed by the CA given is a TlsError with code TLS_EXCEPTION', async () => {
    const addr = await listen(createTlsServer({ cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) }));
    const err = await Connection.connect(addr, opts(createTlsSocketFactory({ caFile: certs.otherCa }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsError);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as TlsError).code).toBe(ClientErrorCode.TLS_EXCEPTION);
    expect((err as Error).message).toContain(`is not signed by the CA you gave (${certs.otherCa})`);
  });

  it('the right CA connects', async () => {
    const addr = await listen(createTlsServer({ cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) }));
    const conn = await Connection.connect(addr, opts(createTlsSocketFactory({ caFile: certs.ca })));
    expect(conn.isOpen).toBe(true);
    conn.close();
  });

  it('a peer that answers plaintext is a TlsError ("does not speak TLS")', async () => {
    const addr = await listen(createNetServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const err = await Connection.connect(addr, opts(createTlsSocketFactory({ caFile: certs.ca }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsError);
    expect((err as Error).message).toMatch(/does not speak TLS/);
  });

  it('a refused TCP connect is not a TLS failure: ConnectError with CONNECT_BROKER_EXCEPTION', async () => {
    const s = createNetServer();
    const addr = await listen(s);
    await new Promise((r) => s.close(r));
    servers.splice(servers.indexOf(s), 1);
    const err = await Connection.connect(addr, opts(createTlsSocketFactory({ caFile: certs.ca }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect(err).not.toBeInstanceOf(TlsError);
    expect((err as ConnectError).code).toBe(ClientErrorCode.CONNECT_BROKER_EXCEPTION);
  });

  it('a missing CA file is refused with TLS_EXCEPTION, naming the file', () => {
    expect(() => createTlsSocketFactory({ caFile: '/nonexistent/ca.pem' })).toThrow(
      expect.objectContaining({ code: ClientErrorCode.TLS_EXCEPTION, message: 'TLS CA bundle /nonexistent/ca.pem: no such file' }),
    );
  });
});
