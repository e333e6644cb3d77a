/**
 * The broker's `runtime` figure, "[ 0 days, 0 hours, 12 minutes, 10 seconds ]" (the store's uptime
 * as StoreStatsService.getFormatRuntime writes it), read into milliseconds and said briefly. Pure,
 * so it is unit-tested without a browser.
 */

const UNIT_MS: Record<string, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** Milliseconds, or undefined when the text is not the broker's runtime format. */
export function parseBrokerRuntime(text: string | undefined | null): number | undefined {
  if (typeof text !== 'string') return undefined;
  const inner = /^\s*\[?\s*(.*?)\s*\]?\s*$/.exec(text)?.[1] ?? '';
  if (!inner) return undefined;
  let total = 0;
  let parts = 0;
  for (const part of inner.split(',')) {
    const m = /^\s*(\d+)\s+(day|hour|minute|second)s?\s*$/i.exec(part);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
    parts++;
  }
  return parts ? total : undefined;
}

/**
 * "12 min 10 s", "3 h 12 min", "2 d 3 h"; the two most significant units, leading zeros dropped.
 * Text that is not in the broker's format comes back unchanged (a newer broker may word it otherwise).
 */
export function formatBrokerRuntime(text: string | undefined | null): string {
  const ms = parseBrokerRuntime(text);
  if (ms === undefined) return typeof text === 'string' && text.trim() ? text.trim() : '—';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}
