/** The message being composed, its checks, the preview, and the last send's outcome. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, BodyFormat, HistoryEntry, ResolvedSend, SendMode, SendOutcome, SendRequest, Template, TemplateRequest, VerifyView } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { checkBody, DEFAULT_MAX_MESSAGE_SIZE, topicError } from '../lib/body-codec.js';
import { useProfilesStore } from './profiles.js';

export interface PropRow {
  key: string;
  value: string;
}
export type TargetKind = 'auto' | 'queue' | 'orderKey';

export const useComposerStore = defineStore('composer', () => {
  const profiles = useProfilesStore();

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
  const preview = ref<ResolvedSend | null>(null);
  const previewError = ref<string | null>(null);

  /** Any field holding a template variable: then the preview is worth asking for. */
  const hasVariables = computed(() =>
    [topic.value, tags.value, keys.value, body.value, targetKind.value === 'orderKey' ? orderKey.value : '', ...props.value.flatMap((p) => [p.key, p.value])].some((s) => s.includes('{{')),
  );
  /** Changes whenever anything that goes into the request changes (cheap: no copy of the body). */
  const revision = computed(() => [topic.value, tags.value, keys.value, body.value, bodyFormat.value, mode.value, delayLevel.value, targetKind.value, targetBroker.value, targetQueue.value, orderKey.value, batch.value, props.value.map((p) => `${p.key}\u0000${p.value}`).join('\u0001')]);
  const maxSize = computed(() => profiles.active?.producer.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
  const bodyCheck = computed(() => checkBody(body.value, bodyFormat.value));

  /** Every reason the message cannot be sent, in words the user can act on. */
  const problems = computed(() => {
    const out: { field: string; message: string }[] = [];
    const t = topicError(topic.value);
    if (t) out.push({ field: 'topic', message: t });
    if (bodyCheck.value.error) out.push({ field: 'body', message: bodyCheck.value.error });
    if (bodyCheck.value.bytes > maxSize.value)
      out.push({ field: 'body', message: `The body is ${bodyCheck.value.bytes.toLocaleString()} bytes; the limit is ${maxSize.value.toLocaleString()} bytes (4 MiB). Shorten it or raise the profile's max message size.` });
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
    };
  }

  function templateRequest(): TemplateRequest {
    const r = request();
    return { message: { ...r.message, bodyFormat: bodyFormat.value }, mode: mode.value, target: r.target ?? { kind: 'auto' }, batch: batch.value, ...(profiles.activeId ? { profileId: profiles.activeId } : {}) };
  }

  async function send(): Promise<SendOutcome | null> {
    if (problems.value.length || sending.value) return null;
    sending.value = true;
    sendError.value = null;
    verify.value = null;
    verifyError.value = null;
    try {
      const conn = await profiles.ensureConnected();
      if (conn) {
        sendError.value = conn;
        return null;
      }
      const r = await api.send.message(request());
      if (!r.ok) {
        sendError.value = r.error;
        outcome.value = null;
        return null;
      }
      outcome.value = r.value;
      return r.value;
    } finally {
      sending.value = false;
    }
  }

  async function refreshPreview(): Promise<void> {
    if (!profiles.activeId || topicError(topic.value) || bodyCheck.value.error) {
      preview.value = null;
      previewError.value = null;
      return;
    }
    const r = await api.send.preview(request());
    if (r.ok) {
      preview.value = r.value;
      previewError.value = null;
    } else {
      preview.value = null;
      previewError.value = r.error.message;
    }
  }

  async function verifyStored(): Promise<void> {
    const id = outcome.value?.historyId;
    if (!id) return;
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
  }

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

  function loadRequest(req: TemplateRequest | SendRequest, tplId?: string): void {
    const m = req.message;
    topic.value = m.topic;
    tags.value = m.tags ?? '';
    keys.value = Array.isArray(m.keys) ? m.keys.join(' ') : (m.keys ?? '');
    props.value = Object.entries(m.properties ?? {}).map(([key, value]) => ({ key, value }));
    body.value = m.body;
    bodyFormat.value = m.bodyFormat ?? 'text';
    delayLevel.value = m.delayLevel ?? 0;
    mode.value = req.mode ?? 'sync';
    const t = req.target ?? { kind: 'auto' };
    targetKind.value = t.kind;
    if (t.kind === 'queue') {
      targetBroker.value = t.brokerName;
      targetQueue.value = t.queueId;
    } else if (t.kind === 'orderKey') orderKey.value = t.key;
    batch.value = req.batch ?? 1;
    templateId.value = tplId;
    outcome.value = null;
    verify.value = null;
  }

  function loadTemplate(t: Template): void {
    if (t.request.profileId && profiles.list.some((p) => p.id === t.request.profileId)) profiles.select(t.request.profileId);
    loadRequest(t.request, t.id);
  }

  /** Edit-and-replay: the history entry's resolved first message back in the composer. */
  function loadHistory(e: HistoryEntry): void {
    const m = e.request.messages[0];
    if (!m) return;
    // Text bodies come back as text; binary (or hex/base64-entered) bodies as base64 of the sent bytes.
    const useText = m.bodyText !== undefined && m.bodyFormat !== 'hex' && m.bodyFormat !== 'base64';
    loadRequest({
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
    });
    if (profiles.list.some((p) => p.id === e.profileId)) profiles.select(e.profileId);
  }

  return {
    topic, tags, keys, props, body, bodyFormat, mode, delayLevel, targetKind, targetBroker, targetQueue, orderKey, batch, templateId,
    sending, outcome, sendError, verify, verifyError, verifying, preview, previewError, hasVariables, revision, maxSize, bodyCheck, problems,
    request, templateRequest, send, refreshPreview, verifyStored, setBodyFormat, loadBodyBytes, loadRequest, loadTemplate, loadHistory,
  };
});

