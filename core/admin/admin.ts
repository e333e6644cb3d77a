/**
 * MQAdmin: the ops facade. It runs on the MQClientInstance shared per configuration, so an
 * admin created with a producer's ClientConfig uses that producer's connections, NameServer
 * choice and ACL signing. Reads never change the instance's route table; writes (create/delete
 * topic) are explicit, and deletion needs `confirm: true`.
 */
import { ClientClosedError } from '../errors.js';
import { MQClientInstance } from '../client/client-instance.js';
import type { ClientConfig } from '../client/client-config.js';
import type { Message, SendResult } from '../producer/message.js';
import {
  brokersHealth,
  brokerStatus,
  clientStatus,
  nameServersHealth,
  type BrokerHealth,
  type BrokerStatus,
  type ClientStatus,
  type NameServerHealth,
} from './broker-health.js';
import { clusterOverview, type ClusterOverview } from './cluster.js';
import type { AdminContext } from './context.js';
import { browseByTime, consumedBy, lastMessages, messageAt, type BrowseResult, type ConsumedByResult, type TimeRangeOptions } from './message-browser.js';
import {
  lookupMessage,
  queryMessageByKey,
  queryMessageByUniqKey,
  viewMessage,
  type LookupResult,
  type MessageView,
  type QueryOptions,
  type QueryResult,
} from './message-lookup.js';
import {
  createOrUpdateTopic,
  deleteTopic,
  type CreateTopicOptions,
  type CreateTopicResult,
  type DeleteTopicOptions,
  type DeleteTopicResult,
} from './topic-admin.js';
import { listTopics, queueOffsets, topicRoute, topicStatus, type TopicListing, type TopicRouteView, type TopicStatus } from './topics.js';
import { verifySend, type VerifyResult } from './verify.js';

export interface AdminOptions {
  /** Timeout of each admin call; default the config's mqClientApiTimeout (3000 ms). */
  timeoutMs?: number | undefined;
}

export interface ClusterHealth {
  nameServers: NameServerHealth[];
  brokers: BrokerHealth[];
  client: ClientStatus;
}

