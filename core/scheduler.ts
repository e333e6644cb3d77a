/**
 * Background jobs on the injected clock: each task catches its own errors, never overlaps itself,
 * and stops through the disposer returned at start.
 */
import type { Clock, TimerHandle } from './clock.js';

export type Disposer = () => void;

export function scheduleRepeating(
  clock: Clock,
  initialDelayMs: number,
  periodMs: number,
  task: () => Promise<void> | void,
  onError: (e: unknown) => void = () => {},
): Disposer {
  let stopped = false;
  let timer: TimerHandle | undefined;
  const run = async () => {
    timer = undefined;
    if (stopped) return;
    try {
      await task();
    } catch (e) {
      onError(e);
    }
    if (!stopped) timer = clock.setTimeout(() => void run(), periodMs);
  };
  timer = clock.setTimeout(() => void run(), initialDelayMs);
  return () => {
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
  };
}
