/**
 * Composer tabs as data: a draft is everything the composer form holds; a tab is a draft with a
 * title and where it came from. Pure functions (no Vue, no storage) so they are unit-tested;
 * stores/composer.ts keeps the active draft in refs and the tabs in localStorage per profile.
 */
import type { BodyFormat, SendMode, SendRequest, TemplateRequest } from '../../../../electron/common/api.js';

export interface PropRow {
  key: string;
  value: string;
}
export type TargetKind = 'auto' | 'queue' | 'orderKey';

export interface Draft {
  topic: string;
  tags: string;
  keys: string;
  props: PropRow[];
  body: string;
  bodyFormat: BodyFormat;
  mode: SendMode;
  delayLevel: number;
  targetKind: TargetKind;
  targetBroker: string;
  targetQueue: number;
  orderKey: string;
  batch: number;
  templateId?: string | undefined;
}

/** Where a tab's draft came from: sends from it are linked to that origin. */
export type DraftOrigin = { kind: 'template'; templateId: string; name: string } | { kind: 'history'; historyId: number };

export interface ComposerTab {
  id: string;
  /** The user's name for the tab; empty means "named after its topic". */
  title: string;
  origin?: DraftOrigin | undefined;
  draft: Draft;
}

export interface TabSet {
  activeId: string;
  tabs: ComposerTab[];
}

export const MAX_TABS = 30;

export function blankDraft(): Draft {
  return {
    topic: '',
    tags: '',
    keys: '',
    props: [],
    body: '',
    bodyFormat: 'text',
    mode: 'sync',
    delayLevel: 0,
    targetKind: 'auto',
    targetBroker: '',
    targetQueue: 0,
    orderKey: '',
    batch: 1,
  };
}

let counter = 0;
export function newTabId(): string {
  return `t${Date.now().toString(36)}${(counter++).toString(36)}`;
}

export function newTab(draft: Draft = blankDraft(), origin?: DraftOrigin, title = ''): ComposerTab {
  return { id: newTabId(), title, ...(origin ? { origin } : {}), draft };
}

/** What the tab strip shows. */
export function tabTitle(tab: ComposerTab, liveTopic?: string): string {
  if (tab.title.trim()) return tab.title.trim();
  const topic = (liveTopic ?? tab.draft.topic).trim();
  if (tab.origin?.kind === 'template') return tab.origin.name;
  if (tab.origin?.kind === 'history') return `Replay #${tab.origin.historyId}${topic ? ` · ${topic}` : ''}`;
  return topic || 'New message';
}

/** A template's or a send request's fields as a draft. */
export function draftFromRequest(req: TemplateRequest | SendRequest, templateId?: string): Draft {
  const m = req.message;
  const t = req.target ?? { kind: 'auto' };
  return {
    topic: m.topic,
    tags: m.tags ?? '',
    keys: Array.isArray(m.keys) ? m.keys.join(' ') : (m.keys ?? ''),
    props: Object.entries(m.properties ?? {}).map(([key, value]) => ({ key, value })),
    body: m.body,
    bodyFormat: m.bodyFormat ?? 'text',
    mode: req.mode ?? 'sync',
    delayLevel: m.delayLevel ?? 0,
    targetKind: t.kind,
    targetBroker: t.kind === 'queue' ? t.brokerName : '',
    targetQueue: t.kind === 'queue' ? t.queueId : 0,
    orderKey: t.kind === 'orderKey' ? t.key : '',
    batch: req.batch ?? 1,
    templateId,
  };
}

const FORMATS: readonly BodyFormat[] = ['text', 'json', 'hex', 'base64'];
const MODES: readonly SendMode[] = ['sync', 'async', 'oneway'];
const TARGETS: readonly TargetKind[] = ['auto', 'queue', 'orderKey'];
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const int = (v: unknown, d: number): number => (typeof v === 'number' && Number.isInteger(v) ? v : d);
const oneOf = <T extends string>(v: unknown, list: readonly T[], d: T): T => (list.includes(v as T) ? (v as T) : d);

/** A draft read back from storage, every field checked: stored JSON may be old or edited by hand. */
export function sanitizeDraft(raw: unknown): Draft {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const b = blankDraft();
  const props = Array.isArray(o.props)
    ? o.props
        .filter((p): p is PropRow => !!p && typeof p === 'object' && typeof (p as PropRow).key === 'string' && typeof (p as PropRow).value === 'string')
        .map((p) => ({ key: p.key, value: p.value }))
    : [];
  return {
    topic: str(o.topic),
    tags: str(o.tags),
    keys: str(o.keys),
    props,
    body: str(o.body),
    bodyFormat: oneOf(o.bodyFormat, FORMATS, b.bodyFormat),
    mode: oneOf(o.mode, MODES, b.mode),
    delayLevel: int(o.delayLevel, 0),
    targetKind: oneOf(o.targetKind, TARGETS, b.targetKind),
    targetBroker: str(o.targetBroker),
    targetQueue: int(o.targetQueue, 0),
    orderKey: str(o.orderKey),
    batch: int(o.batch, 1),
    ...(typeof o.templateId === 'string' ? { templateId: o.templateId } : {}),
  };
}

function sanitizeOrigin(raw: unknown): DraftOrigin | undefined {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
  if (o?.kind === 'template' && typeof o.templateId === 'string') return { kind: 'template', templateId: o.templateId, name: str(o.name, 'Template') };
  if (o?.kind === 'history' && typeof o.historyId === 'number') return { kind: 'history', historyId: o.historyId };
  return undefined;
}

/** A stored tab set, or one blank tab when there is none (or it is unreadable). */
export function parseTabSet(text: string | null): TabSet {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const tabs: ComposerTab[] = (Array.isArray(o.tabs) ? o.tabs : []).slice(0, MAX_TABS).flatMap((t: unknown) => {
    if (!t || typeof t !== 'object') return [];
    const r = t as Record<string, unknown>;
    const origin = sanitizeOrigin(r.origin);
    return [{ id: typeof r.id === 'string' && r.id ? r.id : newTabId(), title: str(r.title), ...(origin ? { origin } : {}), draft: sanitizeDraft(r.draft) }];
  });
  if (!tabs.length) tabs.push(newTab());
  const activeId = typeof o.activeId === 'string' && tabs.some((t) => t.id === o.activeId) ? o.activeId : tabs[0]!.id;
  return { activeId, tabs };
}

/** The tab to show after closing `id`: its right neighbour, else its left one. */
export function neighbourAfterClose(tabs: readonly ComposerTab[], id: string): string | undefined {
  const i = tabs.findIndex((t) => t.id === id);
  if (i < 0) return undefined;
  return (tabs[i + 1] ?? tabs[i - 1])?.id;
}
