/**
 * Per-broker fault items (LatencyFaultToleranceImpl): a broker is available again once `now`
 * reaches its start timestamp.
 */
import type { Clock } from '../clock.js';

export interface FaultItem {
  brokerName: string;
  currentLatency: number;
  /** Epoch ms from which the broker may be chosen again. */
  startTimestamp: number;
}

export class LatencyFaultTolerance {
  private readonly items = new Map<string, FaultItem>();

  constructor(private readonly clock: Clock) {}

  update(brokerName: string, currentLatency: number, notAvailableDuration: number): FaultItem {
    const item = { brokerName, currentLatency, startTimestamp: this.clock.now() + notAvailableDuration };
    this.items.set(brokerName, item);
    return item;
  }

  isAvailable(brokerName: string): boolean {
    const item = this.items.get(brokerName);
    return !item || this.clock.now() >= item.startTimestamp;
  }

  remove(brokerName: string): void {
    this.items.delete(brokerName);
  }

  /** When every broker is isolated: the one that becomes available soonest, then the fastest. */
  pickOneAtLeast(candidates: readonly string[]): string | undefined {
    let best: FaultItem | undefined;
    for (const name of candidates) {
      const it = this.items.get(name);
      if (!it) return name;
      if (!best || it.startTimestamp < best.startTimestamp || (it.startTimestamp === best.startTimestamp && it.currentLatency < best.currentLatency)) best = it;
    }
    return best?.brokerName;
  }

  snapshot(): FaultItem[] {
    return [...this.items.values()].map((i) => ({ ...i }));
  }
}
