/**
 * zod schemas of every API input. The host validates each call with these before a handler runs;
 * the renderer only sees their inferred types (z.input) through contract.ts.
 * Environment-neutral: zod and the shared rules (core/rules, pure) and nothing else.
 */
import { z } from 'zod';
import {
  GROUP_MAX_LENGTH,
  NAME_CHARS_TEXT,
  NAME_PATTERN,
  NAMESPACE_MAX_LENGTH,
  NAMESPACE_PATTERN,
  PROPERTIES_MAX_BYTES,
  TOPIC_MAX_LENGTH,
  utf8Length,
} from '../../core/rules/index.js';
import { CompressionType, NamesrvAddressServer, ProfileTls, TraceTopic } from './contract-connection.js';

const id = z.string().min(1).max(200);
const name = z.string().trim().min(1, 'a name is required').max(200);
/** "host:port", as the Java client writes NameServer addresses. */
export const hostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, {
    // The commonest slip is a missing port: say that, rather than restating the pattern.
    error: (iss) =>
      /:\d{1,5}$/.test(String(iss.input))
        ? 'is not host:port (letters, digits and . - _ [ ] only before the port), e.g. 127.0.0.1:9876'
        : 'has no port: write host:port, e.g. 127.0.0.1:9876',
  });
const kv = z.record(z.string().min(1).max(256), z.string().max(64 * 1024));
/**
 * Message properties: what a broker accepts (the encoded string, `name\u0001value\u0002` per
 * entry, at most PROPERTIES_MAX_BYTES = Short.MAX_VALUE), checked before the record is parsed so
 * a million-entry map costs one cheap pass, not a schema walk that stalls every other client.
 * The values may hold template variables; core checks the expanded message again.
 */
const messageProperties = z
  .custom<Record<string, string>>((v) => {
    if (v === null || typeof v !== 'object') return true; // the record schema reports the type
    let bytes = 0;
    for (const k in v) {
      const val = (v as Record<string, unknown>)[k];
      bytes += utf8Length(k) + (typeof val === 'string' ? utf8Length(val) : 0) + 2;
      if (bytes > PROPERTIES_MAX_BYTES) return false;
    }
    return true;
  }, `the properties encode to more than ${PROPERTIES_MAX_BYTES} bytes, the broker's limit`)
  .pipe(kv);

export const Empty = z.undefined().or(z.object({}).strict()).optional();
export const ById = z.object({ id }).strict();

export const Environment = z.enum(['dev', 'test', 'prod']);
export const SendMode = z.enum(['sync', 'async', 'oneway']);
export const BodyFormat = z.enum(['text', 'json', 'hex', 'base64']);

export const ProducerBehaviour = z.enum(['java-5', 'java-4.9']);

export const ProducerOptions = z
  .object({
    group: z.string().trim().min(1).max(GROUP_MAX_LENGTH).regex(NAME_PATTERN, `a producer group uses ${NAME_CHARS_TEXT} only`),
    sendTimeoutMs: z.number().int().min(100).max(600_000),
    retries: z.number().int().min(0).max(16),
    retriesAsync: z.number().int().min(0).max(16),
    faultTolerance: z.boolean(),
    compressThreshold: z
      .number()
      .int()
      .min(0)
      .max(64 * 1024 * 1024),
    headerSerialization: z.enum(['JSON', 'ROCKETMQ']),
    maxMessageSize: z
      .number()
      .int()
      .min(1024)
      .max(128 * 1024 * 1024),
    retryAnotherBrokerWhenNotStoreOK: z.boolean(),
    /** Which Java client the producer behaves like under faults (docs/producer-behaviour.md). */
    behaviour: ProducerBehaviour,
    /** Algorithm for bodies of at least compressThreshold bytes (Java compressType). */
    compressType: CompressionType,
    /** Write a message trace (Java enableMsgTrace) after each acknowledged send and END_TRANSACTION. */
    traceEnabled: z.boolean(),
    /** Where traces go (Java customizedTraceTopic). */
    traceTopic: TraceTopic,
  })
  .strict();

/**
 * NameServer addresses and the address server combine as in the Java client: the address server's
 * list, once it answers, replaces the typed one (polled every 2 min); the typed list is the
 * fallback until then. At least one of the two is needed.
 */
const needsNameServer = (p: { namesrvAddrs: string[]; namesrvAddressServer?: string | undefined }) =>
  p.namesrvAddrs.length > 0 || (p.namesrvAddressServer !== undefined && p.namesrvAddressServer !== '');
