/**
 * The message browser's channels (browser:*) and the host-served history export/count: input
 * schemas and payloads. Read-only; every count is bounded here so a renderer cannot ask a broker
 * (or the history database) for an unbounded amount of data in one call.
 */
import { z } from 'zod';
import type { MessageViewDTO, OpsFailure } from './contract-ops.js';
import { HistoryStatus } from './contract-schemas.js';

const profileId = z.string().min(1).max(200);
const topic = z.string().min(1).max(512);
const brokerName = z.string().min(1).max(256);
const queueId = z.number().int().min(0).max(65_535);
/** A queue offset: a Java long as decimal text (64-bit values cross the boundary as strings). */
const offset = z.string().regex(/^\d{1,19}$/, 'a queue offset is a whole number ≥ 0');

/** Most messages one browse returns; core allows more, the UI needs no more than this. */
export const BROWSE_MAX = 2000;

export const BrowseByTime = z
  .object({
    profileId,
    topic,
    /** Store-time range, epoch ms, both inclusive. */
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    max: z.number().int().min(1).max(BROWSE_MAX).default(500),
  })
  .strict()
  .refine((v) => v.to >= v.from, { message: 'the end of the time range is before its start', path: ['to'] });

export const BrowseLastN = z.object({ profileId, topic, brokerName, queueId, count: z.number().int().min(1).max(BROWSE_MAX).default(50) }).strict();
export const BrowseMessage = z.object({ profileId, topic, brokerName, queueId, queueOffset: offset }).strict();
export const BrowseConsumedBy = BrowseMessage;

export interface BrowseView {
  topic: string;
  messages: MessageViewDTO[];
  truncated: boolean;
  queues: { brokerName: string; queueId: number; fromOffset: string; toOffset: string; found: number }[];
  errors: OpsFailure[];
}

export interface ConsumedByView {
  topic: string;
  brokerName: string;
  queueId: number;
  queueOffset: string;
  groups: { group: string; committedOffset?: string | undefined; consumed: boolean; error?: OpsFailure | undefined }[];
  errors: OpsFailure[];
}

/** The filters of history:search, without paging. */
const historyFilters = {
  profileId: profileId.optional(),
  topic: z.string().max(512).optional(),
  status: z.array(HistoryStatus).max(8).optional(),
  text: z.string().max(1024).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  origin: z.enum(['send', 'replay', 'bulk', 'datafile']).optional(),
};

export const HistoryCount = z.object(historyFilters).strict();

/** Most rows one export chunk carries; a 10 000-row export is 2 calls, not 10 000. */
export const EXPORT_CHUNK_MAX = 5000;

export const HistoryExport = z
  .object({
    ...historyFilters,
    format: z.enum(['ndjson', 'csv']).default('ndjson'),
    /** Export only these rows (a selection) instead of the filters' result. */
    ids: z.array(z.number().int().positive()).max(100_000).optional(),
    /** Opaque cursor from the previous chunk. */
    cursor: z.string().max(100).optional(),
    chunkRows: z.number().int().min(1).max(EXPORT_CHUNK_MAX).default(EXPORT_CHUNK_MAX),
  })
  .strict();

export interface HistoryExportChunk {
  format: 'ndjson' | 'csv';
  /** NDJSON lines of full entries, or CSV rows (the header row only in the first chunk). */
  data: string;
  rows: number;
  /** Present while more rows remain. */
  nextCursor?: string | undefined;
}
