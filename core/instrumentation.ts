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
  'send:end': {
    sendId: number;
    topic: string;
    ok: boolean;
    status?: string | undefined;
    error?: string | undefined;
    latencyMs: number;
    attempts: number;
    at: number;
  };
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
  heartbeat: { addr: string; brokerName: string; ok: boolean; error?: string | undefined; at: number };
  connection: { type: 'opened' | 'closed'; addr: string; error?: string | undefined; at: number };
  // Transactions (TransactionMQProducer): one transaction is followed by its msgId (UNIQ_KEY).
  'transaction:half-sent': {
    group: string;
    topic: string;
    msgId: string;
    transactionId: string | undefined;
    offsetMsgId: string;
    brokerName: string;
    addr: string;
    queueId: number;
    queueOffset: bigint;
    status: string;
    at: number;
  };
  'transaction:local-outcome': {
    group: string;
    topic: string;
    msgId: string;
    state: 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';
    error?: string | undefined;
    at: number;
  };
  'transaction:end-sent': {
    group: string;
    topic: string;
    msgId: string;
    state: 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';
    fromTransactionCheck: boolean;
    addr: string;
    commitLogOffset: bigint;
    tranStateTableOffset: bigint;
    error?: string | undefined;
    at: number;
  };
  /** A broker asked for the state of a half message (CHECK_TRANSACTION_STATE); `handled` false when no producer of the group is registered here. */
  'transaction:check-received': {
    group: string;
    topic: string;
    msgId: string;
    transactionId: string | undefined;
    addr: string;
    brokerName: string | undefined;
    checkTimes: number;
    commitLogOffset: bigint;
    tranStateTableOffset: bigint;
    handled: boolean;
    at: number;
  };
  'transaction:check-answered': {
    group: string;
    topic: string;
    msgId: string;
    state: 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';
    addr: string;
    error?: string | undefined;
    at: number;
  };
  /** A reply arrived (PUSH_REPLY_MESSAGE_TO_CLIENT); `matched` false when no request waits for its correlation id. */
  'request:reply': { correlationId: string | undefined; topic: string; matched: boolean; at: number };
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
