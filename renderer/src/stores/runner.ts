/** Load runs: bulk sends (count or duration) and data-file runs, with progress from push events. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, BulkSnapshot, DataFileInspection, DataFileSnapshot, SendRequest } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { useProfilesStore } from './profiles.js';

export interface BulkForm {
  count: number;
  durationSec: number;
  by: 'count' | 'duration';
  ratePerSec: number;
  concurrency: number;
  batchSize: number;
  record: 'all' | 'failures' | 'none';
}

export const useRunnerStore = defineStore('runner', () => {
  const profiles = useProfilesStore();
  const bulk = ref<BulkSnapshot | null>(null);
  const bulkError = ref<ApiError | null>(null);
  const file = ref<{ name: string; content: string } | null>(null);
  const inspection = ref<DataFileInspection | null>(null);
  const fileRun = ref<DataFileSnapshot | null>(null);
  const fileError = ref<ApiError | null>(null);

  api.on('bulk:progress', (e) => {
    if (!bulk.value || e.runId === bulk.value.runId) bulk.value = e;
  });
  api.on('datafile:progress', (e) => {
    if (!fileRun.value || e.runId === fileRun.value.runId) fileRun.value = e;
  });

  async function startBulk(request: SendRequest, form: BulkForm): Promise<void> {
    bulkError.value = null;
    const conn = await profiles.ensureConnected();
    if (conn) {
      bulkError.value = conn;
      return;
    }
    const r = await api.bulk.start({
      request,
      ...(form.by === 'count' ? { count: form.count } : { durationMs: form.durationSec * 1000 }),
      ratePerSec: form.ratePerSec,
      concurrency: form.concurrency,
      batchSize: form.batchSize,
      record: form.record,
    });
    if (r.ok) bulk.value = r.value;
    else bulkError.value = r.error;
  }

  async function cancelBulk(): Promise<void> {
    if (!bulk.value) return;
    const r = await api.bulk.cancel({ runId: bulk.value.runId });
    if (r.ok) bulk.value = r.value;
  }

  async function setFile(name: string, content: string): Promise<void> {
    file.value = { name, content };
    inspection.value = null;
    fileError.value = null;
    const r = await api.datafile.inspect({ source: { content, fileName: name } });
    if (r.ok) inspection.value = r.value;
    else fileError.value = r.error;
  }

  async function startFile(mapping: { topic?: string }, mode: SendRequest['mode'], ratePerSec: number, concurrency: number): Promise<void> {
    const id = profiles.activeId;
    if (!file.value || !id) return;
    fileError.value = null;
    const conn = await profiles.ensureConnected();
    if (conn) {
      fileError.value = conn;
      return;
    }
    const r = await api.datafile.start({ profileId: id, source: { content: file.value.content, fileName: file.value.name }, mapping, ...(mode ? { mode } : {}), ratePerSec, concurrency });
    if (r.ok) fileRun.value = r.value;
    else fileError.value = r.error;
  }

  async function rerunFailed(): Promise<void> {
    if (!fileRun.value) return;
    const r = await api.datafile.rerunFailed({ runId: fileRun.value.runId });
    if (r.ok) fileRun.value = r.value;
    else fileError.value = r.error;
  }

  async function cancelFile(): Promise<void> {
    if (!fileRun.value) return;
    const r = await api.datafile.cancel({ runId: fileRun.value.runId });
    if (r.ok) fileRun.value = r.value;
  }

  return { bulk, bulkError, file, inspection, fileRun, fileError, startBulk, cancelBulk, setFile, startFile, rerunFailed, cancelFile };
});
