/**
 * MQClientAPIImpl: the client's calls over the remoting client — send (sync, async, oneway), route
 * lookup, heartbeat and unregister. Each request's bytes come from its protocol module; this file
 * only chooses how a call goes on the wire (Java's invokeSync / invokeAsync / invokeOneway).
 */
import { BrokerResponseError } from '../errors.js';
import { ResponseCode } from '../protocol/codes.js';
import { decodeGetRouteInfo, encodeGetRouteInfo } from '../protocol/requests/get-route-info.js';
import { decodeHeartbeat, encodeHeartbeat } from '../protocol/requests/heart-beat.js';
import { decodeUnregisterClient, encodeUnregisterClient } from '../protocol/requests/unregister-client.js';
import type { TopicRouteData } from '../protocol/route-data.js';
import type { RemotingCommand } from '../remoting/command.js';
import type { RemotingClient } from '../remoting/remoting-client.js';

export type CommunicationMode = 'sync' | 'async' | 'oneway';

export class MQClientAPI {
  constructor(readonly remoting: RemotingClient) {}

  /**
   * A send request in the given mode. Sync closes the socket on a timeout
   * (clientCloseSocketIfTimeout); async does not (Java invokeAsync); oneway resolves with
   * undefined once written. Not async: the caller awaits the connection's own promise.
   */
  sendMessage(addr: string, request: RemotingCommand, timeoutMs: number, mode: CommunicationMode): Promise<RemotingCommand | undefined> {
    if (mode === 'sync') return this.remoting.invoke(addr, request, timeoutMs);
    if (mode === 'async') return this.remoting.invokeAsync(addr, request, timeoutMs);
    return this.remoting.invokeOneway(addr, request, timeoutMs) as Promise<undefined>;
  }

  /** getTopicRouteInfoFromNameServer: undefined when the NameServer says TOPIC_NOT_EXIST. */
  async getTopicRouteInfoFromNameServer(topic: string, timeoutMs: number): Promise<TopicRouteData | undefined> {
    try {
      const { addr, response } = await this.remoting.invokeNameServer(() => encodeGetRouteInfo(topic), timeoutMs);
      return decodeGetRouteInfo(addr, response);
    } catch (e) {
      if (e instanceof BrokerResponseError && e.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
      throw e;
    }
  }

  /** HEART_BEAT; resolves with the broker's MQVersion ordinal. */
  async sendHeartbeat(addr: string, clientId: string, producerGroups: string[], timeoutMs: number): Promise<number> {
    const res = await this.remoting.invoke(addr, encodeHeartbeat(clientId, producerGroups), timeoutMs);
    return decodeHeartbeat(addr, res).brokerVersion;
  }

  async unregisterClient(addr: string, clientId: string, producerGroup: string, timeoutMs: number): Promise<void> {
    const res = await this.remoting.invoke(addr, encodeUnregisterClient(clientId, producerGroup), timeoutMs);
    decodeUnregisterClient(addr, res);
  }
}
