/**
 * Topic writes: create or update a topic on one broker or on every master of a cluster
 * (UPDATE_AND_CREATE_TOPIC), and delete a topic from its brokers and every NameServer
 * (DELETE_TOPIC_IN_BROKER then DELETE_TOPIC_IN_NAMESRV, as mqadmin deleteTopic does).
 * Deletion is guarded: it needs an explicit `confirm: true` and refuses internal topics.
 */
import { BrokerResponseError, ValidationError } from '../errors.js';
import { ResponseCode } from '../protocol/codes.js';
import { decodeDeleteTopicInBroker, encodeDeleteTopicInBroker } from '../protocol/requests/delete-topic-in-broker.js';
import { decodeDeleteTopicInNamesrv, encodeDeleteTopicInNamesrv } from '../protocol/requests/delete-topic-in-namesrv.js';
import { decodeUpdateAndCreateTopic, encodeUpdateAndCreateTopic } from '../protocol/requests/update-and-create-topic.js';
import { MASTER_ID } from '../protocol/route-data.js';
import type { ClusterInfo } from '../protocol/cluster-info.js';
import { BrokerNotFoundError, ConfirmationRequiredError, toFailure, type AdminFailure } from './admin-errors.js';
import { callBroker, fetchClusterInfo, fetchRoute, type AdminContext } from './context.js';
import { topicKind } from './topic-kind.js';

import { NAME_PATTERN as VALID_CHARS, TOPIC_MAX_LENGTH } from '../rules/index.js';

export interface CreateTopicOptions {
  topic: string;
  /** Default 8, as mqadmin updateTopic. */
  readQueueNums?: number | undefined;
  /** Default 8. */
  writeQueueNums?: number | undefined;
  /** PermName bits (4 read, 2 write, 1 inherit); default 6 (read + write). 0–7: see checkTopicPerm. */
  perm?: number | undefined;
  /** Marks the topic config as ordered (TopicConfig.order). */
  order?: boolean | undefined;
  topicSysFlag?: number | undefined;
  /** 5.x topic attributes, e.g. { 'message.type': 'FIFO' }. */
  attributes?: Record<string, string> | undefined;
  /** Target: exactly one of a broker address or a cluster name (every master of it). */
  brokerAddr?: string | undefined;
  cluster?: string | undefined;
}

export interface BrokerOpResult {
  addr: string;
  brokerName: string | undefined;
  ok: boolean;
  error?: AdminFailure | undefined;
}

export interface CreateTopicResult {
  topic: string;
  ok: boolean;
  results: BrokerOpResult[];
}

export interface DeleteTopicOptions {
  /** Must be true: deleting a topic drops its messages' index and its route. */
  confirm: boolean;
  /** Delete only from this cluster's brokers (and its entries in the NameServers). */
  cluster?: string | undefined;
}

export interface DeleteTopicResult {
  topic: string;
  ok: boolean;
  brokers: BrokerOpResult[];
  nameServers: { addr: string; ok: boolean; error?: AdminFailure | undefined }[];
}

function namesOf(info: ClusterInfo | undefined) {
  return info ? { clusterNames: new Set(info.clusters.keys()), brokerNames: new Set(info.brokers.map((b) => b.brokerName)) } : {};
}

export function validateTopicName(topic: unknown, what: string, info?: ClusterInfo): asserts topic is string {
  if (typeof topic !== 'string' || topic.trim() === '') throw new ValidationError('The topic name is blank: enter a topic name.');
  if (topic.length > TOPIC_MAX_LENGTH) throw new ValidationError(`The topic name is longer than ${TOPIC_MAX_LENGTH} characters (it has ${topic.length}).`);
  if (!VALID_CHARS.test(topic))
    throw new ValidationError(`The topic name '${topic}' contains illegal characters: only letters, digits, '%', '|', '-' and '_' are allowed.`);
  const kind = topicKind(topic, namesOf(info));
  if (kind !== 'NORMAL') throw new ValidationError(`Cannot ${what} '${topic}': it is an internal RocketMQ topic (${kind}).`);
}

/** PermName.PERM_PRIORITY: the lowest bit a topic perm may not carry (PermName.isValid). */
export const PERM_PRIORITY = 0x8;

/**
 * Validators.checkTopicConfig of the 5.x Java client (MQClientAPIImpl.createTopic): a topic perm is
 * valid when 0 <= perm < PERM_PRIORITY (8). The priority bit is a broker permission, not a topic
 * one; a topic carrying it is dropped from 5.x topic listings (getUserTopicConfig). Java throws
 * MQClientException(NO_PERMISSION, "topicPermission value: 8 is invalid."); the same phrase is kept
 * here and the code stays the local-validation code, since nothing reached a broker.
 * 4.9.8's tools have no such check and send perm 8 to the broker; this refuses it for both.
 */
export function checkTopicPerm(perm: number): void {
  if (!Number.isInteger(perm) || perm < 0 || perm >= PERM_PRIORITY) {
    throw new ValidationError(
      `topicPermission value: ${perm} is invalid. A topic perm is 0–7: 4 read, 2 write, 1 inherit, summed (6 = read + write); 8 (priority) is not a topic permission.`,
    );
  }
}

