/** Options shared by everything that talks through one client instance. */
import type { Clock } from '../clock.js';
import type { SerializeType } from '../remoting/command.js';
import type { SocketFactory } from '../remoting/connection.js';
import type { TlsConfig } from '../remoting/tls.js';
import type { Credentials } from './acl-rpc-hook.js';
import type { Logger } from '../logger.js';

export interface ClientConfig {
  /** One address or several ("a:9876;b:9876" or an array). */
  namesrvAddr: string | string[];
  instanceName?: string | undefined;
  clientIP?: string | undefined;
  /** Prefix wrapping topics and groups as `namespace%name`. */
  namespace?: string | undefined;
  serializeType?: SerializeType | undefined;
  pollNameServerInterval?: number | undefined;
  heartbeatBrokerInterval?: number | undefined;
  /** Timeout of NameServer and admin calls. */
  mqClientApiTimeout?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /** Send through the broker's VIP channel (port − 2). */
  vipChannelEnabled?: boolean | undefined;
  credentials?: Credentials | undefined;
  /** Async permits per connection (Java clientAsyncSemaphoreValue). */
  maxInflight?: number | undefined;
  /**
   * Close a broker connection when a sync request on it times out (Java clientCloseSocketIfTimeout,
   * default true in 4.9.8 and 5.x): a broker that silently drops packets is reconnected, not waited on.
   */
  clientCloseSocketIfTimeout?: boolean | undefined;
  /** Close a connection with no read or write for this long (Java clientChannelMaxIdleTimeSeconds × 1000, default 120 000). */
  clientChannelMaxIdleTimeMs?: number | undefined;
  /** Where the client reports task failures, route changes, reconnects, socket closes and callback errors (default: silent). */
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  socketFactory?: SocketFactory | undefined;
  /** TLS to NameServers and brokers (remoting/tls.ts); ignored when socketFactory is given. */
  tls?: TlsConfig | undefined;
  /**
   * NameServer address server URL (Java fetchNameServerAddr / TopAddressing): its body
   * "host:port;host:port" is the NameServer list, asked at start and every 2 minutes. When set, it
   * governs the list; namesrvAddr, if also given, is only the list to use until the first answer.
   */
  namesrvAddressServer?: string | undefined;
}

export function namesrvList(addr: ClientConfig['namesrvAddr']): string[] {
  const list = Array.isArray(addr) ? addr : addr.split(/[;,]/);
  return list.map((a) => a.trim()).filter((a) => a.length > 0);
}
