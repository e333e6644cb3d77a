/**
 * The send history: keyset-paged search results (newest first), the open entry, and actions.
 * Rows are kept in a shallowRef array; the view virtualizes them, so tens of thousands stay cheap.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiError, HistoryEntry, HistoryOrigin, HistoryStatus, HistorySummary, ReplayOutcome } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { downloadText } from '../lib/format.js';

const PAGE = 500;

export const useHistoryStore = defineStore('history', () => {
  const rows = shallowRef<HistorySummary[]>([]);
  const nextCursor = ref<string | undefined>(undefined);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  const text = ref('');
  const topic = ref('');
  const status = ref<HistoryStatus | ''>('');
  const origin = ref<HistoryOrigin | ''>('');
  const selectedIds = ref<Set<number>>(new Set());
  const detail = ref<HistoryEntry | null>(null);
  const detailError = ref<ApiError | null>(null);
  const replaying = ref(false);
  const lastReplay = ref<ReplayOutcome | null>(null);
  /** New rows committed since the list was loaded (from history:changed). */
  const pendingNew = ref(0);
  /** Rows the filters match in the whole history (history:count), null until known. */
  const total = ref<number | null>(null);
  const exporting = ref(false);
  let generation = 0;

  api.on('history:changed', (e) => {
    pendingNew.value += e.added;
  });

  function query(cursor?: string) {
    return {
      limit: PAGE,
      ...(text.value.trim() ? { text: text.value.trim() } : {}),
      ...(topic.value.trim() ? { topic: topic.value.trim() } : {}),
      ...(status.value ? { status: [status.value] } : {}),
      ...(origin.value ? { origin: origin.value } : {}),
      ...(cursor ? { cursor } : {}),
    };
  }

  async function reload(): Promise<void> {
    const gen = ++generation;
    loading.value = true;
    const r = await api.history.search(query());
    if (gen !== generation) return;
    loading.value = false;
    loaded.value = true;
    pendingNew.value = 0;
    if (!r.ok) {
      error.value = r.error;
      return;
    }
    error.value = null;
    rows.value = r.value.items;
    nextCursor.value = r.value.nextCursor;
    if (!r.value.nextCursor) total.value = r.value.items.length;
    else {
      total.value = null;
      const { limit: _l, ...filters } = query();
      const c = await api.history.count(filters);
      if (gen === generation && c.ok) total.value = c.value.total;
    }
  }

  async function loadMore(): Promise<void> {
    if (loading.value || !nextCursor.value) return;
    const gen = generation;
    loading.value = true;
    const r = await api.history.search(query(nextCursor.value));
    if (gen !== generation) return;
    loading.value = false;
    if (!r.ok) {
      error.value = r.error;
      return;
    }
    rows.value = rows.value.concat(r.value.items);
    nextCursor.value = r.value.nextCursor;
  }

  async function open(id: number): Promise<void> {
    const r = await api.history.get({ id });
    if (r.ok) {
      detail.value = r.value;
      detailError.value = null;
    } else {
      detail.value = null;
      detailError.value = r.error;
    }
  }

  function toggle(id: number, on?: boolean): void {
    const s = new Set(selectedIds.value);
    if (on ?? !s.has(id)) s.add(id);
    else s.delete(id);
    selectedIds.value = s;
  }

  function clearSelection(): void {
    selectedIds.value = new Set();
  }

  /** Without profileId, each entry goes to the profile it was recorded under. */
  async function replay(ids: number[], profileId?: string): Promise<ReplayOutcome | ApiError> {
    replaying.value = true;
    const r = await api.replay.run({ historyIds: ids, ...(profileId ? { profileId } : {}) });
    replaying.value = false;
    if (!r.ok) return r.error;
    lastReplay.value = r.value;
    await reload();
    const first = r.value.outcomes[0];
    if (first?.historyId) await open(first.historyId);
    return r.value;
  }

  async function remove(ids: number[]): Promise<ApiError | null> {
    const r = await api.history.delete({ ids });
    if (!r.ok) return r.error;
    const gone = new Set(ids);
    rows.value = rows.value.filter((x) => !gone.has(x.id));
    if (detail.value && gone.has(detail.value.id)) detail.value = null;
    clearSelection();
    return null;
  }

  /**
   * Exports the selection (or every row the filters match, not only those loaded) as NDJSON of
   * full entries or CSV. The host serializes chunks of up to 5000 rows: a 10 000-row export is
   * two calls, assembled here into one download.
   */
  async function exportRows(format: 'ndjson' | 'csv' = 'ndjson'): Promise<number | ApiError> {
    const { limit: _l, cursor: _c, ...filters } = query();
    const base = selectedIds.value.size ? { ids: [...selectedIds.value] } : filters;
    const parts: string[] = [];
    let rowsOut = 0;
    let cursor: string | undefined;
    exporting.value = true;
    try {
      do {
        const r = await api.history.export({ ...base, format, ...(cursor ? { cursor } : {}) });
        if (!r.ok) return r.error;
        parts.push(r.value.data);
        rowsOut += r.value.rows;
        cursor = r.value.nextCursor;
      } while (cursor);
    } finally {
      exporting.value = false;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`history-${stamp}.${format}`, parts.join(''), format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    return rowsOut;
  }

  return {
    rows,
    nextCursor,
    total,
    exporting,
    loading,
    loaded,
    error,
    text,
    topic,
    status,
    origin,
    selectedIds,
    detail,
    detailError,
    replaying,
    lastReplay,
    pendingNew,
    reload,
    loadMore,
    open,
    toggle,
    clearSelection,
    replay,
    remove,
    exportRows,
  };
});
