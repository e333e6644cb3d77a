/**
 * THE Workbench API contract, shared by the host (Electron main and the headless web host), the
 * preload and the renderer. Every invoke channel (`domain:verb`) is declared once in `methods` with
 * its zod input schema and its response type; every push event once in `EventPayloads`.
 * `WorkbenchApi` (window.workbench, or the WebSocket client) is derived from these maps.
 *
 * Environment-neutral on purpose: zod and this folder only, no Node, Electron or DOM.
 * The renderer may only `import type` from here.
 */
import type { z } from 'zod';
import type { ChannelName, EventName } from './channels.js';
import * as S from './contract-schemas.js';
import type * as O from './contract-ops.js';
import * as B from './contract-browser.js';
import * as P from './contract-profile-test.js';
import * as X from './contract-transactions.js';
import type * as R from './contract-runs.js';
import type * as T from './contract-types.js';

export { CHANNELS, EVENTS, channelPath, type ChannelName, type EventName } from './channels.js';
export type * from './contract-types.js';
export type * from './contract-runs.js';
export type * from './contract-ops.js';
export type * from './contract-browser.js';
export type * from './contract-profile-test.js';
export type * from './contract-transactions.js';
export { BROWSE_MAX, EXPORT_CHUNK_MAX } from './contract-browser.js';

/** Every failure crossing the boundary; Electron's `invoke` would keep only an Error's message. */
export interface ApiError {
  name: string;
  code: number;
  retriable: boolean;
  message: string;
}

/** Handlers never throw across the boundary: they resolve to a Result. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Codes for errors raised by the host itself (2xxxx): one table, in core/rules, with core's client codes. */
export { HostErrorCode } from '../../core/rules/index.js';

/** A method's declaration: the schema its input must pass, and (as a phantom type) what it returns. */
export interface MethodSpec<I extends z.ZodType, Out> {
  input: I;
  /** Type-only marker; always undefined at runtime. */
  readonly output?: Out;
}
const m =
  <Out>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, Out> => ({ input });

