/**
 * Health as ops see it: each broker's runtime info with the latency (or error) of the call
 * itself, each configured NameServer answering or not, and the client instance's own view
 * (heartbeats, broker versions, cached routes, open connections).
 */
import type { HeartbeatStatus } from '../client/client-instance.js';
import type { BrokerRuntimeInfo } from '../protocol/broker-runtime-info.js';
import { decodeGetBrokerClusterInfo, encodeGetBrokerClusterInfo } from '../protocol/requests/get-broker-cluster-info.js';
import { decodeGetBrokerRuntimeInfo, encodeGetBrokerRuntimeInfo } from '../protocol/requests/get-broker-runtime-info.js';
import { ResponseCode } from '../protocol/codes.js';
import { MASTER_ID } from '../protocol/route-data.js';
import { BrokerResponseError } from '../errors.js';
import { toFailure, type AdminFailure } from './admin-errors.js';
import { fetchClusterInfo, timedCall, type AdminContext } from './context.js';

/**
 * MQVersion ordinal → "V5_5_0". From 4.0.0 the enum runs Vx_y_z_SNAPSHOT, Vx_y_z for every
 * z 0..9 and y 0..9 (V4_0_0 = 213, V4_9_8 = 409, V5_0_0 = 413, V5_5_0 = 513).
 * Older ordinals (3.x) are reported as "ordinal N".
 */
export function mqVersionDesc(ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 212) return `ordinal ${ordinal}`;
  const n = ordinal - 212; // V4_0_0_SNAPSHOT
  const release = n % 2 === 1;
  const idx = Math.floor(n / 2);
  const major = 4 + Math.floor(idx / 100);
  const minor = Math.floor((idx % 100) / 10);
  const patch = idx % 10;
  return `V${major}_${minor}_${patch}${release ? '' : '_SNAPSHOT'}`;
}

export interface BrokerStatus {
  addr: string;
  /** Round trip of the GET_BROKER_RUNTIME_INFO call, ms. */
  latencyMs: number;
  info: BrokerRuntimeInfo;
}

/**
 * A broker samples its put/get statistics once a second (StoreStatsService) and, until its first
 * sample, answers GET_BROKER_RUNTIME_INFO with SYSTEM_ERROR "java.util.NoSuchElementException"
 * (LinkedList.getLast on the empty sample list) — mqadmin brokerStatus fails the same way. That is
 * "just started", not "broken": ask again, a few times, a sampling period apart.
 */
const STATS_NOT_SAMPLED = /NoSuchElementException/;
export const STATS_SAMPLE_RETRIES = 3;
export const STATS_SAMPLE_WAIT_MS = 500;

function statsNotSampledYet(e: unknown): boolean {
  return e instanceof BrokerResponseError && e.code === ResponseCode.SYSTEM_ERROR && STATS_NOT_SAMPLED.test(e.remark ?? '');
}

export async function brokerStatus(ctx: AdminContext, addr: string): Promise<BrokerStatus> {
  for (let retry = 0; ; retry++) {
    try {
      const { value, latencyMs } = await timedCall(ctx, addr, encodeGetBrokerRuntimeInfo(), decodeGetBrokerRuntimeInfo);
      return { addr, latencyMs, info: value };
    } catch (e) {
      if (retry >= STATS_SAMPLE_RETRIES || !statsNotSampledYet(e)) throw e;
      await new Promise<void>((resolve) => ctx.instance.clock.setTimeout(resolve, STATS_SAMPLE_WAIT_MS));
    }
  }
}

export interface BrokerHealth {
  cluster: string;
  brokerName: string;
  brokerId: number;
  role: 'MASTER' | 'SLAVE';
  addr: string;
  ok: boolean;
  /** Latency of the runtime-info call, or the time until it failed. */
  latencyMs: number;
  checkedAt: number;
  info?: BrokerRuntimeInfo | undefined;
  error?: AdminFailure | undefined;
}

