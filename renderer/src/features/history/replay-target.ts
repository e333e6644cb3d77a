/**
 * Where a replay goes, decided before anything is sent. The host replays an entry to the profile it
 * was recorded under unless told otherwise (replay:run without profileId); this module says so in
 * the confirm dialog, and offers the active profile as the other choice when it differs:
 * "Recorded under 'staging'; will send to 'PROD' (production)". Pure: unit-tested without a page.
 */
import type { ConfirmChoice, ConfirmTarget } from '../../stores/ui.js';

export interface ReplayRow {
  id: number;
  profileId: string;
  profileName: string;
  topic: string;
  messageCount: number;
}
export interface ProfileLite {
  id: string;
  name: string;
  environment: string;
}
export type ReplayChoice = 'original' | 'active';

export interface ReplayPlan {
  /** Ask at all: a production target, or rows recorded under another profile than the active one. */
  ask: boolean;
  title: string;
  /** Without choices (every row from the active profile): the one target. */
  target?: ConfirmTarget | undefined;
  danger: boolean;
  choices: ConfirmChoice[];
  defaultChoice: ReplayChoice;
  /** replay:run's profileId for a choice (undefined = each entry's own profile). */
  profileIdFor: (c: ReplayChoice) => string | undefined;
  /** Profiles that must be connected before replaying with a choice. */
  connectFor: (c: ReplayChoice) => string[];
}

export function envWord(env: string): string {
  return env === 'prod' ? 'production' : env;
}
const quoteList = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

function topicsText(rows: ReplayRow[]): string {
  const t = uniq(rows.map((r) => r.topic));
  return t.length <= 3 ? t.join(', ') : `${t.slice(0, 3).join(', ')} and ${t.length - 3} more`;
}

function countText(rows: ReplayRow[]): string {
  const n = rows.reduce((s, r) => s + Math.max(1, r.messageCount), 0);
  const msgs = `${n.toLocaleString('en-US')} message${n === 1 ? '' : 's'}`;
  return rows.length > 1 ? `${msgs} from ${rows.length} entries` : msgs;
}

export function planReplay(rows: ReplayRow[], profiles: ProfileLite[], active: ProfileLite | null): ReplayPlan {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const originIds = uniq(rows.map((r) => r.profileId));
  const origins = originIds.map((id) => byId.get(id));
  const existing = origins.filter((p): p is ProfileLite => p !== undefined);
  const missing = originIds.filter((id) => !byId.has(id)).map((id) => rows.find((r) => r.profileId === id)!.profileName);
  const recordedNames = uniq(rows.map((r) => byId.get(r.profileId)?.name ?? r.profileName));
  const topic = topicsText(rows);
  const count = countText(rows);
  const title = `Replay ${count}?`;
  const targetOf = (ps: ProfileLite[]): ConfirmTarget => ({
    profile: ps.map((p) => p.name).join(', '),
    environment: uniq(ps.map((p) => p.environment))
      .sort((a, b) => (a === 'prod' ? -1 : b === 'prod' ? 1 : 0))
      .join(', '),
    topic,
    count,
  });
  const profileIdFor = (c: ReplayChoice): string | undefined => (c === 'active' ? active?.id : undefined);
  const connectFor = (c: ReplayChoice): string[] => (c === 'active' ? (active ? [active.id] : []) : existing.map((p) => p.id));

  // Every row from the active profile: one target, asked only on production (as a send is).
  if (active && originIds.length === 1 && originIds[0] === active.id) {
    const danger = active.environment === 'prod';
    return { ask: danger, title, target: targetOf([active]), danger, choices: [], defaultChoice: 'original', profileIdFor, connectFor };
  }

  const choices: ConfirmChoice[] = [];
  const originalDisabled = missing.length > 0;
  const recordedUnder = `Recorded under ${quoteList(recordedNames)}${missing.length ? ` (${quoteList(missing)} no longer exist${missing.length === 1 ? 's' : ''})` : ''}`;
  const named = (p: ProfileLite): string => `'${p.name}' (${envWord(p.environment)})`;
  choices.push({
    value: 'original',
    label: originalDisabled
      ? `Original profile ${quoteList(missing)} — no longer exists`
      : existing.length === 1
        ? `Original profile ${named(existing[0]!)}`
        : `Each entry's original profile (${quoteList(existing.map((p) => p.name))})`,
    detail: originalDisabled
      ? `${recordedUnder}; choose another profile.`
      : existing.length === 1
        ? `Will send to ${named(existing[0]!)}, where ${rows.length === 1 ? 'it was' : 'they were'} recorded.`
        : `Each entry goes back to the profile it was recorded under: ${existing.map(named).join(', ')}.`,
    target: targetOf(existing.length ? existing : []),
    danger: existing.some((p) => p.environment === 'prod'),
    disabled: originalDisabled,
  });
  if (active) {
    choices.push({
      value: 'active',
      label: `Active profile ${named(active)}`,
      detail: `${recordedUnder}; will send to ${named(active)}.`,
      target: targetOf([active]),
      danger: active.environment === 'prod',
    });
  }
  const defaultChoice: ReplayChoice = originalDisabled ? 'active' : 'original';
  const danger = choices.find((c) => c.value === defaultChoice)?.danger ?? false;
  return { ask: true, title, danger, choices, defaultChoice, profileIdFor, connectFor };
}
