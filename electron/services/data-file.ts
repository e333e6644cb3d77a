/**
 * Sends driven by a CSV or NDJSON file: each row mapped to topic, tags, keys, properties and body
 * (templates with {{col.NAME}} and every other variable), one send per row, each recorded in history
 * with its line. A malformed or unmappable row is reported with its line and the others go on.
 * "Re-run failed" starts a new run over the rows that failed, were not sent or were invalid.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type * as S from '../common/contract-schemas.js';
import type { DataFileInspection, DataFileRef, DataFileRowOutcome, DataFileSnapshot, DataFileMapping, ProfileView, RunPhase } from '../common/contract.js';
import { DataFileAccess } from './data-file-access.js';
import { detectFormat, parseDataFile, type ParsedFile, type ParsedRow } from './data-file-parse.js';
import { invalidInput, notFound, readOnly, toApiError } from './errors.js';
import type { EventSink } from './event-sink.js';
import type { HistoryStore } from './history/history-store.js';
import type { Connection } from './producer-pool.js';
import { Pacer, RunStats, Throttle } from './run-stats.js';
import { executeSend, resolveSend, type ParsedSendRequest } from './send-service.js';
import type { SequenceCounters } from './template-vars.js';

type Source = z.output<typeof S.DataSource>;
type StartInput = z.output<typeof S.DataFileStart>;

/** The source's text: inline content, or the file behind a handle the host minted (dialog or upload). */
export async function loadSource(src: Source, access: DataFileAccess): Promise<ParsedFile & { fileName?: string | undefined }> {
  let content: string;
  let fileName = src.fileName;
  if (src.handle !== undefined) {
    const file = await access.read(src.handle);
    content = file.text;
    fileName ??= file.fileName;
  } else {
    content = src.content ?? '';
  }
  return { ...parseDataFile(content, src.format ?? detectFormat(content, fileName)), fileName };
}

export function inspect(file: ParsedFile, sampleRows: number): DataFileInspection {
  return {
    format: file.format,
    columns: file.columns,
    rowCount: file.rows.length,
    sample: file.rows.slice(0, sampleRows).map((r) => r.values),
    issues: file.issues,
  };
}

const has = (row: Record<string, unknown>, k: string) => row[k] !== undefined && row[k] !== '';

/** The send request of one row: explicit mapping first, else the conventional columns. */
export function rowRequest(row: ParsedRow, mapping: DataFileMapping, profileId: string, mode: StartInput['mode']): ParsedSendRequest {
  const v = row.values;
  const topic = mapping.topic ?? (has(v, 'topic') ? '{{col.topic}}' : undefined);
  if (!topic) throw invalidInput('no topic: map one or add a "topic" column');
  let body = mapping.body;
  let bodyFormat = mapping.bodyFormat;
  if (body === undefined) {
    if (!('body' in v)) throw invalidInput('no body: map one or add a "body" column');
    body = '{{col.body}}';
    bodyFormat ??= typeof v['body'] === 'object' && v['body'] !== null ? 'json' : 'text';
  }
  let properties = mapping.properties;
  if (!properties) {
    properties = {};
    for (const k of Object.keys(v)) {
      const m = /^(?:prop|properties)\.(.+)$/.exec(k);
      if (m && has(v, k)) properties[m[1]!] = `{{col.${k}}}`;
    }
    const obj = v['properties'];
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) for (const k of Object.keys(obj)) properties[k] = `{{col.properties.${k}}}`;
  }
  return {
    profileId,
    mode,
    target: { kind: 'auto' },
    batch: 1,
    message: {
      topic,
      tags: mapping.tags ?? (has(v, 'tags') ? '{{col.tags}}' : undefined),
      keys: mapping.keys ?? (has(v, 'keys') ? '{{col.keys}}' : undefined),
      properties,
      body,
      bodyFormat: bodyFormat ?? 'text',
    },
  };
}

interface Run {
  snapshot: () => DataFileSnapshot;
  cancel: () => void;
  done: Promise<void>;
  rows: ParsedRow[];
  input: StartInput;
}

