/**
 * Certificates for the `tls` cluster profile, made with openssl on first use: a CA, a server
 * certificate for 127.0.0.1 (IP SAN; Netty wants its key as PKCS#8), a client certificate for
 * mutual TLS, and a second, unrelated CA that signed nothing (the "wrong CA" of the tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsCerts {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  otherCa: string;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`openssl not found (${r.error.message}): install it (Debian: apt-get install -y openssl)`);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

export function tlsCerts(): TlsCerts {
  const dir = join(tmpdir(), 'rocketmq-workbench', 'tls-certs');
  const c: TlsCerts = {
    dir,
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key.pk8'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key.pk8'),
    otherCa: join(dir, 'other-ca.pem'),
  };
  if (existsSync(join(dir, '.complete'))) return c;
  mkdirSync(dir, { recursive: true });
  const days = ['-days', '3650'];
  for (const ca of ['ca', 'other-ca']) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.pem`, ...days, '-subj', `/CN=workbench test ${ca}`], dir);
  }
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=workbench test ${who}`], dir);
    openssl(
      ['x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.pem`, ...days, '-extfile', `${who}.ext`],
      dir,
    );
    openssl(['pkcs8', '-topk8', '-nocrypt', '-in', `${who}.key`, '-out', `${who}.key.pk8`], dir);
  }
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  return c;
}

/**
 * RocketMQ's TLS system properties (TlsSystemConfig, 5.5.0) for a NameServer or broker in enforcing
 * mode with client certificates required. The broker's own client (registration with the
 * NameServer) follows tls.enable and the tls.client.* files. tls.test.mode.enable defaults to true,
 * which would serve a self-signed certificate and ignore every path: it must be off.
 */
export function rocketmqTlsServerProps(c: TlsCerts): string[] {
  return [
    '-Dtls.test.mode.enable=false',
    '-Dtls.server.mode=enforcing',
    '-Dtls.server.need.client.auth=require',
    `-Dtls.server.keyPath=${c.serverKey}`,
    `-Dtls.server.certPath=${c.serverCert}`,
    '-Dtls.server.authClient=true',
    `-Dtls.server.trustCertPath=${c.ca}`,
    ...rocketmqTlsClientProps(c),
  ];
}

/** For RocketMQ's own clients (the broker's registration, mqadmin): TLS on, server verified, our client cert. */
export function rocketmqTlsClientProps(c: TlsCerts): string[] {
  return [
    '-Dtls.test.mode.enable=false',
    '-Dtls.enable=true',
    '-Dtls.client.authServer=true',
    `-Dtls.client.trustCertPath=${c.ca}`,
    `-Dtls.client.keyPath=${c.clientKey}`,
    `-Dtls.client.certPath=${c.clientCert}`,
  ];
}
