/** A shared, ticking "now" for relative times, running only while someone shows one. */
import { ref, type Ref } from 'vue';

/** Wall-clock ms, updated every second while at least one view retains the clock. */
export const now: Ref<number> = ref(Date.now());
let users = 0;
let timer = 0;

/** Starts the clock (if it is not running); the returned function releases it. */
export function retainClock(): () => void {
  if (users++ === 0) {
    now.value = Date.now();
    timer = window.setInterval(() => (now.value = Date.now()), 1000);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0) clearInterval(timer);
  };
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}
