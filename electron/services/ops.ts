/**
 * Ops through the contract: the core admin's calls on a connected profile's client instance
 * (same connections and ACL signing as its producer), converted to plain JSON. Topic changes are
 * refused on read-only profiles. Health watches poll on an interval while a view keeps them open
 * and stop when their client (window or socket) goes away.
 */
import { randomUUID } from 'node:crypto';
import type { SendResult } from '../../core/index.js';
import type { z } from 'zod';
import type * as S from '../common/contract-schemas.js';
import type {
  ClusterHealthView,
  ClusterOverview,
  ClientStatusView,
  CreateTopicView,
  DeleteTopicView,
  HealthWatch,
  LookupView,
  QueryView,
  TopicListing,
  TopicRouteView,
  TopicStatusView,
  VerifyView,
} from '../common/contract.js';
import { invalidInput, notFound, readOnly, toApiError } from './errors.js';
import type { EventSink } from './event-sink.js';
import type { HistoryStore } from './history/history-store.js';
import type { ProducerPool } from './producer-pool.js';
import { fromResolvedView, toCoreMessage } from './send-service.js';
import {
  clientStatusToWire,
  clusterHealthToWire,
  clusterOverviewToWire,
  createTopicToWire,
  deleteTopicToWire,
  lookupToWire,
  queryToWire,
  topicListingToWire,
  topicRouteToWire,
  topicStatusToWire,
  verifyToWire,
} from './to-wire.js';

interface Watch {
  clientId: string;
  timer: NodeJS.Timeout;
}

export class OpsService {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly pool: ProducerPool,
    private readonly history: HistoryStore,
    private readonly sink: EventSink,
  ) {}

  private admin(profileId: string) {
    return this.pool.get(profileId).admin;
  }

  async clusters(profileId: string): Promise<ClusterOverview> {
    return clusterOverviewToWire(await this.admin(profileId).clusterList());
  }

  async topics(profileId: string): Promise<TopicListing> {
    return topicListingToWire(await this.admin(profileId).topicList());
  }

  async route(profileId: string, topic: string): Promise<TopicRouteView> {
    return topicRouteToWire(await this.admin(profileId).topicRoute(topic));
  }

  async topicStatus(profileId: string, topic: string): Promise<TopicStatusView> {
    return topicStatusToWire(await this.admin(profileId).topicStatus(topic));
  }

  async createTopic(i: z.output<typeof S.OpsCreateTopic>): Promise<CreateTopicView> {
    const conn = this.pool.get(i.profileId);
    if (conn.profile.readOnly) throw readOnly(conn.profile.name, 'creating or updating a topic');
    const r = await conn.admin.createOrUpdateTopic({
      topic: i.topic,
      cluster: i.cluster,
      brokerAddr: i.brokerAddr,
      readQueueNums: i.readQueueNums,
      writeQueueNums: i.writeQueueNums,
      perm: i.perm,
      order: i.order,
    } as Parameters<typeof conn.admin.createOrUpdateTopic>[0]);
    return createTopicToWire(r);
  }

  async deleteTopic(i: z.output<typeof S.OpsDeleteTopic>): Promise<DeleteTopicView> {
    const conn = this.pool.get(i.profileId);
    if (conn.profile.readOnly) throw readOnly(conn.profile.name, 'deleting a topic');
    const r = await conn.admin.deleteTopic(i.topic, { confirm: i.confirm, cluster: i.cluster } as Parameters<typeof conn.admin.deleteTopic>[1]);
    return deleteTopicToWire(r);
  }

  async health(profileId: string): Promise<ClusterHealthView> {
    return clusterHealthToWire(await this.admin(profileId).clusterHealth(), profileId, Date.now());
  }

  clientStatus(profileId: string): ClientStatusView {
    return clientStatusToWire(this.admin(profileId).clientStatus());
  }

  watchHealth(profileId: string, intervalMs: number, clientId: string): HealthWatch {
    this.pool.get(profileId); // must be connected now
    const watchId = randomUUID();
    let busy = false;
    const poll = async () => {
      if (busy) return; // never overlap a slow poll
      busy = true;
      try {
        this.sink.emit('ops:healthUpdate', { watchId, profileId, health: await this.health(profileId), at: Date.now() });
      } catch (e) {
        this.sink.emit('ops:healthUpdate', { watchId, profileId, error: toApiError(e), at: Date.now() });
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), intervalMs);
    timer.unref();
    this.watches.set(watchId, { clientId, timer });
    void poll();
    return { watchId, intervalMs };
  }

  unwatchHealth(watchId: string): boolean {
    const w = this.watches.get(watchId);
    if (!w) return false;
    clearInterval(w.timer);
    this.watches.delete(watchId);
    return true;
  }

  /** A window closed or a socket dropped: its watches stop. */
  releaseClient(clientId: string): void {
    for (const [id, w] of this.watches) if (w.clientId === clientId) this.unwatchHealth(id);
  }

  stopAll(): void {
    for (const id of [...this.watches.keys()]) this.unwatchHealth(id);
  }

  async lookup(profileId: string, id: string, topic?: string): Promise<LookupView> {
    return lookupToWire(await this.admin(profileId).lookup(id, topic));
  }

  async queryByKey(i: z.output<typeof S.OpsQueryByKey>): Promise<QueryView> {
    return queryToWire(await this.admin(i.profileId).queryMessageByKey(i.topic, i.key, { begin: i.begin, end: i.end, maxNum: i.maxNum }));
  }

  /** Reads a recorded send back from its broker and compares it with what was sent. */
  async verify(historyId: number): Promise<VerifyView> {
    const e = this.history.get(historyId);
    if (!e) throw notFound(`history entry ${historyId}`);
    if (!e.result) throw invalidInput(`history entry ${historyId} has no SendResult to verify (status ${e.status})`);
    const r = e.result;
    const result: SendResult = {
      sendStatus: r.sendStatus,
      msgId: r.msgId,
      offsetMsgId: r.offsetMsgId,
      messageQueue: { topic: r.topic, brokerName: r.brokerName, queueId: r.queueId },
      queueOffset: BigInt(r.queueOffset),
      transactionId: r.transactionId,
      regionId: r.regionId,
      traceOn: false,
      brokerAddr: r.brokerAddr,
      attempts: [],
    };
    const msgs = fromResolvedView(e.request).messages.map(toCoreMessage);
    const v = await this.admin(e.profileId).verify(result, msgs.length === 1 ? msgs[0] : msgs);
    return verifyToWire(v, historyId);
  }
}