function checkCount(v: number | undefined, name: string, fallback: number, max: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ValidationError(`${name} must be an integer from 0 to ${max} (got ${v}).`);
  return n;
}

function brokerNameOf(info: ClusterInfo | undefined, addr: string): string | undefined {
  return info?.brokers.find((b) => [...b.brokerAddrs.values()].includes(addr))?.brokerName;
}

export async function createOrUpdateTopic(ctx: AdminContext, o: CreateTopicOptions): Promise<CreateTopicResult> {
  if ((o.brokerAddr === undefined) === (o.cluster === undefined))
    throw new ValidationError('Say where to create the topic: give either brokerAddr or cluster (not both).');
  const readQueueNums = checkCount(o.readQueueNums, 'readQueueNums', 8, 65535);
  const writeQueueNums = checkCount(o.writeQueueNums, 'writeQueueNums', 8, 65535);
  const perm = o.perm ?? 6;
  checkTopicPerm(perm);
  validateTopicName(o.topic, 'create or update', undefined);
  const info = (await fetchClusterInfo(ctx).catch((e) => (o.cluster ? Promise.reject(e) : undefined)))?.value;
  validateTopicName(o.topic, 'create or update', info);

  let targets: { addr: string; brokerName: string | undefined }[];
  if (o.cluster !== undefined) {
    const names = info!.clusters.get(o.cluster);
    if (!names)
      throw new BrokerNotFoundError(`cluster '${o.cluster}' is not known to the NameServer (known: ${[...info!.clusters.keys()].join(', ') || 'none'})`);
    targets = info!.brokers
      .filter((b) => names.includes(b.brokerName) && b.brokerAddrs.has(MASTER_ID))
      .map((b) => ({ addr: b.brokerAddrs.get(MASTER_ID)!, brokerName: b.brokerName }));
    if (targets.length === 0) throw new BrokerNotFoundError(`cluster '${o.cluster}' has no master broker online`);
  } else {
    targets = [{ addr: o.brokerAddr!, brokerName: brokerNameOf(info, o.brokerAddr!) }];
  }

  const cmd = () =>
    encodeUpdateAndCreateTopic({ topic: o.topic, readQueueNums, writeQueueNums, perm, order: o.order, topicSysFlag: o.topicSysFlag, attributes: o.attributes });
  const results = await Promise.all(
    targets.map(async (t): Promise<BrokerOpResult> => {
      try {
        await callBroker(ctx, t.addr, cmd(), decodeUpdateAndCreateTopic);
        return { ...t, ok: true };
      } catch (e) {
        return { ...t, ok: false, error: toFailure(t.addr, e, t.brokerName) };
      }
    }),
  );
  return { topic: o.topic, ok: results.every((r) => r.ok), results };
}

export async function deleteTopic(ctx: AdminContext, topic: string, o: DeleteTopicOptions): Promise<DeleteTopicResult> {
  if (o?.confirm !== true) throw new ConfirmationRequiredError(`Deleting topic '${topic}'`);
  const info = (await fetchClusterInfo(ctx)).value;
  validateTopicName(topic, 'delete', info);

  const targets = new Map<string, string | undefined>();
  if (o.cluster !== undefined) {
    const names = info.clusters.get(o.cluster);
    if (!names) throw new BrokerNotFoundError(`cluster '${o.cluster}' is not known to the NameServer`);
    for (const b of info.brokers) if (names.includes(b.brokerName)) for (const a of b.brokerAddrs.values()) targets.set(a, b.brokerName);
  } else {
    try {
      const route = await fetchRoute(ctx, topic);
      for (const b of route.brokerDatas) for (const a of b.brokerAddrs.values()) targets.set(a, b.brokerName);
    } catch (e) {
      if (!(e instanceof BrokerResponseError && e.code === ResponseCode.TOPIC_NOT_EXIST)) throw e;
    }
  }

  const brokers = await Promise.all(
    [...targets].map(async ([addr, brokerName]): Promise<BrokerOpResult> => {
      try {
        await callBroker(ctx, addr, encodeDeleteTopicInBroker(topic), decodeDeleteTopicInBroker);
        return { addr, brokerName, ok: true };
      } catch (e) {
        return { addr, brokerName, ok: false, error: toFailure(addr, e, brokerName) };
      }
    }),
  );
  const nameServers = await Promise.all(
    ctx.instance.remoting.namesrvAddrs.map(async (addr) => {
      try {
        await callBroker(ctx, addr, encodeDeleteTopicInNamesrv(topic, o.cluster), decodeDeleteTopicInNamesrv);
        return { addr, ok: true };
      } catch (e) {
        return { addr, ok: false, error: toFailure(addr, e) };
      }
    }),
  );
  return { topic, ok: brokers.every((b) => b.ok) && nameServers.every((n) => n.ok), brokers, nameServers };
}
