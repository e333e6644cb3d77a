/**
 * profiles:test — a draft profile's connection checked before it is saved: which NameServer
 * answered, the clusters and brokers it lists, and whether a broker accepts the draft's keys.
 * Nothing is stored and no producer is registered. Environment-neutral (zod only), like the rest of
 * electron/common.
 */
import { z } from 'zod';
import { hostPort } from './contract-schemas.js';
import { NamesrvAddressServer, ProfileTls } from './contract-connection.js';

export const ProfileTestRequest = z
  .object({
    /** May be empty when namesrvAddressServer is given. */
    namesrvAddrs: z.array(hostPort).max(16),
    namesrvAddressServer: NamesrvAddressServer.optional(),
    tls: ProfileTls.optional(),
    accessKey: z.string().min(1).max(512).optional(),
    secretKey: z.string().min(1).max(512).optional(),
    namespace: z.string().max(256).optional(),
    headerSerialization: z.enum(['JSON', 'ROCKETMQ']).optional(),
    /** Editing a saved profile whose keys are stored: test with those when the draft gives none. */
    profileId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((p) => (p.accessKey === undefined) === (p.secretKey === undefined), {
    message: 'give both AccessKey and SecretKey, or neither',
    path: ['secretKey'],
  })
  .refine((p) => p.namesrvAddrs.length > 0 || !!p.namesrvAddressServer, {
    message: 'give at least one NameServer address, or a NameServer address server',
    path: ['namesrvAddrs'],
  });

export interface NameServerProbe {
  addr: string;
  ok: boolean;
  latencyMs: number;
  /** Brokers this NameServer lists (it answered GET_BROKER_CLUSTER_INFO). */
  brokerCount?: number | undefined;
  error?: string | undefined;
}

/**
 * accepted: a signed GET_BROKER_RUNTIME_INFO was answered; not-required: no keys were given and the
 * broker answered an unsigned one; refused: the broker answered NO_PERMISSION (bad or missing keys);
 * unreachable: the broker did not answer at all; not-checked: no broker to ask.
 */
export type AclCheckState = 'accepted' | 'not-required' | 'refused' | 'unreachable' | 'not-checked';

export interface ProfileTestResult {
  /** Every check passed: a NameServer answered, it lists brokers, and a broker accepts the keys. */
  ok: boolean;
  nameServers: NameServerProbe[];
  /** The address server's answer, when the draft names one: the list it gave, or why it did not answer. */
  addressServer?: { url: string; ok: boolean; addrs: string[]; error?: string | undefined } | undefined;
  /** Whether the test connected with TLS. */
  tls?: boolean | undefined;
  /** The NameServer address that answered the cluster query. */
  answeredBy?: string | undefined;
  clusters: string[];
  brokerCount: number;
  acl: { state: AclCheckState; brokerName?: string | undefined; addr?: string | undefined; signed: boolean; message?: string | undefined };
  /** When ok is false: what failed, in one sentence. */
  problem?: string | undefined;
  tookMs: number;
}
