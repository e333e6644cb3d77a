/**
 * Test connection for a draft profile (profiles:test). TLS files are checked first (one sentence
 * per problem); with a NameServer address server its list is fetched and tested (the typed list is
 * the fallback, as for the producer). A throwaway admin client, with its own
 * instance name so it never shares connections or keys with a connected profile, asks:
 *   1. every NameServer for the cluster info (which one answered, how many brokers it lists);
 *   2. the answering NameServer for the clusters;
 *   3. one master broker for GET_BROKER_RUNTIME_INFO, signed with the draft's keys. A 5.x broker
 *      with authentication on refuses it (NO_PERMISSION: "check signature failed", "User:x is not
 *      found", "username cannot be null") exactly as it refuses a send, while the NameServer
 *      answers anyone — so step 3 is the one that proves the keys. It registers nothing (a
 *      heartbeat would register a client on the broker).
 * Nothing is saved; the client is closed before the answer returns.
 */
import { randomUUID } from 'node:crypto';
import { BrokerResponseError, fetchNameServerAddr, MQAdmin, type Logger } from '../../core/index.js';
import type { ProfileTestResult, ProfileTls } from '../common/contract.js';
import type { Credentials } from './profiles.js';
import { tlsFilesProblem, toCoreTls } from './tls-files.js';

const NO_PERMISSION = 16;
/** Each call's timeout: a test should answer within a few seconds even for an address that drops packets. */
export const PROFILE_TEST_TIMEOUT_MS = 3000;

export interface ProfileTestDraft {
  namesrvAddrs: string[];
  namesrvAddressServer?: string | undefined;
  tls?: ProfileTls | undefined;
  namespace?: string | undefined;
  headerSerialization?: 'JSON' | 'ROCKETMQ' | undefined;
}

/**
 * The NameServers to test: the address server's list when it answers (as the producer will use it),
 * else the typed list as the producer's fallback; neither → the reason, as the result's problem.
 */
async function nameServersOf(draft: ProfileTestDraft, result: ProfileTestResult): Promise<string[] | undefined> {
  const url = draft.namesrvAddressServer;
  if (!url) return draft.namesrvAddrs;
  try {
    const addrs = await fetchNameServerAddr(url, PROFILE_TEST_TIMEOUT_MS);
    result.addressServer = { url, ok: true, addrs };
    return addrs;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    result.addressServer = { url, ok: false, addrs: [], error };
    if (draft.namesrvAddrs.length > 0) return draft.namesrvAddrs;
    result.problem = `${error}; and no NameServer address is typed to fall back on`;
    return undefined;
  }
}

export async function testProfileConnection(draft: ProfileTestDraft, creds: Credentials | undefined, logger?: Logger): Promise<ProfileTestResult> {
  const t0 = Date.now();
  const signed = creds !== undefined;
  const result: ProfileTestResult = { ok: false, nameServers: [], clusters: [], brokerCount: 0, acl: { state: 'not-checked', signed }, tookMs: 0 };
  result.tls = draft.tls?.enabled === true;
  let admin: MQAdmin | undefined;
  try {
    const tlsProblem = tlsFilesProblem(draft.tls);
    if (tlsProblem) {
      result.problem = tlsProblem;
      return result;
    }
    const namesrvAddrs = await nameServersOf(draft, result);
    if (!namesrvAddrs) return result;
    admin = MQAdmin.create(
      {
        namesrvAddr: namesrvAddrs,
        instanceName: `workbench-test-${randomUUID()}`,
        namespace: draft.namespace || undefined,
        credentials: creds,
        serializeType: draft.headerSerialization,
        tls: toCoreTls(draft.tls),
        mqClientApiTimeout: PROFILE_TEST_TIMEOUT_MS,
        logger,
      },
      { timeoutMs: PROFILE_TEST_TIMEOUT_MS },
    );
    const probes = await admin.nameServersHealth();
    result.nameServers = probes.map((n) => ({ addr: n.addr, ok: n.ok, latencyMs: n.latencyMs, brokerCount: n.brokerCount, error: n.error?.message }));
    const answered = probes.find((n) => n.ok);
    if (!answered) {
      const first = probes[0]?.error?.message ?? 'no answer';
      result.problem = probes.length === 1 ? `The NameServer did not answer: ${first}` : `No NameServer answered (first: ${first})`;
      return result;
    }
    result.answeredBy = answered.addr;
    const overview = await admin.clusterList();
    result.clusters = overview.clusters.map((c) => c.name);
    result.brokerCount = overview.brokers.length;
    const target = overview.brokers.find((b) => b.masterAddr);
    if (!target?.masterAddr) {
      result.problem = overview.brokers.length
        ? 'No broker has a master: nothing could store a message.'
        : `${answered.addr} answered but lists no broker: nothing could store a message.`;
      return result;
    }
    result.acl = { ...result.acl, brokerName: target.brokerName, addr: target.masterAddr };
    try {
      await admin.brokerStatus(target.masterAddr);
      result.acl.state = signed ? 'accepted' : 'not-required';
    } catch (e) {
      const refused = e instanceof BrokerResponseError && e.code === NO_PERMISSION;
      result.acl.state = refused ? 'refused' : 'unreachable';
      result.acl.message = e instanceof Error ? e.message : String(e);
      result.problem = refused
        ? signed
          ? `Broker ${target.brokerName} refused the AccessKey/SecretKey: ${e instanceof BrokerResponseError ? (e.remark ?? e.message) : ''}`
          : `Broker ${target.brokerName} requires AccessKey/SecretKey (authentication is on): ${e instanceof BrokerResponseError ? (e.remark ?? e.message) : ''}`
        : e instanceof BrokerResponseError
          ? `Broker ${target.brokerName} (${target.masterAddr}) answered its runtime-info request with an error, so the keys are not proven: ${result.acl.message}`
          : `Broker ${target.brokerName} (${target.masterAddr}) did not answer: ${result.acl.message}`;
      return result;
    }
    result.ok = true;
    return result;
  } catch (e) {
    result.problem = e instanceof Error ? e.message : String(e);
    return result;
  } finally {
    result.tookMs = Date.now() - t0;
    await admin?.close().catch(() => {});
  }
}
