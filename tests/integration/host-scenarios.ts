/**
 * The Workbench service scenarios against the real cluster, written once against a client that
 * only knows channels and events — run through the dispatcher (what Electron IPC calls) in
 * host-services.spec.ts and through the headless host's WebSocket in host-web.spec.ts.
 */
import { expect, it } from 'vitest';
import { NAMESRV, uniqueGroup, uniqueTopic } from './env.js';

export interface HostClient {
  call: (channel: string, input?: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
  events: { event: string; payload: any }[];
}

export async function ok(c: HostClient, channel: string, input?: unknown): Promise<any> {
  const r = await c.call(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Registers the scenarios; `client()` is called lazily inside each test. */
export function hostScenarios(client: () => HostClient): void {
  const topic = uniqueTopic('WB_HOST');
  const s: { a?: string; b?: string; ro?: string; first?: any; cluster?: string } = {};

  it('connects two profiles at once, each with its own producer and options', async () => {
    const c = client();
    const a = await ok(c, 'profiles:create', {
      name: uniqueGroup('A'),
      namesrvAddrs: [NAMESRV],
      env: { REGION: 'eu-1' },
      producer: { group: uniqueGroup('WB_A'), retries: 3 },
    });
    const b = await ok(c, 'profiles:create', {
      name: uniqueGroup('B'),
      namesrvAddrs: [NAMESRV],
      environment: 'test',
      producer: { group: uniqueGroup('WB_B'), faultTolerance: true, headerSerialization: 'ROCKETMQ' },
    });
    const ro = await ok(c, 'profiles:create', { name: uniqueGroup('RO'), namesrvAddrs: [NAMESRV], environment: 'prod', readOnly: true });
    Object.assign(s, { a: a.id, b: b.id, ro: ro.id });
    const [sa, sb, sr] = await Promise.all([
      ok(c, 'profiles:connect', { id: a.id }),
      ok(c, 'profiles:connect', { id: b.id }),
      ok(c, 'profiles:connect', { id: ro.id }),
    ]);
    for (const st of [sa, sb, sr]) expect(st.phase).toBe('connected');
    expect(new Set([sa.clientId, sb.clientId, sr.clientId]).size).toBe(3);
    expect(c.events.some((e) => e.event === 'profiles:state' && e.payload.profileId === a.id && e.payload.phase === 'connected')).toBe(true);
    const clusters = await ok(c, 'ops:clusters', { profileId: a.id });
    s.cluster = clusters.clusters[0].name;
    expect(clusters.brokers.map((x: any) => x.brokerName)).toEqual(expect.arrayContaining(['broker-a', 'broker-b']));
    const created = await ok(c, 'ops:createTopic', { profileId: a.id, topic, cluster: s.cluster, readQueueNums: 4, writeQueueNums: 4 });
    expect(created.ok).toBe(true);
  });

  it('previews and sends with template variables; history holds the request, every attempt and the result', async () => {
    const c = client();
    const req = {
      profileId: s.a,
      message: {
        topic,
        tags: 'T{{seq}}',
        keys: 'order-{{seq}} {{uuid}}',
        properties: { region: '{{env.REGION}}', n: '{{randomInt 1 9}}' },
        body: '{"at":"{{now:iso}}","id":"{{randomString 8}}"}',
        bodyFormat: 'json',
      },
    };
    const preview = await ok(c, 'send:preview', req);
    expect(preview.messages[0]).toMatchObject({ topic, properties: { region: 'eu-1' }, bodyFormat: 'json' });
    expect(JSON.parse(preview.messages[0].bodyText).id).toMatch(/^[A-Za-z0-9]{8}$/);
    const out = await ok(c, 'send:message', req);
    expect(out).toMatchObject({ status: 'ok', result: { sendStatus: 'SEND_OK', topic } });
    expect(out.resolved.messages[0].tags).toBe(preview.messages[0].tags); // preview did not advance {{seq}}
    expect(out.attempts[0]).toMatchObject({
      attempt: 1,
      ok: true,
      brokerName: out.result.brokerName,
      addr: out.result.brokerAddr,
      queueId: out.result.queueId,
    });
    const entry = await ok(c, 'history:get', { id: out.historyId });
    expect(entry).toMatchObject({ id: out.historyId, profileId: s.a, topic, status: 'ok', sendStatus: 'SEND_OK', attemptCount: 1, origin: 'send' });
    expect(entry.attempts[0]).toMatchObject({ brokerName: out.result.brokerName, addr: out.result.brokerAddr, queueId: out.result.queueId, ok: true });
    expect(entry.request.messages[0].keys[0]).toBe(out.resolved.messages[0].keys[0]);
    const verified = await ok(c, 'ops:verify', { historyId: out.historyId });
    expect(verified.ok).toBe(true);
    const found = await ok(c, 'history:search', { text: out.resolved.messages[0].keys[0], profileId: s.a });
    expect(found.items.map((i: any) => i.id)).toEqual([out.historyId]);
    const lookup = await ok(c, 'ops:lookup', { profileId: s.a, id: out.result.offsetMsgId });
    expect(lookup.messages[0]).toMatchObject({ topic, tags: out.resolved.messages[0].tags, properties: expect.objectContaining({ region: 'eu-1' }) });
    s.first = out;
  });

  it('sends from both profiles at the same time, in every mode and target', async () => {
    const c = client();
    const msg = { topic, body: 'AP8Q', bodyFormat: 'base64' };
    const outs = await Promise.all([
      ok(c, 'send:message', { profileId: s.a, message: msg, mode: 'async' }),
      ok(c, 'send:message', { profileId: s.b, message: msg, mode: 'sync', target: { kind: 'orderKey', key: 'customer-{{env.NONE}}' } }).catch((e: Error) => e),
      ok(c, 'send:message', { profileId: s.b, message: msg, target: { kind: 'queue', brokerName: 'broker-b', queueId: 2 } }),
      ok(c, 'send:message', { profileId: s.b, message: { ...msg, body: 'batch-{{seq}}', bodyFormat: 'text' }, batch: 3 }),
      ok(c, 'send:message', { profileId: s.a, message: msg, mode: 'oneway' }),
    ]);
    expect(outs[0]).toMatchObject({ status: 'ok' });
    expect(String(outs[1])).toMatch(/env\.NONE.*is not defined/); // bad variable: refused before sending
    expect(outs[2]).toMatchObject({ status: 'ok', result: { brokerName: 'broker-b', queueId: 2 } });
    expect(outs[3].resolved.messages.map((m: any) => m.bodyText)).toHaveLength(3);
    expect(outs[3].result.msgId.split(',')).toHaveLength(3);
    expect(outs[4].status).toBe('unconfirmed');
    expect(outs[4].result).toBeUndefined();
    const bEntries = await ok(c, 'history:search', { profileId: s.b });
    expect(bEntries.items.every((i: any) => i.profileId === s.b)).toBe(true);
    // The refused send is recorded too (issue 14: pre-flight failures are 'not sent' with their reason).
    expect(bEntries.items.map((i: any) => i.status).sort()).toEqual(['not sent', 'ok', 'ok']);
    expect(bEntries.items.find((i: any) => i.status === 'not sent').errorMessage).toMatch(/env\.NONE.*is not defined/);
  });

  it('refuses sends and topic changes on a read-only profile', async () => {
    const c = client();
    const send = await c.call('send:message', { profileId: s.ro, message: { topic, body: 'x' } });
    expect(send).toMatchObject({ ok: false, error: { name: 'ReadOnlyProfileError', code: 20007 } });
    const bulk = await c.call('bulk:start', { request: { profileId: s.ro, message: { topic, body: 'x' } }, count: 10 });
    expect(bulk.error.code).toBe(20007);
    const topicChange = await c.call('ops:createTopic', { profileId: s.ro, topic: `${topic}_RO`, cluster: s.cluster });
    expect(topicChange.error.code).toBe(20007);
    const del = await c.call('ops:deleteTopic', { profileId: s.ro, topic, confirm: true });
    expect(del.error.code).toBe(20007);
    // Reading is fine.
    expect((await ok(c, 'ops:route', { profileId: s.ro, topic })).totalWriteQueues).toBeGreaterThan(0);
  });

  it('replays an entry with edits to another profile, and a selection as a batch, linked to the origin', async () => {
    const c = client();
    const r = await ok(c, 'replay:run', { historyIds: [s.first.historyId], profileId: s.b, edits: { tags: 'replayed-{{seq}}' } });
    const o = r.outcomes[0];
    expect(o).toMatchObject({ status: 'ok', replayOf: [s.first.historyId] });
    expect(o.resolved.messages[0].bodyBase64).toBe(s.first.resolved.messages[0].bodyBase64); // same bytes
    expect(o.resolved.messages[0].tags).toMatch(/^replayed-\d+$/);
    const replayed = await ok(c, 'history:get', { id: o.historyId });
    expect(replayed).toMatchObject({ origin: 'replay', replayOf: s.first.historyId, profileId: s.b });
    expect((await ok(c, 'history:get', { id: s.first.historyId })).replays).toContain(o.historyId);
    const batch = await ok(c, 'replay:run', { historyIds: [s.first.historyId, o.historyId], as: 'batch' });
    expect(batch.outcomes).toHaveLength(1);
    expect(batch.outcomes[0]).toMatchObject({ status: 'ok', replayOf: [s.first.historyId, o.historyId] });
    expect(batch.outcomes[0].result.msgId.split(',')).toHaveLength(2);
  });

  it('keeps templates: CRUD, duplicate, export and import; a bad file changes nothing', async () => {
    const c = client();
    const t = await ok(c, 'templates:create', {
      name: 'Order created',
      folder: 'orders/eu',
      tags: ['smoke'],
      request: { message: { topic, body: '{"id":"{{uuid}}"}', bodyFormat: 'json' } },
    });
    const dup = await ok(c, 'templates:duplicate', { id: t.id });
    expect(dup.name).toBe('Order created (copy)');
    const upd = await ok(c, 'templates:update', { id: dup.id, patch: { tags: ['x'] } });
    expect(upd.tags).toEqual(['x']);
    expect((await ok(c, 'templates:list', { folder: 'orders' })).length).toBe(2);
    const file = await ok(c, 'templates:export', {});
    expect(file.count).toBe(2);
    const before = (await ok(c, 'templates:list')).length;
    for (const content of [
      '{not json',
      '{"format":"something-else","version":1,"templates":[]}',
      JSON.stringify({ ...JSON.parse(file.content), templates: [JSON.parse(file.content).templates[0], { name: '', request: {} }] }),
    ]) {
      const bad = await c.call('templates:import', { content });
      expect(bad).toMatchObject({ ok: false, error: { name: 'BadFileError', code: 20009 } });
      expect(bad.error.message).toMatch(/Nothing was imported/);
    }
    expect(
      bad1(
        await c.call('templates:import', {
          content: JSON.stringify({ ...JSON.parse(file.content), templates: [{ name: 'x', request: { message: { topic: 't', body: 'b' } }, extra: 1 }] }),
        }),
      ),
    ).toMatch(/templates\.0/);
    expect((await ok(c, 'templates:list')).length).toBe(before);
    const imported = await ok(c, 'templates:import', { content: file.content });
    expect(imported.imported.map((x: any) => x.name).sort()).toEqual(['Order created (2)', 'Order created (copy) (2)']);
    expect((await ok(c, 'templates:delete', { id: t.id })).deleted).toBe(true);
    const sent = await ok(c, 'send:message', { profileId: s.a, templateId: dup.id, message: dup.request.message });
    expect((await ok(c, 'history:get', { id: sent.historyId })).templateId).toBe(dup.id);
  });

  it('runs a bulk send with progress events and a summary, and cancels another', async () => {
    const c = client();
    const started = await ok(c, 'bulk:start', {
      request: { profileId: s.a, message: { topic, keys: 'bulk-{{seq}}', body: 'm{{seq}}' } },
      count: 400,
      concurrency: 8,
      batchSize: 2,
    });
    expect(started.phase).toBe('running');
    const done = await until(
      'bulk done',
      () => c.events.find((e) => e.event === 'bulk:progress' && e.payload.runId === started.runId && e.payload.type !== 'progress'),
      40_000,
    );
    expect(done.payload.type).toBe('done');
    const sum = done.payload.summary;
    expect(sum).toMatchObject({ sent: 400, failed: 0, degraded: 0 });
    expect(sum.latency.count).toBe(200); // 200 requests of 2 messages
    expect(sum.latency.p50).toBeGreaterThan(0);
    expect(sum.latency.p99).toBeGreaterThanOrEqual(sum.latency.p95);
    expect(sum.perBroker.map((b: any) => b.brokerName).sort()).toEqual(['broker-a', 'broker-b']);
    expect(c.events.filter((e) => e.event === 'bulk:progress' && e.payload.runId === started.runId && e.payload.type !== 'progress')).toHaveLength(1);
    const hist = await ok(c, 'history:search', { origin: 'bulk', profileId: s.a, limit: 500 });
    expect(hist.items.length).toBe(200);

    const long = await ok(c, 'bulk:start', {
      request: { profileId: s.a, message: { topic, body: 'slow' }, mode: 'async' },
      durationMs: 60_000,
      ratePerSec: 100,
      concurrency: 2,
    });
    await until('some progress', () => c.events.find((e) => e.event === 'bulk:progress' && e.payload.runId === long.runId && e.payload.counters.sent > 5));
    const cancelled = await ok(c, 'bulk:cancel', { runId: long.runId });
    expect(cancelled.phase).toBe('cancelled');
    expect(cancelled.summary.sent).toBeLessThan(1000);
    expect(cancelled.summary.sent + cancelled.summary.failed).toBe(cancelled.counters.started);
    await until('cancel event', () => c.events.find((e) => e.event === 'bulk:progress' && e.payload.runId === long.runId && e.payload.type === 'cancelled'));
  });

  it('sends a CSV file row by row, reports malformed rows by line, re-runs only the failed rows', async () => {
    const c = client();
    const csv = [
      'topic,tags,keys,body,prop.source',
      `${topic},csv,row-1,hello {{col.keys}},file`,
      `${topic},csv,row-2`,
      `bad topic!,csv,row-3,x,file`,
      `${topic},csv,row-4,"multi`,
      `line",file`,
      '',
    ].join('\n');
    const insp = await ok(c, 'datafile:inspect', { source: { content: csv, fileName: 'rows.csv' } });
    expect(insp).toMatchObject({ format: 'csv', rowCount: 3, issues: [{ line: 3 }] });
    const run = await ok(c, 'datafile:start', { profileId: s.a, source: { content: csv, fileName: 'rows.csv' }, mapping: { body: '{{col.body}} #{{seq}}' } });
    const end = await until('datafile done', () =>
      c.events.find((e) => e.event === 'datafile:progress' && e.payload.runId === run.runId && e.payload.type === 'done'),
    );
    const snap = end.payload;
    expect(snap.counters).toMatchObject({ sent: 2, failed: 1, invalid: 1 });
    // Line 4 has no body: refused before sending, so 'not sent' (and counted as failed).
    expect(snap.problems.map((p: any) => [p.line, p.status])).toEqual([
      [3, 'invalid'],
      [4, 'not sent'],
    ]);
    const hist = await ok(c, 'history:search', { origin: 'datafile', profileId: s.a });
    const rows = hist.items.filter((i: any) => i.runId === run.runId);
    expect(rows.map((i: any) => i.rowLine).sort()).toEqual([2, 4, 5]);
    expect(rows.find((i: any) => i.rowLine === 5).bodyPreview).toMatch(/^multi\nline #\d+$/);
    const rerun = await ok(c, 'datafile:rerunFailed', { runId: run.runId });
    expect(rerun.rerunOf).toBe(run.runId);
    const rerunEnd = await until('rerun done', () =>
      c.events.find((e) => e.event === 'datafile:progress' && e.payload.runId === rerun.runId && e.payload.type === 'done'),
    );
    expect(rerunEnd.payload.totalRows).toBe(2);
    expect(rerunEnd.payload.problems.map((p: any) => p.line)).toEqual([3, 4]);
  });

  it('streams live ticks, health and route changes', async () => {
    const c = client();
    const tick = await until('a live tick with latency per broker', () =>
      c.events.find((e) => e.event === 'live:tick' && e.payload.profiles.some((p: any) => p.profileId === s.a && p.latencyByBroker.length > 0)),
    );
    const ticks = c.events.filter((e) => e.event === 'live:tick');
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.payload.at - ticks[i - 1]!.payload.at).toBeGreaterThanOrEqual(240);
    expect(tick.payload.profiles.find((p: any) => p.profileId === s.a).attempts).toBeGreaterThan(0);
    expect((await ok(c, 'ops:clientStatus', { profileId: s.a })).producerGroups.length).toBeGreaterThan(0);
    expect(c.events.some((e) => e.event === 'route:changed' && e.payload.topic === topic)).toBe(true);
    expect(c.events.some((e) => e.event === 'history:changed')).toBe(true);
    const watch = await ok(c, 'ops:watchHealth', { profileId: s.a, intervalMs: 1000 });
    const h = await until('health update', () => c.events.find((e) => e.event === 'ops:healthUpdate' && e.payload.watchId === watch.watchId));
    expect(h.payload.health.brokers.filter((b: any) => b.ok).length).toBeGreaterThanOrEqual(2);
    expect((await ok(c, 'ops:unwatchHealth', { watchId: watch.watchId })).stopped).toBe(true);
    const status = await ok(c, 'ops:topicStatus', { profileId: s.a, topic });
    expect(Number(status.totalMessages)).toBeGreaterThan(400);
    expect((await ok(c, 'ops:topics', { profileId: s.a })).topics.map((x: any) => x.topic)).toContain(topic);
    await ok(c, 'profiles:disconnect', { id: s.b });
    expect((await c.call('send:message', { profileId: s.b, message: { topic, body: 'x' } })).error.code).toBe(20008);
  });
}

function bad1(r: { ok: boolean; error?: any }): string {
  expect(r.ok).toBe(false);
  return r.error.message as string;
}
