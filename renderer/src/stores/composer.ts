/**
 * The composer: tabs of drafts (kept per profile in local storage), the active draft field by field,
 * its checks, the resolved preview, and the last send's outcome per tab.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type {
  ApiError,
  BodyFormat,
  HistoryEntry,
  ResolvedSend,
  SendMode,
  SendOutcome,
  SendRequest,
  Template,
  TemplateRequest,
  TemplateVariableDoc,
  VerifyView,
} from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import {
  blankDraft,
  draftFromRequest,
  MAX_TABS,
  neighbourAfterClose,
  newTab,
  parseTabSet,
  tabTitle,
  type ComposerTab,
  type Draft,
  type DraftOrigin,
  type PropRow,
  type TargetKind,
} from '../features/composer/drafts.js';
import { checkBody, DEFAULT_MAX_MESSAGE_SIZE, formatBytes, topicError } from '../lib/body-codec.js';
import { jsonProblem } from '../lib/json-syntax.js';
import { buildVariableItems, type VariableSource } from '../lib/variables.js';
import { useProfilesStore } from './profiles.js';
import { useTopicsStore } from './topics.js';
import { useUiStore } from './ui.js';

export type { PropRow, TargetKind, DraftOrigin, ComposerTab, Draft } from '../features/composer/drafts.js';

/** Result-panel state, kept per tab while the app runs (not persisted). */
interface TabResult {
  outcome: SendOutcome | null;
  sendError: ApiError | null;
  verify: VerifyView | null;
  verifyError: ApiError | null;
  blocked: boolean;
}

const tabsKey = (profileId: string | null): string => `workbench.composer.tabs.${profileId ?? '_none'}`;