/** Runtime info of every broker address the NameServer lists; a broker failing is a result, not an exception. */
export async function brokersHealth(ctx: AdminContext): Promise<BrokerHealth[]> {
  const { value: info } = await fetchClusterInfo(ctx);
  const jobs: Promise<BrokerHealth>[] = [];
  for (const b of info.brokers) {
    for (const [brokerId, addr] of b.brokerAddrs) {
      const base = { cluster: b.cluster, brokerName: b.brokerName, brokerId, role: brokerId === MASTER_ID ? ('MASTER' as const) : ('SLAVE' as const), addr };
      const t0 = ctx.instance.clock.now();
      jobs.push(
        brokerStatus(ctx, addr).then(
          (s) => ({ ...base, ok: true, latencyMs: s.latencyMs, checkedAt: t0, info: s.info }),
          (e: unknown) => ({ ...base, ok: false, latencyMs: ctx.instance.clock.now() - t0, checkedAt: t0, error: toFailure(addr, e, b.brokerName) }),
        ),
      );
    }
  }
  const out = await Promise.all(jobs);
  return out.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId);
}

export interface NameServerHealth {
  addr: string;
  ok: boolean;
  latencyMs: number;
  /** The NameServer the client currently prefers. */
  current: boolean;
  /** How many brokers it lists (it answered GET_BROKER_CLUSTER_INFO). */
  brokerCount?: number | undefined;
  error?: AdminFailure | undefined;
}

/** Asks every configured NameServer directly (no failover), so a dead one shows up as such. */
export async function nameServersHealth(ctx: AdminContext): Promise<NameServerHealth[]> {
  const remoting = ctx.instance.remoting;
  return Promise.all(
    remoting.namesrvAddrs.map(async (addr): Promise<NameServerHealth> => {
      const current = addr === remoting.currentNamesrv;
      const t0 = ctx.instance.clock.now();
      try {
        const { value, latencyMs } = await timedCall(ctx, addr, encodeGetBrokerClusterInfo(), decodeGetBrokerClusterInfo);
        return { addr, ok: true, latencyMs, current, brokerCount: value.brokers.length };
      } catch (e) {
        return { addr, ok: false, latencyMs: ctx.instance.clock.now() - t0, current, error: toFailure(addr, e) };
      }
    }),
  );
}

export interface ClientStatus {
  clientId: string;
  namesrvAddrs: string[];
  currentNamesrv: string;
  producerGroups: string[];
  /** Addresses with an open connection. */
  connections: string[];
  /** brokerName → replicas, as the client learnt them from routes. */
  brokerAddrTable: { brokerName: string; addrs: { brokerId: number; addr: string }[] }[];
  /** Last heartbeat per broker address (only sent while a producer is registered). */
  heartbeats: HeartbeatStatus[];
  /** Broker versions from heartbeat responses. */
  brokerVersions: { brokerName: string; addr: string; version: number; versionDesc: string }[];
  /** Topics with a cached route and the brokers serving them. */
  routes: { topic: string; brokerNames: string[] }[];
}

export function clientStatus(ctx: AdminContext): ClientStatus {
  const inst = ctx.instance;
  const sortBy = <T>(xs: T[], key: (x: T) => string) => xs.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    clientId: inst.clientId,
    namesrvAddrs: [...inst.remoting.namesrvAddrs],
    currentNamesrv: inst.remoting.currentNamesrv,
    producerGroups: inst.producerGroups(),
    connections: inst.remoting.addresses().sort(),
    brokerAddrTable: sortBy(
      [...inst.brokerAddrTable].map(([brokerName, m]) => ({
        brokerName,
        addrs: [...m].sort((a, b) => a[0] - b[0]).map(([brokerId, addr]) => ({ brokerId, addr })),
      })),
      (x) => x.brokerName,
    ),
    heartbeats: sortBy(
      [...inst.heartbeats.values()].map((h) => ({ ...h })),
      (h) => h.addr,
    ),
    brokerVersions: sortBy(
      [...inst.brokerVersionTable].flatMap(([brokerName, m]) =>
        [...m].map(([addr, version]) => ({ brokerName, addr, version, versionDesc: mqVersionDesc(version) })),
      ),
      (v) => v.addr,
    ),
    routes: sortBy(
      [...inst.routeTable].map(([topic, r]) => ({ topic, brokerNames: r.brokerDatas.map((b) => b.brokerName).sort() })),
      (r) => r.topic,
    ),
  };
}
