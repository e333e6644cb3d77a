/**
 * TLS to NameServers and brokers (RocketMQ's server TLS, `tls.server.mode=enforcing`): a socket
 * factory for the connection layer, secure by default — the server's certificate must chain to the
 * CA bundle given (or the system's roots) and name the host connected to. Skipping verification is
 * possible only through the explicitly named `insecureSkipVerify`. Handshake failures are
 * translated into sentences that say what to fix; Node's own codes are kept in parentheses.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ClientErrorCode, MQClientError } from '../errors.js';
import type { SocketFactory } from './connection.js';

export interface TlsConfig {
  /** CA bundle (PEM file path) the server's certificate must chain to; default: the system's roots. */
  caFile?: string | undefined;
  /** Client certificate and key (PEM file paths) for mutual TLS (tls.server.need.client.auth=require). */
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** Passphrase of an encrypted client key. */
  keyPassphrase?: string | undefined;
  /**
   * DANGEROUS: accept any certificate (no CA check, no host-name check), as the Java client does by
   * default (tls.client.authServer=false). Only for a test cluster with a throw-away certificate.
   */
  insecureSkipVerify?: boolean | undefined;
  /** Name to expect in the certificate when it differs from the address' host (e.g. connecting by IP). */
  serverName?: string | undefined;
}

/** Client error code for TLS set-up and handshake failures (the Java client reports them as connect failures). */
export const TLS_ERROR_CODE = ClientErrorCode.TLS_EXCEPTION;

/** Marks a socket error that explainTlsError recognised as a TLS failure (not a refused or reset TCP connection). */
const TLS_FAILURE = Symbol('rocketmq.tlsFailure');

/** Whether a socket error is a TLS failure (certificate, handshake, not TLS): the connection layer turns it into a TlsError. */
export function isTlsFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[TLS_FAILURE] === true;
}

/** Node's codes for TLS failures: OpenSSL's (ERR_SSL_*), Node's own (ERR_TLS_*) and the X509 verify results. */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    /^(UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|CERT_|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|CERT_UNTRUSTED|CERT_REJECTED|HOSTNAME_MISMATCH)/.test(code)
  );
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MQClientError(`TLS ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`, {
      code: TLS_ERROR_CODE,
    });
  }
}

/** Node's TLS error codes → what the user should know. */
export function explainTlsError(
  e: NodeJS.ErrnoException & { reason?: string; host?: string; cert?: { subjectaltname?: string } },
  host: string,
  cfg: TlsConfig,
): string {
  const code = e.code ?? '';
  const ca = cfg.caFile ? `the CA you gave (${cfg.caFile})` : "the system's trusted CAs (give the cluster's CA bundle)";
  switch (code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return `TLS: the server's certificate at ${host} is not signed by ${ca} (${code})`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS: host name mismatch: the server's certificate is for ${e.cert?.subjectaltname ?? 'other names'}, not ${host}; connect by a name it lists or set the expected server name (${code})`;
    case 'CERT_HAS_EXPIRED':
      return `TLS: the server's certificate at ${host} has expired (${code})`;
    case 'CERT_NOT_YET_VALID':
      return `TLS: the server's certificate at ${host} is not valid yet (check the clocks) (${code})`;
    // The server's alert after our certificate (or its absence). Java servers answer a missing
    // client certificate with bad_certificate, OpenSSL ones with certificate_required.
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
    case 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE':
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN':
      return cfg.certFile
        ? `TLS: ${host} refused your client certificate ${cfg.certFile}: it is not signed by a CA the server trusts, or not for client use (${code})`
        : `TLS: ${host} requires a client certificate (mutual TLS): give a client certificate and key (${code})`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return `TLS: ${host} does not speak TLS (a plaintext NameServer or broker?): turn TLS off for this cluster (${code})`;
    default:
      return `TLS: ${e.message}`;
  }
}

/**
 * A socket factory that opens TLS connections. Files are read once, here, so a missing CA or key
 * fails when the client is configured, not on the first send.
 */
export function createTlsSocketFactory(cfg: TlsConfig): SocketFactory {
  if ((cfg.certFile === undefined) !== (cfg.keyFile === undefined)) {
    throw new MQClientError('TLS: a client certificate needs its key and a key its certificate (give both or neither)', { code: TLS_ERROR_CODE });
  }
  const base: ConnectionOptions = {
    ca: cfg.caFile ? readPem(cfg.caFile, 'CA bundle') : undefined,
    cert: cfg.certFile ? readPem(cfg.certFile, 'client certificate') : undefined,
    key: cfg.keyFile ? readPem(cfg.keyFile, 'client key') : undefined,
    passphrase: cfg.keyPassphrase,
    rejectUnauthorized: cfg.insecureSkipVerify !== true,
  };
  return (host, port) => {
    // SNI must not carry an IP address (RFC 6066); the certificate check still uses the IP SANs.
    const servername = cfg.serverName ?? (isIP(host) ? undefined : host);
    const socket = tlsConnect({ ...base, host, port, servername });
    // Rewrite the handshake error before the connection layer reads its message: the first
    // listener of 'error' sees it first.
    socket.prependListener('error', (e: NodeJS.ErrnoException) => {
      // Only TLS failures are rewritten and marked: a refused or reset TCP connection keeps its own words.
      if (!isTlsCode(e.code ?? '')) return;
      try {
        e.message = explainTlsError(e, `${host}:${port}`, cfg);
        Reflect.set(e, TLS_FAILURE, true);
      } catch {
        /* a frozen error keeps Node's message */
      }
    });
    return socket;
  };
}