export class DataFileRunner {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly sink: EventSink,
    private readonly history: HistoryStore,
    private readonly seqs: SequenceCounters,
    /** Where handles are minted and read (the Electron dialog, uploads to the headless host). */
    readonly access: DataFileAccess = new DataFileAccess(),
  ) {}

  async inspect(source: Source, sampleRows: number): Promise<DataFileInspection> {
    return inspect(await loadSource(source, this.access), sampleRows);
  }

  /** datafile:choose — the host's open dialog (Electron); the page gets an opaque handle. */
  choose(): Promise<{ file: DataFileRef | null }> {
    return this.access.choose();
  }

  async start(conn: Connection, input: StartInput): Promise<DataFileSnapshot> {
    if (conn.profile.readOnly) throw readOnly(conn.profile.name, 'sending');
    const file = await loadSource(input.source, this.access);
    const invalid: DataFileRowOutcome[] = file.issues.map((i) => ({ line: i.line, status: 'invalid', error: i.message }));
    return this.launch(conn, input, file.rows, invalid, file.fileName);
  }

  rerunFailed(conn: Connection, runId: string): DataFileSnapshot {
    const prev = this.get(runId);
    const snap = prev.snapshot();
    if (snap.phase === 'running') throw invalidInput('the run is still going: cancel it or wait for it to end');
    const lines = new Set(snap.problems.filter((p) => p.status === 'failed' || p.status === 'not sent' || p.status === 'invalid').map((p) => p.line));
    const rows = prev.rows.filter((r) => lines.has(r.line));
    // Rows the parser rejected stay invalid (the file has not changed): report them again.
    const stillInvalid = snap.problems.filter((p) => p.status === 'invalid' && !rows.some((r) => r.line === p.line));
    return this.launch(conn, { ...prev.input, profileId: conn.profile.id }, rows, stillInvalid, snap.fileName, runId);
  }

  private launch(
    conn: Connection,
    input: StartInput,
    rows: ParsedRow[],
    invalid: DataFileRowOutcome[],
    fileName: string | undefined,
    rerunOf?: string,
  ): DataFileSnapshot {
    const profile: ProfileView = conn.profile;
    const runId = randomUUID();
    const stats = new RunStats();
    const throttle = new Throttle(250);
    const pacer = new Pacer(input.ratePerSec);
    const problems: DataFileRowOutcome[] = [...invalid];
    let phase: RunPhase = 'running';
    let cancelled = false;
    let next = 0;
    const snapshot = (): DataFileSnapshot => ({
      runId,
      profileId: profile.id,
      fileName,
      rerunOf,
      phase,
      startedAt: stats.startedAt,
      totalRows: rows.length + invalid.length,
      counters: { ...stats.counters, invalid: problems.filter((p) => p.status === 'invalid').length },
      summary: stats.summary(),
      problems: [...problems].sort((a, b) => a.line - b.line),
    });
    const emit = (type: 'progress' | 'done' | 'cancelled' | 'failed', force = false) => {
      if (force || throttle.ready()) this.sink.emit('datafile:progress', { type, ...snapshot() });
    };
    const worker = async (): Promise<void> => {
      while (!cancelled && next < rows.length) {
        const row = rows[next++]!;
        await pacer.wait(1, () => cancelled);
        if (cancelled) return;
        stats.counters.started++;
        try {
          const req = rowRequest(row, input.mapping, profile.id, input.mode);
          const resolved = resolveSend(req, profile, this.seqs, { row: row.values });
          const o = await executeSend(conn.producer, profile, resolved, this.history, { origin: 'datafile', runId, rowLine: row.line });
          stats.add(o);
          if (o.status !== 'ok' && o.status !== 'unconfirmed')
            problems.push({
              line: row.line,
              status: o.status,
              historyId: o.historyId,
              msgId: o.result?.msgId,
              error: o.error?.message ?? o.result?.sendStatus,
            });
        } catch (e) {
          // The row could not be turned into a message (missing column, bad variable, bad body).
          stats.counters.started--;
          problems.push({ line: row.line, status: 'invalid', error: toApiError(e).message });
        }
        emit('progress');
      }
    };
    const done = (async () => {
      await Promise.all(Array.from({ length: input.concurrency }, worker));
      phase = cancelled ? 'cancelled' : 'done';
      stats.endedAt = Date.now();
      emit(cancelled ? 'cancelled' : 'done', true);
    })();
    this.runs.set(runId, { snapshot, cancel: () => (cancelled = true), done, rows, input });
    emit('progress', true);
    return snapshot();
  }

  private get(runId: string): Run {
    const r = this.runs.get(runId);
    if (!r) throw notFound(`data-file run '${runId}'`);
    return r;
  }

  async cancel(runId: string): Promise<DataFileSnapshot> {
    const r = this.get(runId);
    r.cancel();
    await r.done;
    return r.snapshot();
  }

  status(runId: string): DataFileSnapshot {
    return this.get(runId).snapshot();
  }

  async whenDone(runId: string): Promise<DataFileSnapshot> {
    const r = this.get(runId);
    await r.done;
    return r.snapshot();
  }

  profileOf(runId: string): string {
    return this.get(runId).input.profileId;
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.cancel(id)));
  }
}