const NEEDS_NAMESERVER = {
  message: 'at least one NameServer address, or a NameServer address server',
  path: ['namesrvAddrs'],
  // Also when other fields failed, so one answer lists every problem (the address list itself must be valid).
  when: (payload: { value: unknown }) => {
    const v = payload.value as { namesrvAddrs?: unknown; namesrvAddressServer?: unknown } | null;
    return (
      Array.isArray(v?.namesrvAddrs) &&
      v.namesrvAddrs.every((a) => typeof a === 'string') &&
      (v.namesrvAddressServer === undefined || typeof v.namesrvAddressServer === 'string')
    );
  },
};

export const ProfileInput = z
  .object({
    name,
    /** May be empty when namesrvAddressServer is given. */
    namesrvAddrs: z.array(hostPort).max(16),
    namesrvAddressServer: NamesrvAddressServer.optional(),
    tls: ProfileTls.default({ enabled: false, insecureSkipVerify: false }),
    /** Both or neither. Stored in the secret store, never in the database. */
    accessKey: z.string().min(1).max(512).optional(),
    secretKey: z.string().min(1).max(512).optional(),
    namespace: z.string().max(NAMESPACE_MAX_LENGTH).regex(NAMESPACE_PATTERN, 'a namespace uses letters, digits, _ and - only').optional(),
    environment: Environment.default('dev'),
    readOnly: z.boolean().default(false),
    /** Values for {{env.NAME}} in any send field. */
    env: kv.default({}),
    producer: ProducerOptions.partial().default({}),
  })
  .strict()
  .refine((p) => (p.accessKey === undefined) === (p.secretKey === undefined), {
    message: 'give both AccessKey and SecretKey, or neither',
    path: ['secretKey'],
  })
  .refine(needsNameServer, NEEDS_NAMESERVER);

export const ProfileUpdate = z
  .object({
    id,
    patch: z
      .object({
        name: name.optional(),
        /** Empty only together with an address server (checked against the stored profile). */
        namesrvAddrs: z.array(hostPort).max(16).optional(),
        /** '' removes the address server. */
        namesrvAddressServer: NamesrvAddressServer.or(z.literal('')).optional(),
        /** Replaces the whole TLS setting. */
        tls: ProfileTls.optional(),
        accessKey: z.string().min(1).max(512).optional(),
        secretKey: z.string().min(1).max(512).optional(),
        /** Removes stored credentials. */
        clearCredentials: z.boolean().optional(),
        namespace: z.string().max(NAMESPACE_MAX_LENGTH).regex(NAMESPACE_PATTERN).optional(),
        environment: Environment.optional(),
        readOnly: z.boolean().optional(),
        env: kv.optional(),
        producer: ProducerOptions.partial().optional(),
      })
      .strict(),
  })
  .strict();

export const SendTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto') }).strict(),
  /** Exactly this queue (one attempt, as the Java client). */
  z.object({ kind: z.literal('queue'), brokerName: z.string().min(1), queueId: z.number().int().min(0).max(65535) }).strict(),
  /** Ordered send: the key (template allowed) picks the queue by hash, like SelectMessageQueueByHash. */
  z.object({ kind: z.literal('orderKey'), key: z.string().min(1).max(1024) }).strict(),
]);