export class MQAdmin {
  readonly instance: MQClientInstance;
  private readonly ctx: AdminContext;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    opts: AdminOptions = {},
  ) {
    this.instance = MQClientInstance.acquire(config);
    this.ctx = { instance: this.instance, timeoutMs: opts.timeoutMs ?? this.instance.apiTimeout };
  }

  static create(config: ClientConfig, opts?: AdminOptions): MQAdmin {
    return new MQAdmin(config, opts);
  }

  private get c(): AdminContext {
    if (this.closed) throw new ClientClosedError('this MQAdmin has been closed');
    return this.ctx;
  }

  // --- cluster and topics --------------------------------------------------------------

  /** Clusters, broker names, broker ids (master/slave) and addresses. */
  clusterList(): Promise<ClusterOverview> {
    return clusterOverview(this.c);
  }

  /** Every topic the NameServer knows, each marked with its kind (system, retry, DLQ, …). */
  topicList(): Promise<TopicListing> {
    return listTopics(this.c);
  }

  /** Brokers, addresses and queue datas (read/write queue numbers, decoded perm) of one topic. */
  topicRoute(topic: string): Promise<TopicRouteView> {
    return topicRoute(this.c, topic);
  }

  /** Per queue: min offset, max offset, message count and last update time. */
  topicStatus(topic: string): Promise<TopicStatus> {
    return topicStatus(this.c, topic);
  }

  /** GET_MIN_OFFSET / GET_MAX_OFFSET of one queue. */
  queueOffsets(topic: string, brokerName: string, queueId: number): Promise<{ addr: string; minOffset: bigint; maxOffset: bigint }> {
    return queueOffsets(this.c, topic, brokerName, queueId);
  }

  /** Creates or updates a topic on one broker (`brokerAddr`) or on every master of a cluster (`cluster`). */
  createOrUpdateTopic(o: CreateTopicOptions): Promise<CreateTopicResult> {
    return createOrUpdateTopic(this.c, o);
  }

  /** Deletes a topic from its brokers and every NameServer. Needs `{ confirm: true }`. */
  deleteTopic(topic: string, o: DeleteTopicOptions): Promise<DeleteTopicResult> {
    return deleteTopic(this.c, topic, o);
  }

  // --- health --------------------------------------------------------------------------

  /** GET_BROKER_RUNTIME_INFO of one broker, typed, with the call's latency. Throws on failure. */
  brokerStatus(addr: string): Promise<BrokerStatus> {
    return brokerStatus(this.c, addr);
  }

  /** Runtime info of every broker the NameServer lists; failures are reported per broker. */
  brokersHealth(): Promise<BrokerHealth[]> {
    return brokersHealth(this.c);
  }

  /** Each configured NameServer answering or not, with latency. */
  nameServersHealth(): Promise<NameServerHealth[]> {
    return nameServersHealth(this.c);
  }

  /** The client instance's own view: heartbeats, broker versions, cached routes, connections. */
  clientStatus(): ClientStatus {
    return clientStatus(this.c);
  }

  async clusterHealth(): Promise<ClusterHealth> {
    const [nameServers, brokers] = await Promise.all([this.nameServersHealth(), this.brokersHealth()]);
    return { nameServers, brokers, client: this.clientStatus() };
  }

  // --- messages ------------------------------------------------------------------------

  /** A stored message by its broker id (SendResult.offsetMsgId). */
  viewMessage(offsetMsgId: string, topic?: string): Promise<MessageView> {
    return viewMessage(this.c, offsetMsgId, topic);
  }

  /** Messages by client id (SendResult.msgId / UNIQ_KEY) across the topic's brokers. */
  queryMessageByUniqKey(topic: string, msgId: string, o?: QueryOptions): Promise<QueryResult> {
    return queryMessageByUniqKey(this.c, topic, msgId, o);
  }

  /** Messages by key (one of the message's KEYS) across the topic's brokers. */
  queryMessageByKey(topic: string, key: string, o?: QueryOptions): Promise<QueryResult> {
    return queryMessageByKey(this.c, topic, key, o);
  }

  /** Either id: an offsetMsgId is read directly; a client msgId needs the topic. */
  lookup(id: string, topic?: string): Promise<LookupResult> {
    return lookupMessage(this.c, id, topic);
  }

  /** Confirms a just-sent message (or batch) is stored where the SendResult says, optionally with the same content. */
  verify(result: SendResult, sent?: Message | Message[]): Promise<VerifyResult> {
    return verifySend(this.c, result, sent, this.config.namespace);
  }

  // --- message browser (read-only: pulls commit no consumer offset) -----------------------

  /** Messages of a topic stored within [from, to] (epoch ms), earliest first, at most `max`. */
  browseByTime(topic: string, o: TimeRangeOptions): Promise<BrowseResult> {
    return browseByTime(this.c, topic, o);
  }

  /** The newest `count` messages of one queue. */
  lastMessages(topic: string, brokerName: string, queueId: number, count: number): Promise<BrowseResult> {
    return lastMessages(this.c, topic, brokerName, queueId, count);
  }

  /** The stored message at one queue offset. */
  messageAt(topic: string, brokerName: string, queueId: number, queueOffset: bigint): Promise<MessageView> {
    return messageAt(this.c, topic, brokerName, queueId, queueOffset);
  }

  /** The topic's consumer groups and whether each has consumed the message at `queueOffset`. */
  consumedBy(topic: string, brokerName: string, queueId: number, queueOffset: bigint): Promise<ConsumedByResult> {
    return consumedBy(this.c, topic, brokerName, queueId, queueOffset);
  }

  /** Releases the shared client instance (the last user shuts it down). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.instance.release();
  }
}
