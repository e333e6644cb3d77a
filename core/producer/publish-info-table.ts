/**
 * The producer's topicPublishInfoTable and tryToFindTopicPublishInfo: the cached publish info of
 * each topic; on a miss the topic's own route; only when the topic has no route at all, the
 * default topic's (TBW102) route, so the broker auto-creates it. A topic that has a route but no
 * writable queue (read-only, or no master) is not auto-created: the send fails with "No route
 * info of this topic … no writable queue", as in the Java client.
 */
import type { MQClientInstance } from '../client/client-instance.js';
import { NoRouteError } from '../errors.js';
import type { TopicRouteData } from '../protocol/route-data.js';
import { TopicPublishInfo } from './topic-publish-info.js';

export class TopicPublishInfoTable {
  private readonly table = new Map<string, TopicPublishInfo>();

  constructor(
    private readonly client: () => MQClientInstance,
    private readonly createTopicKey: string,
    private readonly defaultTopicQueueNums: number,
  ) {}

  get(wireTopic: string): TopicPublishInfo | undefined {
    return this.table.get(wireTopic);
  }

  topics(): string[] {
    return [...this.table.keys()];
  }

  needsRoute(wireTopic: string): boolean {
    const info = this.table.get(wireTopic);
    return info !== undefined && !info.ok();
  }

  onRouteUpdate(wireTopic: string, route: TopicRouteData): void {
    if (this.table.has(wireTopic)) this.table.set(wireTopic, TopicPublishInfo.fromRoute(wireTopic, route));
  }

  /** A usable publish info, or NoRouteError (NOT_FOUND_TOPIC_EXCEPTION). */
  async find(topic: string, wireTopic: string): Promise<TopicPublishInfo> {
    const inst = this.client();
    let info = this.table.get(wireTopic);
    if (!info?.ok()) {
      if (!info) this.table.set(wireTopic, TopicPublishInfo.placeholder(wireTopic));
      await inst.updateTopicRoute(wireTopic);
      info = this.table.get(wireTopic)!;
    }
    if (!info.ok() && !info.haveTopicRouterInfo) {
      const route = await inst.updateTopicRoute(wireTopic, { createTopicKey: this.createTopicKey, defaultTopicQueueNums: this.defaultTopicQueueNums });
      if (route) this.table.set(wireTopic, TopicPublishInfo.fromRoute(wireTopic, route));
      info = this.table.get(wireTopic)!;
      if (!info.ok()) {
        this.table.delete(wireTopic); // nothing to refresh: a mistyped topic is not polled forever
        throw new NoRouteError(
          topic,
          route
            ? `the default topic ${this.createTopicKey} has no writable queue`
            : `neither the topic nor the default topic ${this.createTopicKey} has a route`,
        );
      }
    }
    if (!info.ok()) throw new NoRouteError(topic, 'the topic has a route but no writable queue', { notWritable: true });
    return info;
  }
}
