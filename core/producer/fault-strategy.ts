/**
 * MQFaultStrategy: maps an attempt's latency to a not-available window per broker and steers queue
 * selection away from isolated brokers, as the Java client of the chosen behaviour does
 * (tables, isolation latency, selection order: docs/producer-behaviour.md).
 */
import type { Clock } from '../clock.js';
import type { EventHub } from '../instrumentation.js';
import { LatencyFaultTolerance, type FaultItem, type ProducerBehaviour } from './latency-fault-tolerance.js';
import type { MessageQueue } from './message-queue.js';
import type { TopicPublishInfo } from './topic-publish-info.js';

export interface FaultStrategyConfig {
  behaviour: ProducerBehaviour;
  sendLatencyFaultEnable: boolean;
  latencyMax: number[];
  notAvailableDuration: number[];
  /** Latency charged for a failed attempt (`isolation`): 30 000 ms in 4.9.8, 10 000 ms in 5.x. */
  isolationLatencyMs: number;
}

/** The Java defaults of each behaviour (MQFaultStrategy fields, ClientConfig.sendLatencyEnable). */
export const FAULT_DEFAULTS: Readonly<Record<ProducerBehaviour, Readonly<FaultStrategyConfig>>> = {
  'java-5': {
    behaviour: 'java-5',
    sendLatencyFaultEnable: false,
    latencyMax: [50, 100, 550, 1800, 3000, 5000, 15000],
    notAvailableDuration: [0, 0, 2000, 5000, 6000, 10000, 30000],
    isolationLatencyMs: 10000,
  },
  'java-4.9': {
    behaviour: 'java-4.9',
    sendLatencyFaultEnable: false,
    latencyMax: [50, 100, 550, 1000, 2000, 3000, 15000],
    notAvailableDuration: [0, 0, 30000, 60000, 120000, 180000, 600000],
    isolationLatencyMs: 30000,
  },
};

/** @deprecated the 5.x defaults; use FAULT_DEFAULTS[behaviour]. */
export const DEFAULT_FAULT_CONFIG: Readonly<FaultStrategyConfig> = FAULT_DEFAULTS['java-5'];

export interface FaultItemView {
  brokerName: string;
  currentLatency: number;
  /** Epoch ms (the client clock) from which the broker may be chosen again. */
  notAvailableUntil: number;
  available: boolean;
  /** 5.x: false after a broker error until a success on it (always true in 4.9.8). */
  reachable: boolean;
}

/** The fault table as the core sees it at `at` (the client clock, epoch ms). */
export interface FaultTableSnapshot {
  behaviour: ProducerBehaviour;
  enabled: boolean;
  at: number;
  items: FaultItemView[];
}

export class FaultStrategy {
  readonly tolerance: LatencyFaultTolerance;

  constructor(
    readonly config: FaultStrategyConfig,
    private readonly clock: Clock,
    private readonly events?: EventHub,
    random: () => number = Math.random,
  ) {
    const { latencyMax, notAvailableDuration } = config;
    if (latencyMax.length !== notAvailableDuration.length) throw new Error('latencyMax and notAvailableDuration must have the same length');
    this.tolerance = new LatencyFaultTolerance(clock, config.behaviour, random);
  }

  get behaviour(): ProducerBehaviour {
    return this.config.behaviour;
  }

  computeNotAvailableDuration(latency: number): number {
    const { latencyMax, notAvailableDuration } = this.config;
    for (let i = latencyMax.length - 1; i >= 0; i--) if (latency >= latencyMax[i]!) return notAvailableDuration[i]!;
    return 0;
  }

  /** `isolation` charges the behaviour's isolation latency instead of the measured one. */
  updateFaultItem(brokerName: string, latency: number, isolation: boolean, reachable = true): FaultItem | undefined {
    if (!this.config.sendLatencyFaultEnable) return undefined;
    const charged = isolation ? this.config.isolationLatencyMs : latency;
    const item = this.tolerance.update(brokerName, latency, this.computeNotAvailableDuration(charged), reachable);
    if (this.events?.wants('fault:update')) {
      const now = this.clock.now();
      const available = now >= item.startTimestamp;
      this.events.emit('fault:update', {
        behaviour: this.config.behaviour,
        brokerName,
        currentLatency: latency,
        notAvailableUntil: item.startTimestamp,
        available,
        reachable: item.reachable,
        isolated: !available,
        at: now,
      });
    }
    return item;
  }

  /**
   * One queue for the next attempt. `resetIndex` (5.x, set on retries) restarts the round robin at
   * a random position, as TopicPublishInfo.resetIndex does.
   */
  selectOneMessageQueue(info: TopicPublishInfo, lastBrokerName: string | undefined, resetIndex = false): MessageQueue {
    if (!this.config.sendLatencyFaultEnable) return info.selectOneMessageQueue(lastBrokerName);
    return this.config.behaviour === 'java-4.9' ? this.select49(info) : this.select5(info, lastBrokerName, resetIndex);
  }

  /** 4.9.8: any available broker (the one that just failed included), else pickOneAtLeast. */
  private select49(info: TopicPublishInfo): MessageQueue {
    const qs = info.messageQueues;
    const ft = this.tolerance;
    const base = info.nextIndex();
    for (let i = 0; i < qs.length; i++) {
      const mq = qs[(base + i) % qs.length]!;
      if (ft.isAvailable(mq.brokerName)) return mq;
    }
    const notBest = ft.pickOneAtLeast();
    const writeQueueNums = notBest === undefined ? -1 : info.writeQueueNums(notBest);
    if (writeQueueNums > 0) {
      const mq = info.selectOneMessageQueue(undefined);
      return { topic: mq.topic, brokerName: notBest!, queueId: info.nextIndex() % writeQueueNums };
    }
    // The picked broker does not serve this topic: 4.9.8 drops its item from the table.
    ft.remove(notBest);
    return info.selectOneMessageQueue(undefined);
  }

  /** 5.x: available and not the last broker, then reachable and not the last broker, then any. */
  private select5(info: TopicPublishInfo, lastBrokerName: string | undefined, resetIndex: boolean): MessageQueue {
    if (resetIndex) info.resetIndex();
    const qs = info.messageQueues;
    const ft = this.tolerance;
    for (let i = 0; i < qs.length; i++) {
      const mq = qs[info.nextIndex() % qs.length]!;
      if (mq.brokerName !== lastBrokerName && ft.isAvailable(mq.brokerName)) return mq;
    }
    for (let i = 0; i < qs.length; i++) {
      const mq = qs[info.nextIndex() % qs.length]!;
      if (mq.brokerName !== lastBrokerName && ft.isReachable(mq.brokerName)) return mq;
    }
    return info.selectOneMessageQueue(undefined);
  }

  faultItems(): FaultItem[] {
    return this.tolerance.snapshot();
  }

  snapshot(): FaultTableSnapshot {
    const at = this.clock.now();
    return {
      behaviour: this.config.behaviour,
      enabled: this.config.sendLatencyFaultEnable,
      at,
      items: this.tolerance.snapshot().map((i) => ({
        brokerName: i.brokerName,
        currentLatency: i.currentLatency,
        notAvailableUntil: i.startTimestamp,
        available: at >= i.startTimestamp,
        reachable: i.reachable,
      })),
    };
  }
}
