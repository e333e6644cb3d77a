/**
 * Fault-window countdowns from the host's clock. A fault item's `notAvailableUntil` is host time;
 * the renderer's wall clock may be off by any amount (another machine, a jump host), so the time
 * left is taken against the host time of the snapshot and then counted down on the renderer's
 * monotonic clock from when the snapshot arrived.
 */

/**
 * @param notAvailableUntil host epoch ms
 * @param snapshotAt host epoch ms of the fault table
 * @param receivedMono renderer monotonic ms (performance.now()) when the table arrived
 * @param nowMono renderer monotonic ms now
 */
export function remainingMs(notAvailableUntil: number, snapshotAt: number, receivedMono: number, nowMono: number): number {
  const atSnapshot = notAvailableUntil - snapshotAt;
  const elapsed = Math.max(0, nowMono - receivedMono);
  return Math.max(0, atSnapshot - elapsed);
}

/** Share (0..1) of the window still to run; `windowStart` is when this window was first seen (host ms). */
export function remainingShare(remaining: number, notAvailableUntil: number, windowStart: number): number {
  const total = notAvailableUntil - windowStart;
  if (!(total > 0)) return remaining > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, remaining / total));
}

/** "9.4 s" under a minute, "9 min 59 s" above (4.9's 600 s windows). */
export function fmtRemaining(ms: number): string {
  if (Math.round(ms / 100) < 600) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