export const useComposerStore = defineStore('composer', () => {
  const profiles = useProfilesStore();
  const topics = useTopicsStore();
  const ui = useUiStore();

  // The active tab's draft, field by field: forms bind to these directly.
  const topic = ref('');
  const tags = ref('');
  const keys = ref('');
  const props = ref<PropRow[]>([]);
  const body = ref('');
  const bodyFormat = ref<BodyFormat>('text');
  const mode = ref<SendMode>('sync');
  const delayLevel = ref(0);
  const targetKind = ref<TargetKind>('auto');
  const targetBroker = ref('');
  const targetQueue = ref(0);
  const orderKey = ref('');
  const batch = ref(1);
  const templateId = ref<string | undefined>(undefined);

  const sending = ref(false);
  const outcome = ref<SendOutcome | null>(null);
  const sendError = ref<ApiError | null>(null);
  const verify = ref<VerifyView | null>(null);
  const verifyError = ref<ApiError | null>(null);
  const verifying = ref(false);
  /** The last Send was refused before anything left the app (problems, a cancelled confirm). */
  const blocked = ref(false);
  const showProblems = ref(false);
  const preview = ref<ResolvedSend | null>(null);
  const previewError = ref<string | null>(null);
  const previewAt = ref<number | null>(null);

  const tabs = ref<ComposerTab[]>([]);
  const activeTabId = ref('');
  /** Set when the drafts could not be written to local storage (too large). */
  const persistError = ref<string | null>(null);
  const results = new Map<string, TabResult>();
  let setKey: string | null = null;

  /** Any field holding a template variable: then the preview is worth asking for. */
  const hasVariables = computed(() =>
    [
      topic.value,
      tags.value,
      keys.value,
      body.value,
      targetKind.value === 'orderKey' ? orderKey.value : '',
      ...props.value.flatMap((p) => [p.key, p.value]),
    ].some((s) => s.includes('{{')),
  );
  /** Changes whenever anything that goes into the request changes (cheap: no copy of the body). */
  const revision = computed(() => [
    topic.value,
    tags.value,
    keys.value,
    body.value,
    bodyFormat.value,
    mode.value,
    delayLevel.value,
    targetKind.value,
    targetBroker.value,
    targetQueue.value,
    orderKey.value,
    batch.value,
    props.value.map((p) => `${p.key}\u0000${p.value}`).join('\u0001'),
  ]);
  const maxSize = computed(() => profiles.active?.producer.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
  const bodyCheck = computed(() => checkBody(body.value, bodyFormat.value));
  /** Where the JSON body's first syntax error is, for the editor's marker. */
  const bodyProblem = computed(() => (bodyFormat.value === 'json' && body.value.trim() !== '' ? (jsonProblem(body.value) ?? null) : null));
  const activeTab = computed(() => tabs.value.find((t) => t.id === activeTabId.value) ?? null);
  const tabList = computed(() =>
    tabs.value.map((t) => ({
      id: t.id,
      title: tabTitle(t, t.id === activeTabId.value ? topic.value : undefined),
      origin: t.origin,
      renamed: !!t.title.trim(),
    })),
  );

  /** Every reason the message cannot be sent, in words the user can act on. */
  const problems = computed(() => {
    const out: { field: string; message: string }[] = [];
    const t = topicError(topic.value);
    if (t) out.push({ field: 'topic', message: t });
    if (bodyCheck.value.error) out.push({ field: 'body', message: bodyCheck.value.error });
    if (bodyCheck.value.bytes > maxSize.value)
      out.push({
        field: 'body',
        // The limit is the producer's maxMessageSize (checked on the body before compression, as the
        // Java client does), and brokers refuse larger messages with their own maxMessageSize too.
        message: `The body is ${bodyCheck.value.bytes.toLocaleString('en-US')} bytes; the limit is ${maxSize.value.toLocaleString('en-US')} bytes (${formatBytes(maxSize.value)}, RocketMQ's maxMessageSize, which brokers enforce as well). Shorten the body.`,
      });
    if (bodyFormat.value !== 'json' && body.value === '') out.push({ field: 'body', message: 'The body is empty: RocketMQ refuses empty messages.' });
    if (targetKind.value === 'queue' && !targetBroker.value) out.push({ field: 'target', message: 'Choose the broker of the target queue.' });
    if (targetKind.value === 'orderKey' && !orderKey.value.trim()) out.push({ field: 'target', message: 'Give an ordering key, or choose "any queue".' });
    if (!(batch.value >= 1 && batch.value <= 1000)) out.push({ field: 'batch', message: 'Batch count is between 1 and 1000.' });
    const seen = new Set<string>();
    for (const p of props.value) {
      if (!p.key && !p.value) continue;
      if (!p.key) out.push({ field: 'properties', message: 'A property has a value but no name.' });
      else if (seen.has(p.key)) out.push({ field: 'properties', message: `Property "${p.key}" is given twice.` });
      seen.add(p.key);
    }
    return out;
  });

  function request(): SendRequest {
    const properties = Object.fromEntries(props.value.filter((p) => p.key).map((p) => [p.key, p.value]));
    const keyList = keys.value.split(/\s+/).filter(Boolean);
    return {
      profileId: profiles.activeId ?? '',
      message: {
        topic: topic.value.trim(),
        ...(tags.value ? { tags: tags.value } : {}),
        ...(keyList.length ? { keys: keyList } : {}),
        ...(Object.keys(properties).length ? { properties } : {}),
        body: body.value,
        bodyFormat: bodyFormat.value,
        ...(delayLevel.value > 0 ? { delayLevel: delayLevel.value } : {}),
      },
      mode: mode.value,
      target:
        targetKind.value === 'queue'
          ? { kind: 'queue', brokerName: targetBroker.value, queueId: targetQueue.value }
          : targetKind.value === 'orderKey'
            ? { kind: 'orderKey', key: orderKey.value }
            : { kind: 'auto' },
      batch: batch.value,
      ...(templateId.value ? { templateId: templateId.value } : {}),
      // Edit & replay: the host records the send as a replay linked to the entry it was edited from.
      ...(activeTab.value?.origin?.kind === 'history' ? { originId: activeTab.value.origin.historyId } : {}),
    };
  }

  function templateRequest(): TemplateRequest {
    const r = request();
    return {
      message: { ...r.message, bodyFormat: bodyFormat.value },
      mode: mode.value,
      target: r.target ?? { kind: 'auto' },
      batch: batch.value,
      ...(profiles.activeId ? { profileId: profiles.activeId } : {}),
    };
  }

  function clearResult(): void {
    outcome.value = null;
    sendError.value = null;
    verify.value = null;
    verifyError.value = null;
    blocked.value = false;
  }

  async function send(): Promise<SendOutcome | null> {
    if (sending.value) return null;
    if (problems.value.length) {
      // An old SEND_OK next to a message that was not sent would read as this message's result.
      clearResult();
      blocked.value = true;
      return null;
    }
    sending.value = true;
    clearResult();
    try {
      const conn = await profiles.ensureConnected();
      if (conn) {
        sendError.value = conn;
        // The host refuses at once (not connected) and records the attempt in History as 'not sent', with this reason.
        if (profiles.activeId) void api.send.message(request());
        return null;
      }
      const r = await api.send.message(request());
      if (!r.ok) {
        sendError.value = r.error;
        return null;
      }
      outcome.value = r.value;
      afterSend(r.value);
      return r.value;
    } finally {
      sending.value = false;
    }
  }

  /** What a send changes elsewhere: {{seq}} moved on, and a topic may have been auto-created. */
  function afterSend(o: SendOutcome): void {
    if (hasVariables.value) void refreshPreview();
    const sentTo = o.resolved.messages[0]?.topic;
    if (o.status !== 'failed' && sentTo && topics.listing && !knownTopic(sentTo)) void refreshTopicsFor(sentTo);
  }

  const knownTopic = (t: string): boolean => !!topics.listing?.topics.some((x) => x.topic === t);
  /** The broker registers an auto-created topic with the NameServer a moment after the first send: ask again once. */
  async function refreshTopicsFor(t: string): Promise<void> {
    await topics.load(true);
    if (!knownTopic(t)) window.setTimeout(() => void topics.load(true), 1500);
  }

  /** Send as the Send button does: show problems, confirm on production, then send. */
  async function sendFromUi(): Promise<SendOutcome | null> {
    showProblems.value = true;
    const p = profiles.active;
    if (!p || p.readOnly) return null;
    if (problems.value.length) return send();
    if (p.environment === 'prod') {
      const n = batch.value;
      const ok = await ui.confirm('Send to production?', `"${p.name}" is a production profile.`, {
        confirmLabel: 'Send',
        danger: true,
        target: { profile: p.name, environment: p.environment, topic: topic.value, count: `${n} message${n === 1 ? '' : 's'}${n > 1 ? ' (one batch)' : ''}` },
      });
      if (!ok) return null;
    }
    const o = await send();
    if (o) showProblems.value = false;
    return o;
  }

  async function refreshPreview(): Promise<void> {
    if (!profiles.activeId || topicError(topic.value) || bodyCheck.value.error) {
      preview.value = null;
      previewError.value = null;
      previewAt.value = null;
      return;
    }
    const r = await api.send.preview(request());
    previewAt.value = Date.now();
    if (r.ok) {
      preview.value = r.value;
      previewError.value = null;
    } else {
      preview.value = null;
      previewError.value = r.error.message;
    }
  }

  async function verifyStored(): Promise<boolean> {
    const id = outcome.value?.historyId;
    if (!id) return false;
    verifying.value = true;
    const r = await api.ops.verify({ historyId: id });
    verifying.value = false;
    if (r.ok) {
      verify.value = r.value;
      verifyError.value = null;
    } else {
      verify.value = null;
      verifyError.value = r.error;
    }
    return true;
  }

  // ── variables, for the editor's completion and hovers ────────────────────
  let variableDocs: Promise<TemplateVariableDoc[]> | null = null;
  const variableSource: VariableSource = {
    async list() {
      variableDocs ??= api.send.variables().then((r) => {
        if (r.ok) return r.value;
        variableDocs = null; // ask again next time
        return [];
      });
      return buildVariableItems(await variableDocs, profiles.active?.env ?? {});
    },
    async resolve(expr) {
      if (!profiles.activeId) return { error: 'Choose a profile: variables resolve against it.' };
      const r = await api.send.preview({ profileId: profiles.activeId, message: { topic: 'preview', body: `{{${expr}}}`, bodyFormat: 'text' } });
      if (!r.ok) return { error: r.error.message };
      return { value: r.value.messages[0]?.bodyText ?? '' };
    },
  };

  /** A file as the body: UTF-8 text stays text (or JSON), anything else becomes base64. */
  function loadBodyBytes(bytes: Uint8Array): void {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (bodyFormat.value !== 'json') bodyFormat.value = 'text';
      body.value = text;
    } catch {
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      bodyFormat.value = 'base64';
      body.value = btoa(bin);
    }
  }

  function setBodyFormat(f: BodyFormat): void {
    bodyFormat.value = f;
  }

  // ── tabs ─────────────────────────────────────────────────────────────────
  function currentDraft(): Draft {
    return {
      topic: topic.value,
      tags: tags.value,
      keys: keys.value,
      props: props.value.map((p) => ({ key: p.key, value: p.value })),
      body: body.value,
      bodyFormat: bodyFormat.value,
      mode: mode.value,
      delayLevel: delayLevel.value,
      targetKind: targetKind.value,
      targetBroker: targetBroker.value,
      targetQueue: targetQueue.value,
      orderKey: orderKey.value,
      batch: batch.value,
      ...(templateId.value ? { templateId: templateId.value } : {}),
    };
  }

  function applyDraft(d: Draft): void {
    topic.value = d.topic;
    tags.value = d.tags;
    keys.value = d.keys;
    props.value = d.props.map((p) => ({ ...p }));
    body.value = d.body;
    bodyFormat.value = d.bodyFormat;
    mode.value = d.mode;
    delayLevel.value = d.delayLevel;
    targetKind.value = d.targetKind;
    targetBroker.value = d.targetBroker;
    targetQueue.value = d.targetQueue;
    orderKey.value = d.orderKey;
    batch.value = d.batch;
    templateId.value = d.templateId;
    preview.value = null;
    previewError.value = null;
    previewAt.value = null;
    showProblems.value = false;
  }

  function saveResult(): void {
    if (activeTabId.value)
      results.set(activeTabId.value, {
        outcome: outcome.value,
        sendError: sendError.value,
        verify: verify.value,
        verifyError: verifyError.value,
        blocked: blocked.value,
      });
  }

  function restoreResult(id: string): void {
    const r = results.get(id);
    outcome.value = r?.outcome ?? null;
    sendError.value = r?.sendError ?? null;
    verify.value = r?.verify ?? null;
    verifyError.value = r?.verifyError ?? null;
    blocked.value = r?.blocked ?? false;
  }

  /** Writes the active draft into its tab record. */
  function snapshot(): void {
    const t = activeTab.value;
    if (t) t.draft = currentDraft();
  }

  function persistNow(): void {
    clearTimeout(persistTimer);
    snapshot();
    try {
      localStorage.setItem(tabsKey(setKey), JSON.stringify({ activeId: activeTabId.value, tabs: tabs.value }));
      persistError.value = null;
    } catch {
      persistError.value = 'These drafts are too large to keep after the app closes (local storage is full); they stay while it runs.';
    }
  }
  let persistTimer = 0;
  function persistSoon(): void {
    clearTimeout(persistTimer);
    persistTimer = window.setTimeout(persistNow, 400);
  }

  /** Shows another profile's tabs: drafts are kept per profile. */
  function loadTabSet(profileId: string | null): void {
    setKey = profileId;
    const set = parseTabSet(localStorage.getItem(tabsKey(profileId)));
    tabs.value = set.tabs;
    activeTabId.value = set.activeId;
    results.clear();
    clearResult();
    applyDraft(set.tabs.find((t) => t.id === set.activeId)!.draft);
  }

  function activate(id: string): void {
    const t = tabs.value.find((x) => x.id === id);
    if (!t || id === activeTabId.value) return;
    saveResult();
    snapshot();
    activeTabId.value = id;
    applyDraft(t.draft);
    restoreResult(id);
    persistSoon();
  }

  function isBlank(t: ComposerTab | null): boolean {
    if (!t || t.origin || t.title) return false;
    return JSON.stringify(t.id === activeTabId.value ? currentDraft() : t.draft) === JSON.stringify(blankDraft());
  }

  function addTab(draft: Draft, origin?: DraftOrigin): boolean {
    // An untouched blank tab is reused rather than left behind.
    if (isBlank(activeTab.value)) {
      const t = activeTab.value!;
      t.origin = origin;
      t.draft = draft;
      applyDraft(draft);
      clearResult();
      persistSoon();
      return true;
    }
    if (tabs.value.length >= MAX_TABS) {
      ui.toast(`At most ${MAX_TABS} composer tabs: close one first.`, 'error');
      return false;
    }
    saveResult();
    snapshot();
    const t = newTab(draft, origin);
    tabs.value = [...tabs.value, t];
    activeTabId.value = t.id;
    applyDraft(draft);
    clearResult();
    persistSoon();
    return true;
  }

  function newDraftTab(): boolean {
    return addTab(blankDraft());
  }

  /**
   * Opens a request in a NEW tab (never over a draft). A request naming another known profile
   * switches to that profile first, so the tab lands among that profile's drafts.
   * Used by templates, History's Edit & replay, and the palette.
   */
  function openInNewTab(req: TemplateRequest | SendRequest, origin?: DraftOrigin): boolean {
    if (req.profileId && req.profileId !== profiles.activeId && profiles.list.some((p) => p.id === req.profileId)) profiles.select(req.profileId);
    return addTab(draftFromRequest(req, origin?.kind === 'template' ? origin.templateId : undefined), origin);
  }

  function closeTab(id: string): void {
    if (tabs.value.length === 1) {
      // The last tab is emptied instead: the composer always has one.
      const t = tabs.value[0]!;
      t.title = '';
      t.origin = undefined;
      t.draft = blankDraft();
      applyDraft(t.draft);
      results.clear();
      clearResult();
      persistSoon();
      return;
    }
    const next = neighbourAfterClose(tabs.value, id);
    if (id === activeTabId.value && next) activate(next);
    tabs.value = tabs.value.filter((t) => t.id !== id);
    results.delete(id);
    persistSoon();
  }

  function renameTab(id: string, title: string): void {
    const t = tabs.value.find((x) => x.id === id);
    if (!t) return;
    t.title = title.trim().slice(0, 80);
    persistSoon();
  }

  function loadRequest(req: TemplateRequest | SendRequest, tplId?: string): void {
    applyDraft(draftFromRequest(req, tplId));
    clearResult();
  }

  function loadTemplate(t: Template): void {
    openInNewTab(t.request, { kind: 'template', templateId: t.id, name: t.name });
  }

  /** Edit-and-replay: the history entry's resolved first message, in a new tab linked to the entry. */
  function loadHistory(e: HistoryEntry): void {
    const m = e.request.messages[0];
    if (!m) return;
    // Text bodies come back as text; binary (or hex/base64-entered) bodies as base64 of the sent bytes.
    const useText = m.bodyText !== undefined && m.bodyFormat !== 'hex' && m.bodyFormat !== 'base64';
    openInNewTab(
      {
        profileId: e.profileId,
        message: {
          topic: m.topic,
          ...(m.tags ? { tags: m.tags } : {}),
          ...(m.keys ? { keys: m.keys } : {}),
          properties: m.properties,
          body: useText ? (m.bodyText ?? '') : m.bodyBase64,
          bodyFormat: useText ? (m.bodyFormat === 'json' ? 'json' : 'text') : 'base64',
          ...(m.delayLevel ? { delayLevel: m.delayLevel } : {}),
        },
        mode: e.request.mode,
        target: e.request.target,
        batch: e.request.messages.length,
      },
      { kind: 'history', historyId: e.id },
    );
  }

  loadTabSet(profiles.activeId);
  // Synchronous: openInNewTab selects a profile and adds a tab in one go, and the tab must land
  // in the new profile's set. The old set is saved first (the fields still hold its draft).
  watch(
    () => profiles.activeId,
    (id) => {
      if (id === setKey) return;
      persistNow();
      loadTabSet(id);
    },
    { flush: 'sync' },
  );
  watch(revision, persistSoon);
  window.addEventListener('beforeunload', persistNow);

  return {
    topic,
    tags,
    keys,
    props,
    body,
    bodyFormat,
    mode,
    delayLevel,
    targetKind,
    targetBroker,
    targetQueue,
    orderKey,
    batch,
    templateId,
    sending,
    outcome,
    sendError,
    verify,
    verifyError,
    verifying,
    blocked,
    showProblems,
    preview,
    previewError,
    previewAt,
    hasVariables,
    revision,
    maxSize,
    bodyCheck,
    bodyProblem,
    problems,
    tabs,
    activeTabId,
    activeTab,
    tabList,
    persistError,
    variableSource,
    request,
    templateRequest,
    send,
    sendFromUi,
    clearResult,
    refreshPreview,
    verifyStored,
    setBodyFormat,
    loadBodyBytes,
    loadRequest,
    loadTemplate,
    loadHistory,
    activate,
    newDraftTab,
    openInNewTab,
    closeTab,
    renameTab,
    persistNow,
  };
});
