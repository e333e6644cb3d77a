/**
 * Typed client errors (KafkaJS-style): every failure carries a stable `name`, a numeric `code`
 * (a broker response code or a client error code as in the Java ClientErrorCode), whether a retry
 * could help, and an optional cause. Retry decisions use these fields, never message text.
 */
// The table lives in core/rules, which the renderer and host also load at runtime; core re-exports it.
import { ClientErrorCode } from './rules/index.js';
export { ClientErrorCode };

export type ClientErrorCodeName = keyof typeof ClientErrorCode;

/** The name of a client error code, for logs and the docs' mapping table. */
export function clientErrorCodeName(code: number): string | undefined {
  for (const [name, c] of Object.entries(ClientErrorCode)) if (c === code) return name;
  return undefined;
}

export class MQClientError extends Error {
  override readonly name: string = 'MQClientError';
  readonly code: number;
  readonly retriable: boolean;
  constructor(message: string, opts: { code: number; retriable?: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = opts.code;
    this.retriable = opts.retriable ?? false;
  }
}

/** Input rejected before any network I/O (topic, body, properties, group…). */
export class ValidationError extends MQClientError {
  override readonly name = 'ValidationError';
  constructor(message: string) {
    super(message, { code: ClientErrorCode.MESSAGE_ILLEGAL });
  }
}

export class ConnectError extends MQClientError {
  override readonly name: string = 'ConnectError';
  readonly addr: string;
  constructor(addr: string, cause?: unknown, code: number = ClientErrorCode.CONNECT_BROKER_EXCEPTION) {
    super(`cannot connect to ${addr}${cause instanceof Error ? `: ${cause.message}` : ''}`, {
      code,
      retriable: true,
      cause,
    });
    this.addr = addr;
  }
}

/**
 * The TLS handshake with `addr` failed (certificate not trusted, host name mismatch, client
 * certificate required or refused, not TLS at all). A ConnectError, so another NameServer or
 * broker is still tried, but with its own code (TLS_EXCEPTION) so hosts and scripts can tell a
 * certificate problem from a host that is down.
 */
export class TlsError extends ConnectError {
  override readonly name = 'TlsError';
  constructor(addr: string, cause?: unknown) {
    super(addr, cause, ClientErrorCode.TLS_EXCEPTION);
  }
}

export class RequestTimeoutError extends MQClientError {
  override readonly name = 'RequestTimeoutError';
  readonly addr: string;
  constructor(addr: string, timeoutMs: number, what = 'request') {
    super(`${what} to ${addr} timed out after ${timeoutMs} ms`, { code: ClientErrorCode.ACCESS_BROKER_TIMEOUT, retriable: true });
    this.addr = addr;
  }
}

export class ConnectionClosedError extends MQClientError {
  override readonly name = 'ConnectionClosedError';
  readonly addr: string;
  constructor(addr: string, reason: string, cause?: unknown) {
    super(`connection to ${addr} closed: ${reason}`, { code: ClientErrorCode.CONNECTION_CLOSED, retriable: true, cause });
    this.addr = addr;
  }
}

/** Bytes from the network that do not form a valid remoting frame or header. */
export class ProtocolError extends MQClientError {
  override readonly name = 'ProtocolError';
  constructor(message: string, cause?: unknown) {
    super(message, { code: ClientErrorCode.PROTOCOL_ERROR, cause });
  }
}

export class TooManyRequestsError extends MQClientError {
  override readonly name = 'TooManyRequestsError';
  constructor(message: string) {
    super(message, { code: ClientErrorCode.TOO_MANY_REQUESTS, retriable: false });
  }
}

export class ClientClosedError extends MQClientError {
  override readonly name = 'ClientClosedError';
  constructor(message = 'the client has been shut down') {
    super(message, { code: ClientErrorCode.CLIENT_SHUTDOWN });
  }
}

/** A broker or NameServer answered with a non-success response code. */
export class BrokerResponseError extends MQClientError {
  override readonly name = 'BrokerResponseError';
  readonly remark: string | undefined;
  readonly addr: string;
  constructor(addr: string, code: number, codeName: string, remark: string | undefined, retriable: boolean) {
    super(`${addr} answered ${codeName} (${code})${remark ? `: ${remark}` : ''}`, { code, retriable });
    this.remark = remark;
    this.addr = addr;
  }
}

/**
 * Java's "No route info of this topic" (NOT_FOUND_TOPIC_EXCEPTION). `notWritable`: the topic has a
 * route, but no queue can take a message (read-only perm, or no master): the Java client fails
 * here too and does not fall back to auto-creation through the default topic.
 */
export class NoRouteError extends MQClientError {
  override readonly name = 'NoRouteError';
  readonly topic: string;
  readonly notWritable: boolean;
  constructor(topic: string, detail = '', opts: { notWritable?: boolean } = {}) {
    const hint = opts.notWritable
      ? 'The topic has a route but no writable queue: make its queues writable (perm 6, e.g. mqadmin updateTopicPerm) or start its master broker.'
      : 'Create the topic (e.g. mqadmin updateTopic) or enable autoCreateTopicEnable on the brokers.';
    super(`No route info of this topic: ${topic}${detail ? ` (${detail})` : ''}. ${hint}`, { code: ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION });
    this.topic = topic;
    this.notWritable = opts.notWritable ?? false;
  }
}

/** The producer or client is not running (Java: "The producer service state not OK"). */
export class ServiceStateError extends MQClientError {
  override readonly name = 'ServiceStateError';
  constructor(message: string) {
    super(`The producer service state not OK: ${message}`, { code: ClientErrorCode.SERVICE_STATE_ERROR });
  }
}

/** Plain object form for JSON, IPC and CLI output. */
export function errorToJSON(e: unknown): { name: string; code: number; retriable: boolean; message: string } {
  if (e instanceof MQClientError) return { name: e.name, code: e.code, retriable: e.retriable, message: e.message };
  if (e instanceof Error) return { name: e.name, code: ClientErrorCode.UNKNOWN_ERROR, retriable: false, message: e.message };
  return { name: 'Error', code: ClientErrorCode.UNKNOWN_ERROR, retriable: false, message: String(e) };
}
