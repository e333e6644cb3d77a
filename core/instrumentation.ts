/**
 * Typed events of the client. Emitting is free when nobody listens: producers of events call
 * `wants(type)` before building a payload on the hot path.
 */

/**
 * The queue an attempt went to, by shape: a leaf imports nothing above it, and producer's
 * MessageQueue is structurally the same, so producers pass theirs as is.
 */
export interface AttemptQueue {
  topic: string;
  brokerName: string;
  queueId: number;
}

export type SendMode = 'sync' | 'async' | 'oneway';

export interface ClientEvents {
  'send:start': { sendId: number; topic: string; mode: SendMode; count: number; at: number };
  'send:attempt': {
    sendId: number;
    attempt: number;
    brokerName: string;
    addr: string;
    queue: AttemptQueue;
    latencyMs: number;
    outcome: 'ok' | 'error';
    responseCode?: number | undefined;
    error?: string | undefined;
    at: number;
  };
  'send:retry': { sendId: number; attempt: number; avoidBroker: string; reason: string; at: number };
  'send:end': { sendId: number; topic: string; ok: boolean; status?: string | undefined; error?: string | undefined; latencyMs: number; attempts: number; at: number };
  /**
   * A fault item changed (only with sendLatencyFaultEnable). The item as in FaultTableSnapshot, plus
   * `at` (the client clock, epoch ms) so a view counts down from the host's time, not its own.
   * `isolated` = !available (kept for older listeners).
   */
  'fault:update': {
    behaviour: 'java-5' | 'java-4.9';
    brokerName: string;
    currentLatency: number;
    notAvailableUntil: number;
    available: boolean;
    reachable: boolean;
    isolated: boolean;
    at: number;
  };
  'route:changed': { topic: string; before: string | undefined; after: string; added: string[]; removed: string[]; at: number };
  'heartbeat': { addr: string; brokerName: string; ok: boolean; error?: string | undefined; at: number };
  'connection': { type: 'opened' | 'closed'; addr: string; error?: string | undefined; at: number };
}

export type ClientEventType = keyof ClientEvents;
type Listener<K extends ClientEventType> = (e: ClientEvents[K]) => void;

export class EventHub {
  private readonly listeners: { [K in ClientEventType]?: Listener<K>[] } = {};

  on<K extends ClientEventType>(type: K, fn: Listener<K>): () => void {
    const list = (this.listeners[type] ??= []) as Listener<K>[];
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  wants(type: ClientEventType): boolean {
    return (this.listeners[type]?.length ?? 0) > 0;
  }

  emit<K extends ClientEventType>(type: K, e: ClientEvents[K]): void {
    const list = this.listeners[type] as Listener<K>[] | undefined;
    if (!list) return;
    for (const fn of list) {
      try {
        fn(e);
      } catch {
        // A listener's bug must never break a send.
      }
    }
  }
}
