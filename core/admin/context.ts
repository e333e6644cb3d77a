/**
 * What every admin call needs: the shared client instance (its connections, clock and
 * NameServer failover) and a timeout. Admin reads never touch the instance's route table, so
 * looking at a topic does not change what producers publish to.
 */
import type { MQClientInstance } from '../client/client-instance.js';
import { decodeGetBrokerClusterInfo, encodeGetBrokerClusterInfo } from '../protocol/requests/get-broker-cluster-info.js';
import { decodeGetRouteInfo, encodeGetRouteInfo } from '../protocol/requests/get-route-info.js';
import type { ClusterInfo } from '../protocol/cluster-info.js';
import { MASTER_ID, type BrokerData, type TopicRouteData } from '../protocol/route-data.js';
import type { RemotingCommand } from '../remoting/command.js';

export interface AdminContext {
  instance: MQClientInstance;
  /** Timeout of one admin call (default: the instance's mqClientApiTimeout, 3000 ms). */
  timeoutMs: number;
}

export async function callBroker<T>(
  ctx: AdminContext,
  addr: string,
  cmd: RemotingCommand,
  decode: (addr: string, res: RemotingCommand) => T,
  timeoutMs = ctx.timeoutMs,
): Promise<T> {
  const res = await ctx.instance.remoting.invoke(addr, cmd, timeoutMs);
  return decode(addr, res);
}

/** Like callBroker, also measuring the call's latency on the instance clock. */
export async function timedCall<T>(
  ctx: AdminContext,
  addr: string,
  cmd: RemotingCommand,
  decode: (addr: string, res: RemotingCommand) => T,
): Promise<{ value: T; latencyMs: number }> {
  const t0 = ctx.instance.clock.now();
  const value = await callBroker(ctx, addr, cmd, decode);
  return { value, latencyMs: ctx.instance.clock.now() - t0 };
}

export async function callNameServer<T>(
  ctx: AdminContext,
  make: () => RemotingCommand,
  decode: (addr: string, res: RemotingCommand) => T,
): Promise<{ addr: string; value: T }> {
  const { addr, response } = await ctx.instance.remoting.invokeNameServer(make, ctx.timeoutMs);
  return { addr, value: decode(addr, response) };
}

export async function fetchClusterInfo(ctx: AdminContext): Promise<{ addr: string; value: ClusterInfo }> {
  return callNameServer(ctx, encodeGetBrokerClusterInfo, decodeGetBrokerClusterInfo);
}

/** The topic's route from the NameServer; TOPIC_NOT_EXIST surfaces as a BrokerResponseError (code 17). */
export async function fetchRoute(ctx: AdminContext, topic: string): Promise<TopicRouteData> {
  return (await callNameServer(ctx, () => encodeGetRouteInfo(topic), decodeGetRouteInfo)).value;
}

/** BrokerData.selectBrokerAddr: the master if it has one, else the lowest-id replica. */
export function selectBrokerAddr(b: BrokerData): string | undefined {
  const master = b.brokerAddrs.get(MASTER_ID);
  if (master) return master;
  const ids = [...b.brokerAddrs.keys()].sort((x, y) => x - y);
  return ids.length > 0 ? b.brokerAddrs.get(ids[0]!) : undefined;
}
