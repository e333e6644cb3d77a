/** How services push events to whichever host is running (IPC windows, WebSocket clients, tests). */
import type { EventName, EventPayloads } from '../common/contract.js';

export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** Fans out to many listeners; a listener that throws never breaks the others. */
export class EventBus implements EventSink {
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const fn of this.listeners) {
      try {
        fn(event, payload);
      } catch {
        // one broken transport must not stop the others
      }
    }
  }

  subscribe(fn: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
