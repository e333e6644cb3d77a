/**
 * MQFaultStrategy: maps a send's latency to a not-available window per broker and steers queue
 * selection away from isolated brokers. Defaults are the 5.x tables (isolation ⇒ 10 s), which
 * suit an interactive tool better than 4.9.8's 600 s; both are configurable.
 */
import type { Clock } from '../clock.js';
import type { EventHub } from '../instrumentation.js';
import { LatencyFaultTolerance, type FaultItem } from './latency-fault-tolerance.js';
import type { MessageQueue } from './message-queue.js';
import type { TopicPublishInfo } from './topic-publish-info.js';

export interface FaultStrategyConfig {
  sendLatencyFaultEnable: boolean;
  latencyMax: number[];
  notAvailableDuration: number[];
  /** Latency charged for a failed attempt (isolation). */
  isolationLatencyMs: number;
}

export const DEFAULT_FAULT_CONFIG: FaultStrategyConfig = {
  sendLatencyFaultEnable: false,
  latencyMax: [50, 100, 550, 1800, 3000, 5000, 15000],
  notAvailableDuration: [0, 0, 2000, 5000, 6000, 10000, 30000],
  isolationLatencyMs: 10000,
};

export class FaultStrategy {
  readonly tolerance: LatencyFaultTolerance;

  constructor(
    readonly config: FaultStrategyConfig,
    private readonly clock: Clock,
    private readonly events?: EventHub,
  ) {
    if (config.latencyMax.length !== config.notAvailableDuration.length) {
      throw new Error('latencyMax and notAvailableDuration must have the same length');
    }
    this.tolerance = new LatencyFaultTolerance(clock);
  }

  computeNotAvailableDuration(latency: number): number {
    const { latencyMax, notAvailableDuration } = this.config;
    for (let i = latencyMax.length - 1; i >= 0; i--) if (latency >= latencyMax[i]!) return notAvailableDuration[i]!;
    return 0;
  }

  updateFaultItem(brokerName: string, latency: number, isolation: boolean): FaultItem | undefined {
    if (!this.config.sendLatencyFaultEnable) return undefined;
    const charged = isolation ? this.config.isolationLatencyMs : latency;
    const item = this.tolerance.update(brokerName, latency, this.computeNotAvailableDuration(charged));
    if (this.events?.wants('fault:update')) {
      const now = this.clock.now();
      this.events.emit('fault:update', { brokerName, currentLatency: latency, notAvailableUntil: item.startTimestamp, isolated: item.startTimestamp > now, at: now });
    }
    return item;
  }

  selectOneMessageQueue(info: TopicPublishInfo, lastBrokerName?: string): MessageQueue {
    if (!this.config.sendLatencyFaultEnable) return info.selectOneMessageQueue(lastBrokerName);
    const qs = info.messageQueues;
    const ft = this.tolerance;
    // 1. an available broker other than the one that just failed
    for (let i = 0; i < qs.length; i++) {
      const mq = qs[info.nextIndex() % qs.length]!;
      if (mq.brokerName !== lastBrokerName && ft.isAvailable(mq.brokerName)) return mq;
    }
    // 2. any available broker
    for (let i = 0; i < qs.length; i++) {
      const mq = qs[info.nextIndex() % qs.length]!;
      if (ft.isAvailable(mq.brokerName)) return mq;
    }
    // 3. all isolated: the broker that recovers first
    const pick = ft.pickOneAtLeast(info.brokerNames());
    if (pick !== undefined) {
      const n = info.writeQueueNums(pick);
      if (n > 0) return { topic: info.topic, brokerName: pick, queueId: info.nextIndex() % n };
    }
    return info.selectOneMessageQueue(lastBrokerName);
  }

  faultItems(): FaultItem[] {
    return this.tolerance.snapshot();
  }
}
