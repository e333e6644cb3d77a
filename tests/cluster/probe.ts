/** Asks a NameServer which brokers it lists, with the core's own remoting client. */
import { systemClock } from '../../core/clock.js';
import { decodeGetBrokerClusterInfo, encodeGetBrokerClusterInfo } from '../../core/protocol/requests/get-broker-cluster-info.js';
import { masterAddr } from '../../core/protocol/route-data.js';
import { RemotingClient } from '../../core/remoting/remoting-client.js';
import type { SocketFactory } from '../../core/remoting/connection.js';

export async function fetchClusterInfo(
  namesrvAddr: string,
  timeoutMs: number,
  socketFactory?: SocketFactory,
): Promise<{ brokerName: string; masterAddr: string | undefined }[]> {
  const client = new RemotingClient({ namesrvAddrs: [namesrvAddr], clock: systemClock, connectTimeoutMs: timeoutMs, socketFactory });
  try {
    const { addr, response } = await client.invokeNameServer(() => encodeGetBrokerClusterInfo(), timeoutMs);
    return decodeGetBrokerClusterInfo(addr, response).brokers.map((b) => ({ brokerName: b.brokerName, masterAddr: masterAddr(b) }));
  } finally {
    client.shutdown();
  }
}
