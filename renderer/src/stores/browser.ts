/**
 * The message browser: messages of a topic by store-time range or the last N of one queue (read
 * through browser:* — pulls that commit no consumer offset), the open message and, for it, which
 * consumer groups have consumed it.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiError, BrowseView, ConsumedByView, MessageViewDTO } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { useProfilesStore } from './profiles.js';

/** A local datetime-local value ("2024-05-01T12:30:15") for an epoch ms. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}

export interface QueueRef {
  topic: string;
  brokerName: string;
  queueId: number;
  queueOffset: string;
}

export const useBrowserStore = defineStore('browser', () => {
  const profiles = useProfilesStore();
  const mode = ref<'time' | 'lastN'>('time');
  const topic = ref('');
  const from = ref(toLocalInput(Date.now() - 3_600_000));
  const to = ref(toLocalInput(Date.now() + 60_000));
  const max = ref(500);
  const brokerName = ref('');
  const queueId = ref(0);
  const count = ref(50);
  const rows = shallowRef<MessageViewDTO[]>([]);
  const result = shallowRef<Omit<BrowseView, 'messages'> | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const selected = shallowRef<MessageViewDTO | null>(null);
  const consumed = shallowRef<ConsumedByView | null>(null);
  const consumedError = ref<ApiError | null>(null);
  const consumedLoading = ref(false);
  let generation = 0;

  function setResult(r: BrowseView): void {
    const { messages, ...rest } = r;
    rows.value = messages;
    result.value = rest;
  }

  async function search(): Promise<void> {
    const profileId = profiles.activeId;
    if (!profileId) {
      error.value = { name: 'NoProfile', code: 0, retriable: false, message: 'Select and connect a profile first.' };
      return;
    }
    const gen = ++generation;
    loading.value = true;
    error.value = null;
    selected.value = null;
    consumed.value = null;
    const r =
      mode.value === 'time'
        ? await api.browser.byTime({
            profileId,
            topic: topic.value.trim(),
            from: new Date(from.value).getTime(),
            to: new Date(to.value).getTime(),
            max: max.value,
          })
        : await api.browser.lastN({ profileId, topic: topic.value.trim(), brokerName: brokerName.value.trim(), queueId: queueId.value, count: count.value });
    if (gen !== generation) return;
    loading.value = false;
    if (!r.ok) {
      error.value = r.error;
      rows.value = [];
      result.value = null;
      return;
    }
    setResult(r.value);
  }

  async function loadConsumedBy(m: MessageViewDTO): Promise<void> {
    const profileId = profiles.activeId;
    if (!profileId || !m.brokerName) return;
    consumedLoading.value = true;
    consumedError.value = null;
    const r = await api.browser.consumedBy({ profileId, topic: m.topic, brokerName: m.brokerName, queueId: m.queueId, queueOffset: m.queueOffset });
    consumedLoading.value = false;
    if (selected.value !== m) return; // another message was opened meanwhile
    if (r.ok) consumed.value = r.value;
    else consumedError.value = r.error;
  }

  function open(m: MessageViewDTO): void {
    selected.value = m;
    consumed.value = null;
    void loadConsumedBy(m);
  }

  /** From History: the stored copy of a sent message, by its queue and offset. */
  async function openStored(q: QueueRef): Promise<void> {
    const profileId = profiles.activeId;
    if (!profileId) return;
    const gen = ++generation;
    topic.value = q.topic;
    mode.value = 'lastN';
    brokerName.value = q.brokerName;
    queueId.value = q.queueId;
    loading.value = true;
    error.value = null;
    const r = await api.browser.message({ profileId, ...q });
    if (gen !== generation) return;
    loading.value = false;
    if (!r.ok) {
      error.value = r.error;
      rows.value = [];
      selected.value = null;
      return;
    }
    rows.value = [r.value];
    result.value = { topic: q.topic, truncated: false, queues: [], errors: [] };
    open(r.value);
  }

  return {
    mode,
    topic,
    from,
    to,
    max,
    brokerName,
    queueId,
    count,
    rows,
    result,
    loading,
    error,
    selected,
    consumed,
    consumedError,
    consumedLoading,
    search,
    open,
    openStored,
    loadConsumedBy,
  };
});