export const methods = {
  'app:info': m<T.AppInfo>()(S.Empty),

  'profiles:list': m<T.ProfileView[]>()(S.Empty),
  'profiles:get': m<T.ProfileView>()(S.ById),
  'profiles:create': m<T.ProfileView>()(S.ProfileInput),
  'profiles:update': m<T.ProfileView>()(S.ProfileUpdate),
  /** Disconnects first; the profile's history stays. */
  'profiles:delete': m<{ deleted: boolean }>()(S.ById),
  'profiles:connect': m<T.ConnectionState>()(S.ById),
  'profiles:disconnect': m<T.ConnectionState>()(S.ById),
  'profiles:status': m<T.ConnectionState[]>()(S.Empty),
  /** Checks a draft (never saved): NameServer answering, clusters, brokers, ACL keys accepted by a broker. */
  'profiles:test': m<P.ProfileTestResult>()(P.ProfileTestRequest),

  /** Expands variables, sends, records history. A failed send is `ok: true` with status 'failed'. */
  'send:message': m<T.SendOutcome>()(S.SendRequest),
  /** The fully resolved message(s), without sending (and without advancing {{seq}}). */
  'send:preview': m<T.ResolvedSend>()(S.SendRequest),
  /** Every template variable the host expands, documented (the editor's `{{` completion). */
  'send:variables': m<T.TemplateVariableDoc[]>()(S.Empty),

  'history:search': m<T.HistoryPage>()(S.HistoryQuery),
  'history:get': m<T.HistoryEntry>()(S.HistoryById),
  'history:delete': m<{ deleted: number }>()(S.HistoryDelete),
  'history:getSettings': m<T.HistorySettings>()(S.Empty),
  'history:setSettings': m<T.HistorySettings>()(S.HistorySettings),
  'history:stats': m<T.HistoryStats>()(S.Empty),
  /** How many rows the filters match (the whole history, not a page). */
  'history:count': m<{ total: number }>()(B.HistoryCount),
  /** One chunk (≤ 5000 rows) of NDJSON or CSV, newest first; call again with nextCursor until it is absent. */
  'history:export': m<B.HistoryExportChunk>()(B.HistoryExport),

  'replay:run': m<T.ReplayOutcome>()(S.ReplayRequest),

  'templates:list': m<T.Template[]>()(S.TemplateList),
  'templates:get': m<T.Template>()(S.ById),
  'templates:create': m<T.Template>()(S.TemplateInput),
  'templates:update': m<T.Template>()(S.TemplateUpdate),
  'templates:delete': m<{ deleted: boolean }>()(S.ById),
  'templates:duplicate': m<T.Template>()(S.TemplateDuplicate),
  'templates:export': m<T.TemplateExportFile>()(S.TemplateExport),
  /** All-or-nothing: a malformed file is refused with BAD_FILE and changes nothing. */
  'templates:import': m<T.TemplateImportResult>()(S.TemplateImport),

  'bulk:start': m<R.BulkSnapshot>()(S.BulkStart),
  'bulk:cancel': m<R.BulkSnapshot>()(S.RunId),
  'bulk:status': m<R.BulkSnapshot>()(S.RunId),
  'bulk:list': m<R.BulkSnapshot[]>()(S.Empty),

  /** Electron: the open dialog in main; the page gets a handle, never the path (file: null when cancelled). The headless host has no dialog: upload instead. */
  'datafile:choose': m<R.DataFileChoice>()(S.Empty),
  'datafile:inspect': m<R.DataFileInspection>()(S.DataFileInspect),
  'datafile:start': m<R.DataFileSnapshot>()(S.DataFileStart),
  /** A new run over only the rows that failed or were invalid in `runId`. */
  'datafile:rerunFailed': m<R.DataFileSnapshot>()(S.RunId),
  'datafile:cancel': m<R.DataFileSnapshot>()(S.RunId),
  'datafile:status': m<R.DataFileSnapshot>()(S.RunId),

  /** The latest tick (fault items, heartbeats) without waiting for the next one. */
  'live:snapshot': m<R.LiveTick>()(S.Empty),

  'ops:clusters': m<O.ClusterOverview>()(S.OpsProfile),
  'ops:topics': m<O.TopicListing>()(S.OpsProfile),
  'ops:route': m<O.TopicRouteView>()(S.OpsTopic),
  'ops:topicStatus': m<O.TopicStatusView>()(S.OpsTopic),
  /** Refused on read-only profiles. */
  'ops:createTopic': m<O.CreateTopicView>()(S.OpsCreateTopic),
  /** Refused on read-only profiles; needs confirm: true. */
  'ops:deleteTopic': m<O.DeleteTopicView>()(S.OpsDeleteTopic),
  'ops:health': m<O.ClusterHealthView>()(S.OpsProfile),
  'ops:clientStatus': m<O.ClientStatusView>()(S.OpsProfile),
  /** Polls health every intervalMs and pushes `ops:healthUpdate` until unwatched (or the client goes away). */
  'ops:watchHealth': m<O.HealthWatch>()(S.OpsWatchHealth),
  'ops:unwatchHealth': m<{ stopped: boolean }>()(S.OpsUnwatch),
  'ops:lookup': m<O.LookupView>()(S.OpsLookup),
  'ops:queryByKey': m<O.QueryView>()(S.OpsQueryByKey),
  'ops:verify': m<O.VerifyView>()(S.OpsVerify),

  /** Read-only message browser: pulls commit no consumer offset. */
  'browser:byTime': m<B.BrowseView>()(B.BrowseByTime),
  'browser:lastN': m<B.BrowseView>()(B.BrowseLastN),
  'browser:message': m<O.MessageViewDTO>()(B.BrowseMessage),
  'browser:consumedBy': m<B.ConsumedByView>()(B.BrowseConsumedBy),

  /** Half message, local outcome (commit / rollback / unknown), END_TRANSACTION; recorded in history with a timeline. */
  'tx:send': m<X.TxSendOutcome>()(X.TxSend),
  /** Checks (CHECK_TRANSACTION_STATE) received for the profile's producer group, newest first. */
  'tx:inbox': m<X.TxCheckView[]>()(X.TxInbox),
  /** Answers a waiting check: END_TRANSACTION fromTransactionCheck=true to the broker that asked. */
  'tx:answer': m<X.TxCheckView>()(X.TxAnswer),
  'tx:getPolicy': m<{ policy: X.TxCheckPolicy }>()(X.TxPolicyGet),
  'tx:setPolicy': m<{ policy: X.TxCheckPolicy }>()(X.TxPolicySet),
  /** Sends a request and waits for its reply (request-reply); recorded in history with the reply. */
  'request:send': m<X.RequestOutcome>()(X.RequestSend),
  /** A history row's timeline: a transaction's half send, END_TRANSACTION, checks and answers; a request's reply. */
  'history:timeline': m<X.TimelineEvent[]>()(X.HistoryTimelineInput),
} satisfies Record<ChannelName, MethodSpec<z.ZodType, unknown>>;

export type Methods = typeof methods;
/** Compile-time check: channels.ts and `methods` name the same channels. */
type _SameChannels = [Exclude<keyof Methods, ChannelName>, Exclude<ChannelName, keyof Methods>] extends [never, never] ? true : never;
const _sameChannels: _SameChannels = true;
void _sameChannels;

export type InputOf<C extends ChannelName> = z.input<Methods[C]['input']>;
/** The input after parsing (defaults applied): what handlers receive. */
export type ParsedInputOf<C extends ChannelName> = z.output<Methods[C]['input']>;
export type OutputOf<C extends ChannelName> = NonNullable<Methods[C]['output']>;

export interface EventPayloads {
  'live:tick': R.LiveTick;
  'route:changed': R.RouteChangedEvent;
  'profiles:state': T.ConnectionState;
  'connection:socket': R.SocketEvent;
  'bulk:progress': R.BulkProgressEvent;
  'datafile:progress': R.DataFileProgressEvent;
  'ops:healthUpdate': O.HealthEvent;
  'history:changed': R.HistoryChangedEvent;
  'tx:inbox': X.TxInboxEvent;
}
type _SameEvents = [Exclude<keyof EventPayloads, EventName>, Exclude<EventName, keyof EventPayloads>] extends [never, never] ? true : never;
const _sameEvents: _SameEvents = true;
void _sameEvents;

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type Call<C extends ChannelName> =
  undefined extends InputOf<C> ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>> : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

/** What the renderer sees as `window.workbench` (Electron) or gets from the WebSocket transport. */
export type WorkbenchApi = {
  [D in DomainOf<ChannelName>]: { [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: Call<C> };
} & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