/** The message part of a send: every string field may hold template variables. */
export const MessageDraft = z
  .object({
    topic: z.string().min(1).max(512),
    tags: z.string().max(1024).optional(),
    /** Space-separated keys, or a list. */
    keys: z.union([z.string().max(4096), z.array(z.string().max(1024)).max(64)]).optional(),
    properties: messageProperties.optional(),
    body: z.string().max(16 * 1024 * 1024),
    bodyFormat: BodyFormat.default('text'),
    /** 1..18 (1s … 2h). */
    delayLevel: z.number().int().min(1).max(18).optional(),
    /** Absolute delivery time, epoch ms (5.x brokers). */
    deliverAt: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((m) => !(m.delayLevel !== undefined && m.deliverAt !== undefined), {
    message: 'choose a delay level or a delivery time, not both',
    path: ['deliverAt'],
  });

export const SendRequest = z
  .object({
    profileId: id,
    message: MessageDraft,
    mode: SendMode.default('sync'),
    target: SendTarget.default({ kind: 'auto' }),
    /** N > 1 sends one batch request of N messages, each with its own variable expansion. */
    batch: z.number().int().min(1).max(1000).default(1),
    /** Overrides the profile's send timeout for this send. */
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    /** Recorded with the history entry when the send came from a template. */
    templateId: id.optional(),
    /** Edit & replay: the history entry this send was edited from (recorded as origin 'replay', linked by origin_id). */
    originId: z.number().int().positive().optional(),
  })
  .strict();

/** 'not sent': refused before anything reached a broker (validation, not connected, no NameServer answered). */
export const HistoryStatus = z.enum(['ok', 'degraded', 'unconfirmed', 'failed', 'not sent']);

export const HistoryQuery = z
  .object({
    profileId: id.optional(),
    topic: z.string().max(512).optional(),
    status: z.array(HistoryStatus).max(5).optional(),
    /** Words and word prefixes in keys, tags, msgId, property values and the body text (first 4 KiB), e.g. "order-12" finds order-123; `key:abc` matches the key abc exactly, `key:abc*` keys starting with abc. */
    text: z.string().max(1024).optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    origin: z.enum(['send', 'replay', 'bulk', 'datafile']).optional(),
    /** Opaque cursor from a previous page (keyset paging, newest first). */
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const HistoryById = z.object({ id: z.number().int().positive() }).strict();
export const HistoryDelete = z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict();

export const HistorySettings = z
  .object({
    /** Keep at most this many sends (0 = unlimited). */
    maxRows: z.number().int().min(0).max(100_000_000),
    /** Delete sends older than this many days (0 = keep forever). */
    maxAgeDays: z.number().int().min(0).max(36_500),
  })
  .strict();

export const ReplayRequest = z
  .object({
    historyIds: z.array(z.number().int().positive()).min(1).max(1000),
    /** Default: the profile each entry was sent with. */
    profileId: id.optional(),
    /** Field edits applied to every replayed message before sending; they may hold template variables. */
    edits: z
      .object({
        topic: z.string().min(1).max(512).optional(),
        tags: z.string().max(1024).optional(),
        keys: z.union([z.string().max(4096), z.array(z.string().max(1024)).max(64)]).optional(),
        properties: messageProperties.optional(),
        body: z
          .string()
          .max(16 * 1024 * 1024)
          .optional(),
        bodyFormat: BodyFormat.optional(),
        mode: SendMode.optional(),
      })
      .strict()
      .optional(),
    /** sequence: one send per entry, in order; batch: one batch request (same topic required). */
    as: z.enum(['sequence', 'batch']).default('sequence'),
  })
  .strict();

const TemplateRequest = z
  .object({
    message: MessageDraft,
    mode: SendMode.default('sync'),
    target: SendTarget.default({ kind: 'auto' }),
    batch: z.number().int().min(1).max(1000).default(1),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    /** Preferred profile; a template is usable with any. */
    profileId: id.optional(),
  })
  .strict();
export { TemplateRequest };

const folder = z
  .string()
  .trim()
  .max(500)
  .regex(/^[^\\]*$/, 'folders use / as separator')
  .default('');
const tags = z.array(z.string().trim().min(1).max(64)).max(32).default([]);

export const TemplateInput = z.object({ name, folder, tags, description: z.string().max(4000).default(''), request: TemplateRequest }).strict();
export const TemplateUpdate = z
  .object({
    id,
    // No defaults in a patch: an absent field stays as it is.
    patch: z
      .object({
        name: name.optional(),
        folder: z
          .string()
          .trim()
          .max(500)
          .regex(/^[^\\]*$/, 'folders use / as separator')
          .optional(),
        tags: z.array(z.string().trim().min(1).max(64)).max(32).optional(),
        description: z.string().max(4000).optional(),
        request: TemplateRequest.optional(),
      })
      .strict(),
  })
  .strict();
export const TemplateList = z
  .object({ folder: z.string().max(500).optional(), tag: z.string().max(64).optional(), text: z.string().max(200).optional() })
  .strict()
  .optional();
export const TemplateDuplicate = z.object({ id, name: name.optional() }).strict();
export const TemplateExport = z
  .object({ ids: z.array(id).max(10_000).optional() })
  .strict()
  .optional();
/** The file's text; the host parses and validates all of it before changing anything. */
export const TemplateImport = z
  .object({ content: z.string().max(50 * 1024 * 1024), onConflict: z.enum(['rename', 'replace', 'skip']).default('rename') })
  .strict();

export const BulkStart = z
  .object({
    request: SendRequest,
    /** Stop after this many messages, or after durationMs, whichever comes first (one is required). */
    count: z.number().int().min(1).max(10_000_000).optional(),
    durationMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .optional(),
    /** Messages per second across all workers; 0 = as fast as possible. */
    ratePerSec: z.number().min(0).max(1_000_000).default(0),
    concurrency: z.number().int().min(1).max(1024).default(8),
    /** Messages per request (batch sends). */
    batchSize: z.number().int().min(1).max(1000).default(1),
    /** all: every send in history; failures: only failed sends; none: the summary only. */
    record: z.enum(['all', 'failures', 'none']).default('all'),
  })
  .strict()
  .refine((b) => b.count !== undefined || b.durationMs !== undefined, { message: 'give a count or a duration', path: ['count'] });

export const RunId = z.object({ runId: id }).strict();

/**
 * A data file is never named by a path: the page presents a handle the host minted when the user
 * chose the file (Electron's dialog: datafile:choose) or uploaded it (headless host: POST
 * /api/upload), or small inline content (bounded by the WebSocket frame limit).
 */
export const DataSource = z
  .object({
    /** From datafile:choose or an upload: `df-` and 32 hex digits. */
    handle: z.string().min(1).max(64).optional(),
    /** The file's text, for small files (a larger one goes through an upload). */
    content: z
      .string()
      .max(8 * 1024 * 1024)
      .optional(),
    fileName: z.string().max(1024).optional(),
    format: z.enum(['csv', 'ndjson']).optional(),
  })
  .strict()
  .refine((s) => (s.content === undefined) !== (s.handle === undefined), { message: 'give a file handle or the content, not both' });

/**
 * Each field is a template; {{col.NAME}} is the row's column (CSV) or field (NDJSON, dotted paths ok).
 * Omitted fields default to the columns topic, tags, keys, body and prop.* / properties.
 */
export const DataFileMapping = z
  .object({
    topic: z.string().max(1024).optional(),
    tags: z.string().max(1024).optional(),
    keys: z.string().max(4096).optional(),
    body: z
      .string()
      .max(1024 * 1024)
      .optional(),
    bodyFormat: BodyFormat.optional(),
    properties: messageProperties.optional(),
  })
  .strict();

export const DataFileInspect = z.object({ source: DataSource, sampleRows: z.number().int().min(0).max(100).default(5) }).strict();
export const DataFileStart = z
  .object({
    profileId: id,
    source: DataSource,
    mapping: DataFileMapping.default({}),
    mode: SendMode.default('sync'),
    ratePerSec: z.number().min(0).max(1_000_000).default(0),
    concurrency: z.number().int().min(1).max(256).default(4),
  })
  .strict();

const profileRef = z.object({ profileId: id });
export const OpsProfile = profileRef.strict();
export const OpsTopic = profileRef.extend({ topic: z.string().min(1).max(512) }).strict();
export const OpsCreateTopic = profileRef
  .extend({
    topic: z.string().min(1).max(TOPIC_MAX_LENGTH).regex(NAME_PATTERN, `a topic uses ${NAME_CHARS_TEXT} only`),
    /** Every master of this cluster… */
    cluster: z.string().min(1).optional(),
    /** …or one broker address. */
    brokerAddr: hostPort.optional(),
    readQueueNums: z.number().int().min(1).max(1024).default(8),
    writeQueueNums: z.number().int().min(1).max(1024).default(8),
    perm: z.number().int().min(0).max(7).default(6),
    order: z.boolean().default(false),
  })
  .strict()
  .refine((t) => (t.cluster === undefined) !== (t.brokerAddr === undefined), { message: 'give a cluster or a broker address' });
export const OpsDeleteTopic = profileRef
  .extend({ topic: z.string().min(1).max(512), confirm: z.literal(true, 'deleting a topic needs confirm: true'), cluster: z.string().optional() })
  .strict();
export const OpsWatchHealth = profileRef.extend({ intervalMs: z.number().int().min(1000).max(600_000).default(5000) }).strict();
export const OpsUnwatch = z.object({ watchId: id }).strict();
export const OpsLookup = profileRef.extend({ id: z.string().trim().min(1).max(100), topic: z.string().max(512).optional() }).strict();
export const OpsQueryByKey = profileRef
  .extend({
    topic: z.string().min(1).max(512),
    key: z.string().min(1).max(1024),
    begin: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    maxNum: z.number().int().min(1).max(1024).optional(),
  })
  .strict();
/** Re-reads a history entry's message(s) from the broker and compares them with what was sent. */
export const OpsVerify = z.object({ historyId: z.number().int().positive() }).strict();
