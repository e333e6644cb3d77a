/**
 * Error codes that cross the boundary in `{ name, code, retriable, message }`, one table each:
 * client codes (1xxxx, as the Java ClientErrorCode; 13 is Java's MESSAGE_ILLEGAL) raised by core,
 * and host codes (2xxxx) raised by the Workbench host. Broker response codes (below 1000) are the
 * broker's own (core/protocol/codes.ts). The renderer reads both tables here at runtime.
 */
export const ClientErrorCode = {
  CONNECT_BROKER_EXCEPTION: 10001,
  ACCESS_BROKER_TIMEOUT: 10002,
  BROKER_NOT_EXIST_EXCEPTION: 10003,
  NO_NAME_SERVER_EXCEPTION: 10004,
  NOT_FOUND_TOPIC_EXCEPTION: 10005,
  REQUEST_TIMEOUT_EXCEPTION: 10006,
  CONNECTION_CLOSED: 10010,
  PROTOCOL_ERROR: 10011,
  CLIENT_SHUTDOWN: 10012,
  TOO_MANY_REQUESTS: 10013,
  /** The producer (or client) is not in a state that allows the call: not started, shut down, started twice. */
  SERVICE_STATE_ERROR: 10014,
  /** A producer group registered twice on one client instance (Java: MQClientException with -1). */
  GROUP_ALREADY_EXISTS: 10015,
  /** A deliver-at time sent to a broker older than 5.0, which would ignore it and deliver at once. */
  DELIVER_TIME_NOT_SUPPORTED: 10016,
  /** A MessageQueueSelector threw or returned no queue of the topic. */
  SELECT_QUEUE_FAILED: 10017,
  /** TLS could not be set up or its handshake failed: a CA/certificate/key file, the server's certificate, or the server refused ours. */
  TLS_EXCEPTION: 10018,
  /** An error that is not one of ours (a bug, or a user callback's exception). */
  UNKNOWN_ERROR: 10099,
  MESSAGE_ILLEGAL: 13,
} as const;

/** Codes for errors raised by the host itself, outside core's client (1xxxx) and broker response codes. */
export const HostErrorCode = {
  NO_HOST: 20001,
  FORBIDDEN_SENDER: 20002,
  INTERNAL: 20003,
  /** Input failed the contract's schema; the message names the field. */
  INVALID_INPUT: 20004,
  UNKNOWN_CHANNEL: 20005,
  NOT_FOUND: 20006,
  /** The profile is read-only: sends and topic changes are refused. */
  READ_ONLY: 20007,
  NOT_CONNECTED: 20008,
  /** A file (template export, data file) could not be parsed; nothing was changed. */
  BAD_FILE: 20009,
  CONFLICT: 20010,
  /** The transport to the host dropped (WebSocket closed); retry after reconnecting. */
  DISCONNECTED: 20011,
  UNAUTHORIZED: 20012,
  /** Too many requests in flight for this client (or reads of data files): retry when some have answered. */
  BUSY: 20013,
} as const;
