/**
 * The host-agnostic Workbench: opens the database, builds every service and maps each contract
 * channel to its handler. Electron main and the web host both create one of these and only differ
 * in transport and secret store.
 */
import { join } from 'node:path';
import type { Logger } from '../../core/index.js';
import type { AppInfo } from '../common/contract.js';
import { BulkSender } from './bulk-sender.js';
import { DataFileAccess } from './data-file-access.js';
import { DataFileRunner } from './data-file.js';
import { Dispatcher, type Handlers } from './dispatcher.js';
import { notFound } from './errors.js';
import { EventBus } from './event-sink.js';
import { openDatabase } from './history/db.js';
import { HistoryStore } from './history/history-store.js';
import { LiveAggregator } from './live-aggregator.js';
import { MessageBrowserService } from './message-browser.js';
import { OpsService } from './ops.js';
import { ProducerPool } from './producer-pool.js';
import { ProfileStore } from './profiles.js';
import { testProfileConnection } from './profile-test.js';
import { replay } from './replay.js';
import { executeRequest } from './request-reply.js';
import { SendEvents } from './send-events.js';
import { TransactionsService } from './transactions.js';
import type { SecretStore } from './secret-store.js';
import { executeSend, recordNotSent, resolveSend, toResolvedView } from './send-service.js';
import { SequenceCounters, TEMPLATE_VARIABLES } from './template-vars.js';
import { TemplateStore } from './templates.js';

export interface WorkbenchOptions {
  dataDir: string;
  secrets: SecretStore;
  host: AppInfo['host'];
  version: string;
  /** Live tick period (≥ 250 ms). */
  tickMs?: number;
  historyBatchSize?: number;
  /** Creates this profile when there is none (npm start seeds the local cluster's NameServer). */
  seedProfile?: { name: string; namesrvAddrs: string[] } | undefined;
  /** Electron: shows the open dialog in main and resolves to the chosen path (null = cancelled). The headless host has none: files are uploaded. */
  chooseDataFile?: (() => Promise<string | null>) | undefined;
  /** The host's log, handed to every producer (ClientConfig.logger). */
  logger?: Logger | undefined;
}

/** WORKBENCH_SEED_NAMESRV=host:port → a "Local cluster" profile on first start. */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): WorkbenchOptions['seedProfile'] {
  const addr = env['WORKBENCH_SEED_NAMESRV'];
  return addr
    ? {
        name: 'Local cluster',
        namesrvAddrs: addr
          .split(/[;,]/)
          .map((a) => a.trim())
          .filter(Boolean),
      }
    : undefined;
}

export class Workbench {
  readonly events = new EventBus();
  readonly profiles: ProfileStore;
  readonly history: HistoryStore;
  readonly templates: TemplateStore;
  readonly pool: ProducerPool;
  readonly transactions: TransactionsService;
  readonly timeline: SendEvents;
  readonly live: LiveAggregator;
  readonly bulk: BulkSender;
  readonly dataFiles: DataFileRunner;
  readonly ops: OpsService;
  readonly browser: MessageBrowserService;
  readonly seqs = new SequenceCounters();
  readonly dispatcher: Dispatcher;
  readonly dbFile: string;
  private readonly db;
  private historyAdded = 0;
  private historyTimer: NodeJS.Timeout | undefined;
  private lastHistoryId = 0;

  constructor(private readonly opts: WorkbenchOptions) {
    this.dbFile = join(opts.dataDir, 'workbench.db');
    const { db, recovered } = openDatabase(this.dbFile);
    this.db = db;
    this.profiles = new ProfileStore(db, opts.secrets);
    this.history = new HistoryStore(db, { batchSize: opts.historyBatchSize, recovered, onCommitted: (n, last) => this.historyCommitted(n, last) });
    this.history.prune();
    this.templates = new TemplateStore(db);
    if (opts.seedProfile && this.profiles.count() === 0) {
      this.profiles.create({ ...opts.seedProfile, environment: 'dev', readOnly: false, env: {}, producer: {} });
    }
    this.live = new LiveAggregator(this.events, opts.tickMs ?? 500);
    this.timeline = new SendEvents(db);
    // Every connection feeds the live view, and its group's transaction checks go to the inbox.
    this.pool = new ProducerPool(
      this.events,
      (id, producer) => {
        const offLive = this.live.observe(id, producer);
        const offTx = this.transactions.observe(id, producer);
        return () => {
          offLive();
          offTx();
        };
      },
      opts.logger,
    );
    this.transactions = new TransactionsService(this.pool, this.history, this.timeline, this.events, this.seqs, db);
    this.bulk = new BulkSender(this.events, this.history, this.seqs);
    this.dataFiles = new DataFileRunner(this.events, this.history, this.seqs, new DataFileAccess({ choose: opts.chooseDataFile }));
    this.ops = new OpsService(this.pool, this.history, this.events);
    this.browser = new MessageBrowserService(this.pool);
    this.dispatcher = new Dispatcher(this.handlers());
  }

