/** Load runs: bulk sends (count or duration) and data-file runs, with progress from push events. */
import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { ApiError, BulkSnapshot, DataFileInspection, DataFileRef, DataFileSnapshot, Result, SendMode, SendRequest } from '../../../electron/common/api.js';
import { appendRunPoint, endedOf, type RunPoint } from '../features/runner/run-series.js';
import { api, hasFileDialog, uploadDataFile } from '../api/bridge.js';
import { formatDuration } from '../lib/format.js';
import { useComposerStore } from './composer.js';
import { useProfilesStore } from './profiles.js';
import { useUiStore } from './ui.js';

export interface BulkForm {
  count: number;
  durationSec: number;
  by: 'count' | 'duration';
  ratePerSec: number;
  concurrency: number;
  batchSize: number;
  record: 'all' | 'failures' | 'none';
}

export interface DataFileForm {
  /** Used when the file has no topic column. */
  topic: string;
  mode: SendMode;
  ratePerSec: number;
  concurrency: number;
}

export const useRunnerStore = defineStore('runner', () => {
  const profiles = useProfilesStore();
  const bulk = ref<BulkSnapshot | null>(null);
  const bulkError = ref<ApiError | null>(null);
  /** The chosen file as the host holds it: a handle, never a path or the content. */
  const file = ref<DataFileRef | null>(null);
  const inspection = ref<DataFileInspection | null>(null);
  const fileRun = ref<DataFileSnapshot | null>(null);
  const fileError = ref<ApiError | null>(null);
  /** The bulk form lives here, not in the view: it keeps its values across views, and the palette can start a run. */
  const form = reactive<BulkForm>({ by: 'count', count: 1000, durationSec: 30, ratePerSec: 0, concurrency: 8, batchSize: 1, record: 'all' });

  /** The data-file form, here for the same reason. */
  const fileForm = reactive<DataFileForm>({ topic: '', mode: 'sync', ratePerSec: 0, concurrency: 4 });
  /** Throughput and running p50/p99 of the current bulk run, one point per progress event (the live chart). */
  const bulkSeries = shallowRef<RunPoint[]>([]);
  let seriesRunId = '';
  let seriesEnded = 0;

  function track(s: BulkSnapshot): void {
    if (s.runId !== seriesRunId) {
      seriesRunId = s.runId;
      seriesEnded = 0;
      bulkSeries.value = [];
    }
    bulkSeries.value = appendRunPoint(bulkSeries.value, s, seriesEnded);
    seriesEnded = endedOf(s);
  }

  api.on('bulk:progress', (e) => {
    if (!bulk.value || e.runId === bulk.value.runId) {
      bulk.value = e;
      track(e);
    }
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
    if (r.ok) {
      bulk.value = r.value;
      track(r.value);
    } else bulkError.value = r.error;
  }

  /** Starts a bulk run of the composer's message with the form's values, after the same checks as the Start button. */
  async function startFromUi(): Promise<void> {
    const composer = useComposerStore();
    const ui = useUiStore();
    if (composer.problems.length) {
      ui.toast(`Fix the composer's message first: ${composer.problems[0]?.message}`, 'error');
      return;
    }
    const p = profiles.active;
    if (!p || p.readOnly) {
      ui.toast(p ? 'This profile is read-only: runs are disabled.' : 'Choose a profile first.', 'error');
      return;
    }
    const count =
      form.by === 'count'
        ? `${form.count.toLocaleString('en-US')} message${form.count === 1 ? '' : 's'}`
        : `as many as it sends in ${formatDuration(form.durationSec * 1000)}`;
    const target = { profile: p.name, environment: p.environment, topic: composer.topic, count };
    if (
      p.environment === 'prod' &&
      !(await ui.confirm('Load run on production?', `"${p.name}" is a production profile.`, { confirmLabel: 'Start', danger: true, target }))
    )
      return;
    await startBulk(composer.request(), form);
  }

  async function cancelBulk(): Promise<void> {
    if (!bulk.value) return;
    const r = await api.bulk.cancel({ runId: bulk.value.runId });
    if (r.ok) bulk.value = r.value;
  }

  /**
   * Electron: main's open dialog (no argument). Headless host: the file a file input picked,
   * uploaded to the host. Either way the host hands back a handle, which is all the page keeps.
   */
  async function chooseFile(picked?: File): Promise<void> {
    fileError.value = null;
    let r: Result<DataFileRef | null>;
    if (hasFileDialog()) {
      const c = await api.datafile.choose();
      r = c.ok ? { ok: true, value: c.value.file } : c;
    } else if (picked) {
      r = await uploadDataFile(picked);
    } else return;
    if (!r.ok) {
      fileError.value = r.error;
      return;
    }
    if (r.value) await setFile(r.value);
  }

  async function setFile(ref: DataFileRef): Promise<void> {
    file.value = ref;
    inspection.value = null;
    fileError.value = null;
    const r = await api.datafile.inspect({ source: { handle: ref.handle } });
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
    const r = await api.datafile.start({ profileId: id, source: { handle: file.value.handle }, mapping, ...(mode ? { mode } : {}), ratePerSec, concurrency });
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

  return {
    bulk,
    bulkError,
    bulkSeries,
    file,
    inspection,
    fileRun,
    fileError,
    form,
    fileForm,
    startBulk,
    startFromUi,
    cancelBulk,
    chooseFile,
    setFile,
    startFile,
    rerunFailed,
    cancelFile,
  };
});
