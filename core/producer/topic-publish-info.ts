/**
 * The writable queues of a topic, rebuilt immutably on every route change
 * (MQClientInstance.topicRouteData2TopicPublishInfo).
 */
import { withoutNamespace } from '../client/namespace.js';
import { isWriteable } from '../protocol/perm.js';
import { masterAddr, type TopicRouteData } from '../protocol/route-data.js';
import type { MessageQueue } from './message-queue.js';

export class TopicPublishInfo {
  private index: number;

  private constructor(
    readonly topic: string,
    readonly route: TopicRouteData,
    readonly messageQueues: readonly MessageQueue[],
    readonly orderTopic: boolean,
    private readonly random: () => number,
    /** Java haveTopicRouterInfo: false only for the placeholder put in before the first lookup. */
    readonly haveTopicRouterInfo = true,
  ) {
    this.index = Math.floor(random() * 0x7fffffff);
  }

  /** The queues as a selector sees them: topic without the namespace (Java strips it first). */
  userQueues(namespace: string | undefined): readonly MessageQueue[] {
    if (!namespace) return this.messageQueues;
    if (!this.unwrapped) {
      this.unwrapped = this.messageQueues.map((q) => ({ ...q, topic: withoutNamespace(namespace, q.topic) }));
    }
    return this.unwrapped;
  }

  private unwrapped: readonly MessageQueue[] | undefined;

  /** 5.x ThreadLocalIndex.reset on a retry: the round robin restarts at a random position. */
  resetIndex(): void {
    this.index = Math.floor(this.random() * 0x7fffffff);
  }

  /** The entry a first lookup starts from (no route known yet). */
  static placeholder(topic: string): TopicPublishInfo {
    return new TopicPublishInfo(topic, { queueDatas: [], brokerDatas: [] }, [], false, Math.random, false);
  }

  static fromRoute(topic: string, route: TopicRouteData, random: () => number = Math.random): TopicPublishInfo {
    const queues: MessageQueue[] = [];
    if (route.orderTopicConf) {
      for (const part of route.orderTopicConf.split(';')) {
        const [brokerName, n] = part.split(':');
        if (!brokerName) continue;
        for (let i = 0; i < Number(n); i++) queues.push({ topic, brokerName, queueId: i });
      }
      return new TopicPublishInfo(topic, route, queues, true, random);
    }
    const qds = [...route.queueDatas].sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0));
    for (const qd of qds) {
      if (!isWriteable(qd.perm)) continue;
      const bd = route.brokerDatas.find((b) => b.brokerName === qd.brokerName);
      if (!bd || !masterAddr(bd)) continue;
      for (let i = 0; i < qd.writeQueueNums; i++) queues.push({ topic, brokerName: qd.brokerName, queueId: i });
    }
    return new TopicPublishInfo(topic, route, queues, false, random);
  }

  ok(): boolean {
    return this.messageQueues.length > 0;
  }

  nextIndex(): number {
    this.index = (this.index + 1) & 0x7fffffff;
    return this.index;
  }

  /**
   * Round robin; on a retry prefers a queue on a broker other than the one that just failed
   * (the same in 4.9.8 and 5.x when fault avoidance is off).
   */
  selectOneMessageQueue(lastBrokerName?: string): MessageQueue {
    const qs = this.messageQueues;
    if (lastBrokerName !== undefined) {
      for (let i = 0; i < qs.length; i++) {
        const mq = qs[this.nextIndex() % qs.length]!;
        if (mq.brokerName !== lastBrokerName) return mq;
      }
    }
    return qs[this.nextIndex() % qs.length]!;
  }

  /** getQueueIdByBroker: the broker's write queue count in this route, -1 when it has none. */
  writeQueueNums(brokerName: string): number {
    return this.route.queueDatas.find((q) => q.brokerName === brokerName)?.writeQueueNums ?? -1;
  }

  brokerNames(): string[] {
    return [...new Set(this.messageQueues.map((q) => q.brokerName))];
  }
}