  /** history:changed at most 4 times per second, however fast rows are committed. */
  private historyCommitted(n: number, lastId: number): void {
    this.historyAdded += n;
    this.lastHistoryId = lastId;
    if (this.historyTimer) return;
    this.historyTimer = setTimeout(() => {
      this.historyTimer = undefined;
      this.events.emit('history:changed', { added: this.historyAdded, lastId: this.lastHistoryId, at: Date.now() });
      this.historyAdded = 0;
    }, 250);
    this.historyTimer.unref();
  }

  private handlers(): Handlers {
    const p = this.profiles;
    const conn = (profileId: string) => this.pool.get(profileId);
    return {
      'app:info': () => ({
        version: this.opts.version,
        platform: process.platform,
        host: this.opts.host,
        dataDir: this.opts.dataDir,
        secretStore: this.opts.secrets.info,
      }),

      'profiles:list': () => p.list(),
      'profiles:get': ({ id }) => p.get(id),
      'profiles:create': (input) => p.create(input),
      'profiles:update': async ({ id, patch }) => {
        const updated = p.update(id, patch);
        if (this.pool.has(id)) {
          // New addresses, keys or producer options take effect on a fresh connection.
          await this.pool.disconnect(id);
          await this.pool.connect(updated, p.credentials(id));
        }
        return updated;
      },
      'profiles:delete': async ({ id }) => {
        await this.pool.disconnect(id);
        return { deleted: p.delete(id) };
      },
      'profiles:connect': ({ id }) => this.pool.connect(p.get(id), p.credentials(id)),
      'profiles:disconnect': ({ id }) => this.pool.disconnect(id),
      'profiles:status': () => p.list().map((x) => this.pool.state(x.id)),
      'profiles:test': ({ profileId, accessKey, secretKey, ...draft }) => {
        // Keys typed in the form win; an edited profile whose keys are stored (and left blank) is tested with those.
        const creds = accessKey !== undefined && secretKey !== undefined ? { accessKey, secretKey } : profileId ? p.credentials(profileId) : undefined;
        return testProfileConnection(draft, creds, this.opts.logger);
      },

      'send:message': async (req) => {
        // Edit & replay sends carry the entry they were edited from: recorded as a replay linked to it.
        const o = req.originId
          ? { origin: 'replay' as const, originId: req.originId, templateId: req.templateId }
          : { origin: 'send' as const, templateId: req.templateId };
        let c: ReturnType<typeof conn>;
        let resolved: ReturnType<typeof resolveSend>;
        try {
          c = conn(req.profileId);
          resolved = resolveSend(req, c.profile, this.seqs);
        } catch (e) {
          // Refused before the producer saw it (not connected, a variable that does not expand): still history.
          const prof = p.list().find((x) => x.id === req.profileId);
          // Not connected because the last connect failed: that failure (e.g. "no NameServer answered") is the reason.
          const st = this.pool.state(req.profileId);
          if (prof) recordNotSent(this.history, prof, req, st.phase === 'error' && st.error ? st.error : e, o);
          throw e;
        }
        return executeSend(c.producer, c.profile, resolved, this.history, o);
      },
      'send:preview': (req) => toResolvedView(resolveSend(req, p.get(req.profileId), this.seqs, { preview: true })),
      'send:variables': () => TEMPLATE_VARIABLES,

      'history:search': (q) => this.history.search({ ...q, beforeId: q.cursor ? Number(q.cursor) : undefined }),
      'history:get': ({ id }) => {
        const e = this.history.get(id);
        if (!e) throw notFound(`history entry ${id}`);
        return e;
      },
      'history:delete': ({ ids }) => ({ deleted: this.history.delete(ids) }),
      'history:getSettings': () => this.history.getSettings(),
      'history:setSettings': (s) => this.history.setSettings(s),
      'history:stats': () => this.history.stats(),
      'history:count': (f) => ({ total: this.history.count(f) }),
      'history:export': ({ format, cursor, chunkRows, ...f }) => ({
        format,
        ...this.history.exportChunk(f, format, chunkRows, cursor ? Number(cursor) : undefined),
      }),

      'replay:run': (input) => replay(input, this.history, this.pool, this.seqs),

      'templates:list': (f) => this.templates.list(f ?? {}),
      'templates:get': ({ id }) => this.templates.get(id),
      'templates:create': (t) => this.templates.create(t),
      'templates:update': ({ id, patch }) => this.templates.update(id, patch),
      'templates:delete': ({ id }) => ({ deleted: this.templates.delete(id) }),
      'templates:duplicate': ({ id, name }) => this.templates.duplicate(id, name),
      'templates:export': (i) => this.templates.export(i?.ids),
      'templates:import': ({ content, onConflict }) => this.templates.import(content, onConflict),

      'bulk:start': (b) => this.bulk.start(conn(b.request.profileId), b),
      'bulk:cancel': ({ runId }) => this.bulk.cancel(runId),
      'bulk:status': ({ runId }) => this.bulk.status(runId),
      'bulk:list': () => this.bulk.list(),

      'datafile:choose': () => this.dataFiles.choose(),
      'datafile:inspect': ({ source, sampleRows }) => this.dataFiles.inspect(source, sampleRows),
      'datafile:start': (i) => this.dataFiles.start(conn(i.profileId), i),
      'datafile:rerunFailed': ({ runId }) => this.dataFiles.rerunFailed(conn(this.dataFiles.profileOf(runId)), runId),
      'datafile:cancel': ({ runId }) => this.dataFiles.cancel(runId),
      'datafile:status': ({ runId }) => this.dataFiles.status(runId),

      'live:snapshot': () => this.live.snapshot(),

      'ops:clusters': ({ profileId }) => this.ops.clusters(profileId),
      'ops:topics': ({ profileId }) => this.ops.topics(profileId),
      'ops:route': ({ profileId, topic }) => this.ops.route(profileId, topic),
      'ops:topicStatus': ({ profileId, topic }) => this.ops.topicStatus(profileId, topic),
      'ops:createTopic': (i) => this.ops.createTopic(i),
      'ops:deleteTopic': (i) => this.ops.deleteTopic(i),
      'ops:health': ({ profileId }) => this.ops.health(profileId),
      'ops:clientStatus': ({ profileId }) => this.ops.clientStatus(profileId),
      'ops:watchHealth': ({ profileId, intervalMs }, ctx) => this.ops.watchHealth(profileId, intervalMs, ctx.clientId),
      'ops:unwatchHealth': ({ watchId }) => ({ stopped: this.ops.unwatchHealth(watchId) }),
      'ops:lookup': ({ profileId, id, topic }) => this.ops.lookup(profileId, id, topic),
      'ops:queryByKey': (i) => this.ops.queryByKey(i),
      'ops:verify': ({ historyId }) => this.ops.verify(historyId),

      'browser:byTime': (i) => this.browser.byTime(i),
      'browser:lastN': (i) => this.browser.lastN(i),
      'browser:message': (i) => this.browser.message(i),
      'browser:consumedBy': (i) => this.browser.consumedBy(i),

      'tx:send': (i) => this.transactions.send(i),
      'tx:inbox': ({ profileId }) => this.transactions.list(profileId),
      'tx:answer': ({ profileId, transactionId, decision }) => this.transactions.answer(profileId, transactionId, decision),
      'tx:getPolicy': ({ profileId }) => ({ policy: this.transactions.policy(profileId) }),
      'tx:setPolicy': ({ profileId, policy }) => this.transactions.setPolicy(profileId, policy),
      'request:send': (i) => executeRequest(i, this.pool, this.history, this.timeline, this.seqs),
      'history:timeline': ({ id }) => this.timeline.list(id),
    };
  }

  /** A window or socket went away: release what it held open. */
  releaseClient(clientId: string): void {
    this.ops.releaseClient(clientId);
  }

  async close(): Promise<void> {
    this.ops.stopAll();
    await this.bulk.cancelAll();
    await this.dataFiles.cancelAll();
    await this.pool.closeAll();
    this.live.stop();
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.history.close();
    this.db.close();
  }
}
