/**
 * Per-broker fault items (LatencyFaultToleranceImpl). Where 4.9.8 and 5.x differ — how a new
 * window combines with a running one, whether a broker can be "unreachable", and how
 * pickOneAtLeast chooses when everything is isolated — the behaviour decides (see
 * docs/producer-behaviour.md).
 */
import type { Clock } from '../clock.js';

export type ProducerBehaviour = 'java-5' | 'java-4.9';

export interface FaultItem {
  brokerName: string;
  currentLatency: number;
  /** Epoch ms from which the broker may be chosen again. */
  startTimestamp: number;
  /** 5.x only: false after a broker error until a later attempt on it succeeds (4.9.8: always true). */
  reachable: boolean;
}

export class LatencyFaultTolerance {
  private readonly items = new Map<string, FaultItem>();
  /** ThreadLocalIndex whichItemWorst: starts at a random value, as in Java. */
  private whichItemWorst: number;

  constructor(
    private readonly clock: Clock,
    readonly behaviour: ProducerBehaviour = 'java-5',
    private readonly random: () => number = Math.random,
  ) {
    this.whichItemWorst = Math.floor(random() * 0x7fffffff);
  }

  /**
   * 4.9.8: the window restarts at now + duration, so a fast success after a failure ends the
   * isolation at once. 5.x (FaultItem.updateNotAvailableDuration): a window only ever grows — a
   * zero duration or one ending earlier leaves the running window alone.
   */
  update(brokerName: string, currentLatency: number, notAvailableDuration: number, reachable = true): FaultItem {
    const now = this.clock.now();
    let item = this.items.get(brokerName);
    if (!item) {
      item = { brokerName, currentLatency, startTimestamp: 0, reachable: true };
      this.items.set(brokerName, item);
    }
    item.currentLatency = currentLatency;
    if (this.behaviour === 'java-4.9') {
      item.startTimestamp = now + notAvailableDuration;
    } else {
      if (notAvailableDuration > 0 && now + notAvailableDuration > item.startTimestamp) item.startTimestamp = now + notAvailableDuration;
      item.reachable = reachable;
    }
    return item;
  }

  isAvailable(brokerName: string): boolean {
    const item = this.items.get(brokerName);
    return !item || this.clock.now() >= item.startTimestamp;
  }

  isReachable(brokerName: string): boolean {
    return this.items.get(brokerName)?.reachable ?? true;
  }

  remove(brokerName: string | undefined): void {
    if (brokerName !== undefined) this.items.delete(brokerName);
  }

  /**
   * A broker to use when none is available. 4.9.8: every item of the table sorted (available
   * first, then lower latency, then earlier end of window) and a rotation over the better half.
   * 5.x: the items shuffled, the first reachable one (5.x's selection never calls it; kept so the
   * table answers the same question the same way).
   */
  pickOneAtLeast(): string | undefined {
    const list = [...this.items.values()];
    if (list.length === 0) return undefined;
    if (this.behaviour === 'java-4.9') {
      const now = this.clock.now();
      list.sort((a, b) => {
        const aa = now >= a.startTimestamp;
        const ba = now >= b.startTimestamp;
        if (aa !== ba) return aa ? -1 : 1;
        return a.currentLatency - b.currentLatency || a.startTimestamp - b.startTimestamp;
      });
      const half = Math.floor(list.length / 2);
      if (half <= 0) return list[0]!.brokerName;
      this.whichItemWorst = (this.whichItemWorst + 1) & 0x7fffffff;
      return list[this.whichItemWorst % half]!.brokerName;
    }
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = list[i]!;
      list[i] = list[j]!;
      list[j] = t;
    }
    return list.find((i) => i.reachable)?.brokerName;
  }

  snapshot(): FaultItem[] {
    return [...this.items.values()].map((i) => ({ ...i }));
  }
}
