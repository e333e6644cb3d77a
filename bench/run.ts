/**
 * `npm run bench [-- --quick] [--with-proxy] [--headers=JSON|ROCKETMQ] [--peers=ours,java,ali-ons] [--cases=<regex>]`
 *
 * Side-by-side producer benchmark against the local real cluster (npm run cluster): our
 * TypeScript producer, the official Java producer, ali-ons and (with --with-proxy) Apache's gRPC
 * Node client — each in its own process, the same topic, bodies, concurrency, header serialization
 * (JSON, every client's default; --headers=ROCKETMQ runs ours and Java with binary headers),
 * compression off unless the case says so, and equal warm-up. Every run's acknowledged count is
 * checked against the brokers' own queue offsets. Then a ceiling: our producer and a raw
 * pipelined socket against a null broker. Writes bench/results/<stamp>.{md,json} (+ latest.*).
 * Exits non-zero if a peer fails to run, sends nothing, or the broker stored fewer messages than
 * were acknowledged. Timings never fail the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MQAdmin } from '../core/index.js';
import { startCluster, ROCKETMQ_VERSION } from '../tests/cluster/cluster.js';
import { startProxy, type RunningProxy } from '../tests/cluster/proxy.js';
import { buildCases, ceilingCases, writeBodies, type Timing } from './cases.js';
import { FIRST_CLEAN_SAMPLE, runBenchmarkProducer, type CrossCheck } from './cross-check.js';
import type { HistoryBench } from './history.js';
import { BENCH_DIR, ensureJavaDriver, PeerProcess, type PeerName } from './peer-process.js';
import type { CaseSpec } from './protocol.js';
import { startNullBroker } from './null-broker-process.js';
import { markdownTable, peerLegend, rate, rowRate, sideBySideTable, summaryLines, type Row, type Verification } from './report.js';

const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
const opt = (n: string) => argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
const quick = flag('quick');
const withProxy = flag('with-proxy');
const TOPIC = opt('topic') ?? 'WorkbenchBench';
const timing: Timing = {
  // 10k msg/s: far below what the two brokers store here (~38k msg/s of 128 B), so every client could store it all.
  onewayRate: Number(opt('oneway-rate') ?? 10_000),
  warmupMs: Number(opt('warmup-ms') ?? (quick ? 300 : 1000)),
  measureMs: Number(opt('measure-ms') ?? (quick ? 700 : 2500)),
  maxBytes: quick ? 32 << 20 : 192 << 20,
};
/**
 * JIT warm-up per peer before any measured case. Measured here: the Java client needs ~20 s of
 * sending on this 2-core box before C2 is done (a fresh driver did 4–6k msg/s in sync16-128B
 * after 8 s, 10.9k after 18 s — as much as RocketMQ's benchmark.Producer), so every peer gets 30 s.
 */
const GLOBAL_WARMUP_MS = Number(opt('jit-warmup-ms') ?? (quick ? 2000 : 30_000));
const HEADERS = (opt('headers') ?? 'JSON').toUpperCase();
if (HEADERS !== 'JSON' && HEADERS !== 'ROCKETMQ') throw new Error(`--headers must be JSON or ROCKETMQ (got ${HEADERS})`);
/** ali-ons and the gRPC client have no binary-header option: a ROCKETMQ run compares ours and Java only. */
const JSON_ONLY: PeerName[] = ['ali-ons', 'grpc'];
const peers = (opt('peers')?.split(',') ?? ['ours', 'java', ...(HEADERS === 'JSON' ? ['ali-ons', ...(withProxy ? ['grpc'] : [])] : [])]) as PeerName[];
if (HEADERS !== 'JSON' && peers.some((p) => JSON_ONLY.includes(p)))
  throw new Error(`${peers.filter((p) => JSON_ONLY.includes(p)).join(', ')} can only send JSON headers`);
const caseFilter = opt('cases') ? new RegExp(opt('cases')!) : undefined;
const started = Date.now();
const loadAtStart = loadavg();
const problems: string[] = [];
const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}\n`);

/**
 * Each peer sends to a topic of its own, so one peer's late arrivals (oneway backlog a broker is
 * still storing) can never be counted against another peer's run.
 */
const topicOf = (peer: PeerName): string => `${TOPIC}_${peer.replace(/[^A-Za-z0-9_-]/g, '_')}`;

async function storedCount(admin: MQAdmin, topic: string): Promise<bigint> {
  const s = await admin.topicStatus(topic);
  if (s.errors.length) throw new Error(`topicStatus ${topic}: ${s.errors.map((e) => e.message).join('; ')}`);
  return s.queues.reduce((a, q) => a + q.maxOffset, 0n);
}

async function setupTopic(admin: MQAdmin, topic: string): Promise<void> {
  const r = await admin.createOrUpdateTopic({ topic: topic, cluster: 'DefaultCluster', readQueueNums: 8, writeQueueNums: 8 });
  if (!r.ok) throw new Error(`could not create ${topic}: ${JSON.stringify(r.results)}`);
  for (let i = 0; i < 60; i++) {
    const route = await admin.topicRoute(topic).catch(() => undefined);
    if (route && route.brokers.length >= 2) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`${topic} has no route on both brokers`);
}

async function verified(admin: MQAdmin, topic: string, before: bigint, counted: number, attempted: number): Promise<Verification> {
  // Oneway writes and sends that timed out client-side may still be landing: wait until the
  // offsets stop moving (two equal reads 300 ms apart, at most ~6 s), so the next run starts clean.
  let after = await storedCount(admin, topic);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const again = await storedCount(admin, topic);
    if (again === after && Number(after - before) >= counted) break;
    after = again;
  }
  const stored = Number(after - before);
  return { before: String(before), after: String(after), stored, counted, attempted, ok: stored >= counted && stored <= attempted };
}

function javaVersion(): string {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return (r.stderr ?? '').split('\n')[0] ?? 'unknown';
}

async function startPeers(
  names: PeerName[],
  env: Record<string, string>,
  rows: Row[],
  caseIds: string[],
  target: Row['target'],
  perPeerTopic = target === 'cluster',
): Promise<Map<PeerName, PeerProcess>> {
  const live = new Map<PeerName, PeerProcess>();
  await Promise.all(
    names.map(async (n) => {
      const p = new PeerProcess(n, { ...env, BENCH_TOPIC: env.BENCH_TOPIC === TOPIC && perPeerTopic ? topicOf(n) : env.BENCH_TOPIC! });
      try {
        await p.ready(n === 'java' ? 90_000 : 60_000);
        live.set(n, p);
      } catch (e) {
        const why = (e as Error).message;
        problems.push(`${n} could not start against the ${target}: ${why}`);
        for (const id of caseIds) rows.push({ caseId: id, peer: n, target, note: `did not start: ${why.slice(0, 200)}` });
        await p.exit().catch(() => {});
      }
    }),
  );
  return live;
}

async function runMatrix(
  cases: CaseSpec[],
  names: PeerName[],
  env: Record<string, string>,
  target: Row['target'],
  admin: MQAdmin | undefined,
  rows: Row[],
  warmupMs: number,
): Promise<void> {
  const live = await startPeers(
    names,
    env,
    rows,
    cases.map((c) => c.id),
    target,
  );
  // Equal JIT warm-up for every peer before any measured case: each send mode for a while, one
  // peer at a time (Java's C2 and V8's TurboFan both need thousands of calls per path).
  for (const [n, p] of live) {
    for (const w of globalWarmup(cases, warmupMs)) await p.run(w).catch((e: Error) => log(`${n} warm-up ${w.id}: ${e.message}`));
  }
  if (admin) for (const n of live.keys()) await verified(admin, topicOf(n), await storedCount(admin, topicOf(n)), 0, Number.MAX_SAFE_INTEGER);
  log(`${target}: warmed up ${[...live.keys()].join(', ')}`);
  let k = 0;
  for (const c of cases) {
    // Rotate the order so no peer always runs first (or last) after a given other.
    const order = names.filter((n) => live.has(n));
    const rot = order.slice(k % order.length).concat(order.slice(0, k % order.length));
    k++;
    for (const n of rot) {
      const p = live.get(n);
      if (!p) {
        rows.push({ caseId: c.id, mode: c.mode, peer: n, target, note: 'peer could not be restarted' });
        continue;
      }
      const before = admin ? await storedCount(admin, topicOf(n)) : 0n;
      try {
        const r = await p.run(c);
        const row: Row = { caseId: c.id, mode: c.mode, peer: n, target, result: r };
        if (!r.unsupported) {
          if (admin) row.verify = await verified(admin, topicOf(n), before, r.warmupAcked + r.acked, r.attempted);
          if (r.acked === 0) problems.push(`${n} sent nothing in ${c.id} (${target}): ${r.firstError ?? 'no error reported'}`);
          // Oneway has no acknowledgement: a broker that drops overflow is reported (stored %), not a harness failure.
          if (row.verify && !row.verify.ok && !(c.mode === 'oneway' && row.verify.stored <= row.verify.counted))
            problems.push(
              `${n} ${c.id}: broker stored ${row.verify.stored}, peer counted ${row.verify.counted} acknowledged of ${row.verify.attempted} attempted`,
            );
        }
        rows.push(row);
        log(
          `${target === 'cluster' ? '' : `[${target}] `}${c.id.padEnd(22)} ${n.padEnd(8)} ${r.unsupported ? r.unsupported : `${Math.round(rate(r)).toLocaleString('en-US').padStart(9)} msg/s  p99 ${r.latencyMs.p99?.toFixed(2)} ms  err ${r.errors}${row.verify ? `  stored ${row.verify.ok ? 'ok' : `MISMATCH ${row.verify.stored}/${row.verify.counted}`}` : ''}`}`,
        );
      } catch (e) {
        problems.push(`${n} failed ${c.id} (${target}): ${(e as Error).message}`);
        rows.push({ caseId: c.id, mode: c.mode, peer: n, target, note: `failed: ${(e as Error).message.slice(0, 200)}` });
        log(`${c.id} ${n} FAILED ${(e as Error).message}; restarting it`);
        // A stuck or dead peer must not take the remaining cases with it: replace it, warm it up again.
        await p.kill();
        live.delete(n);
        const again = await startPeers([n], env, [], [], target);
        const q = again.get(n);
        if (q) {
          for (const w of globalWarmup(cases, warmupMs)) await q.run(w).catch(() => {});
          live.set(n, q);
        }
        if (admin) await verified(admin, topicOf(n), await storedCount(admin, topicOf(n)), 0, Number.MAX_SAFE_INTEGER);
      }
    }
  }
  await Promise.all([...live.values()].map((p) => p.exit()));
}

/**
 * Warm-up runs (results discarded): each acknowledged mode in the matrix, 128 B. Not oneway: it
 * shares the encode path with sync, and Java's sendOneway queues far more than the brokers take,
 * so a oneway warm-up left the Java client draining its backlog into every case that followed.
 */
function globalWarmup(cases: CaseSpec[], totalMs: number): CaseSpec[] {
  // Per mode, the 128 B case with the most in flight: the most calls through every hot path.
  const seen = new Map<string, CaseSpec>();
  for (const c of cases) {
    if (c.compress || c.mode === 'oneway' || c.bodySize !== 128) continue;
    const had = seen.get(c.mode);
    if (!had || c.concurrency * c.batchSize > had.concurrency * had.batchSize) seen.set(c.mode, c);
  }
  const per = Math.round(totalMs / Math.max(1, seen.size));
  return [...seen.values()].map((c) => ({ ...c, id: `warmup-${c.mode}`, warmupMs: 0, measureMs: per, maxMessages: Math.min(c.maxMessages, 400_000) }));
}

/**
 * The Java driver and RocketMQ's benchmark Producer, back to back under the same conditions: each a
 * fresh JVM warmed up by 18 s of the same workload, same topic, 16 sync threads, 128 B, binary headers
 * (benchmark.Producer hard-codes ROCKETMQ serialization). Comparing against
 * the driver's figure from the matrix instead would mix in whatever the machine did meanwhile.
 */
async function crossCheckJava(admin: MQAdmin, env: Record<string, string>, spec: CaseSpec, namesrv: string): Promise<CrossCheck | undefined> {
  log(
    'cross-check: our Java driver, RocketMQ benchmark Producer (rocketmq-example), our Java driver again — fresh JVMs, 18 s warm-up, ROCKETMQ headers, 16 threads, 128 B',
  );
  const driverRun = async (): Promise<number | undefined> => {
    // benchmark.Producer always sends ROCKETMQ (binary) headers: so does the driver here.
    const driver = (await startPeers(['java'], { ...env, BENCH_HEADERS: 'ROCKETMQ' }, [], [], 'cluster')).get('java');
    if (!driver) return undefined;
    try {
      // The warm-up benchmark.Producer has had when its first clean sample is taken: 18 s of this workload.
      const r = await driver.run({ ...spec, warmupMs: FIRST_CLEAN_SAMPLE * 1000, maxMessages: 10_000_000 });
      return rowRate({ caseId: spec.id, mode: spec.mode, peer: 'java', target: 'cluster', result: r });
    } finally {
      await driver.exit();
    }
  };
  const first = await driverRun();
  const before = await storedCount(admin, topicOf('java'));
  const benchmark = await runBenchmarkProducer(namesrv, topicOf('java'), 16, 128);
  const storedDuringRun = Number((await storedCount(admin, topicOf('java'))) - before);
  const second = await driverRun();
  const runs = [first, second].filter((x): x is number => x !== undefined);
  if (runs.length === 0) {
    problems.push('cross-check: the Java driver did not start');
    return undefined;
  }
  const cross: CrossCheck = { ...benchmark, storedDuringRun, driverRuns: runs, driverTps: runs.reduce((a, b) => a + b, 0) / runs.length };
  log(`cross-check: benchmark Producer ${Math.round(cross.tps)} msg/s vs our Java driver ${runs.map(Math.round).join(' / ')} msg/s`);
  return cross;
}

async function main(): Promise<number> {
  // Full runs are committed (they back the README's figures); quick runs and latest.* are not.
  const outDir = join(BENCH_DIR, 'results', ...(quick ? ['quick'] : []));
  mkdirSync(outDir, { recursive: true });
  const bodies = writeBodies(join(tmpdir(), 'rocketmq-workbench', 'bench-bodies'), [128, 1024, 4096, 16384]);
  let cases = buildCases(quick, bodies, timing);
  if (caseFilter) cases = cases.filter((c) => caseFilter.test(c.id));
  log(`${quick ? 'quick' : 'full'} run: ${cases.length} cases × ${peers.join(', ')}; warm-up ${timing.warmupMs} ms, measure ${timing.measureMs} ms`);

  const cluster = await startCluster('main');
  log(`cluster ${cluster.reused ? 'reused' : 'started'}: ${cluster.namesrvAddr}`);
  let javaBuild = { ms: 0, built: false };
  if (peers.includes('java')) {
    javaBuild = ensureJavaDriver();
    if (javaBuild.built) log(`built bench/java in ${(javaBuild.ms / 1000).toFixed(1)} s`);
  }
  let proxy: RunningProxy | undefined;
  if (peers.includes('grpc')) {
    try {
      proxy = await startProxy();
      log(`rocketmq-proxy ${proxy.started ? 'started' : 'reused'} at ${proxy.endpoint}`);
    } catch (e) {
      problems.push(`rocketmq-proxy: ${(e as Error).message}`);
    }
  }
  const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr, instanceName: `bench-admin-${process.pid}` });
  const rows: Row[] = [];
  let cross: CrossCheck | undefined;
  try {
    for (const n of peers) await setupTopic(admin, topicOf(n));
    const env = { BENCH_NAMESRV: cluster.namesrvAddr, BENCH_TOPIC: TOPIC, BENCH_PROXY: proxy?.endpoint ?? '127.0.0.1:8081', BENCH_HEADERS: HEADERS };
    // Before the matrix: its oneway cases leave the brokers busy for a while afterwards.
    if (peers.includes('java') && !quick && !flag('no-cross-check')) {
      const spec = cases.find((c) => c.id === 'sync16-128B');
      if (spec) cross = await crossCheckJava(admin, env, spec, cluster.namesrvAddr);
    }
    await runMatrix(
      cases,
      peers.filter((p) => p !== 'grpc' || proxy),
      env,
      'cluster',
      admin,
      rows,
      GLOBAL_WARMUP_MS,
    );
    if (cross) {
      const m = rows.find((r) => r.caseId === 'sync16-128B' && r.peer === 'java' && r.result && !r.result.unsupported);
      if (m?.result) cross.matrixTps = rowRate(m as Row & { result: NonNullable<Row['result']> });
    }
  } finally {
    await admin.close();
    await proxy?.stop();
  }

  if (!flag('no-ceiling')) {
    const nb = await startNullBroker();
    log(`null broker on 127.0.0.1:${nb.port}`);
    try {
      const cc = ceilingCases(bodies, { ...timing, maxBytes: 1 << 30 });
      const names: PeerName[] = [
        'raw',
        'ours',
        ...(peers.includes('java') ? (['java'] as PeerName[]) : []),
        ...(peers.includes('ali-ons') ? (['ali-ons'] as PeerName[]) : []),
      ];
      await runMatrix(
        cc,
        names,
        { BENCH_NAMESRV: `127.0.0.1:${nb.port}`, BENCH_TOPIC: TOPIC, BENCH_HEADERS: HEADERS },
        'null-broker',
        undefined,
        rows,
        GLOBAL_WARMUP_MS / 2,
      );
    } finally {
      nb.stop();
    }
  }

  let history: HistoryBench | undefined;
  let historyNote = quick ? 'skipped in --quick (run the full bench, or tsx bench/history.ts <rows>)' : undefined;
  if (!quick && !flag('no-history')) {
    // 100k by default keeps the full run under 10 minutes on a shared 2-core box; --history-rows=1000000 for 1M.
    const n = Number(opt('history-rows') ?? 100_000);
    log(`history store: inserting ${n.toLocaleString('en-US')} rows, then searching`);
    const r = spawnSync(join(BENCH_DIR, '..', 'node_modules', '.bin', 'tsx'), [join(BENCH_DIR, 'history.ts'), String(n)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
    if (r.status === 0 && line) history = JSON.parse(line) as HistoryBench;
    else historyNote = `failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
    if (history) log(`history store: ${Math.round(history.rowsPerSecond).toLocaleString('en-US')} rows/s`);
  }

  const finishedS = (Date.now() - started) / 1000;
  const meta = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    durationS: finishedS,
    loadAverage: { atStart: loadAtStart.map((x) => +x.toFixed(2)), atEnd: loadavg().map((x) => +x.toFixed(2)) },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, java: javaVersion() },
    broker: `RocketMQ ${ROCKETMQ_VERSION}, 2 masters (broker-a, broker-b), ASYNC_FLUSH, same machine`,
    topic: TOPIC,
    timing,
    peers,
    headerSerialization: `${HEADERS} (every peer)`,
    javaBuild,
  };
  const clusterRows = rows.filter((r) => r.target === 'cluster');
  const nullRows = rows.filter((r) => r.target === 'null-broker');
  const md = [
    `# RocketMQ producer benchmark — ${meta.date}`,
    '',
    `${meta.mode} run, ${finishedS.toFixed(0)} s; ${meta.machine.cpus} CPUs (${meta.machine.cpuModel}), ${meta.machine.memGiB} GiB; Node ${meta.machine.node}; ${meta.machine.java}; ${meta.broker}. Load average (1/5/15 min) at start ${meta.loadAverage.atStart.join(' / ')}, at end ${meta.loadAverage.atEnd.join(' / ')} — this machine is shared, so absolute figures move with other load; each case runs the peers back to back in rotating order.`,
    `One topic per peer (${TOPIC}_<peer>, 8 queues on each broker); ${HEADERS} headers for every peer; compression off except *-zlib; every peer first gets ${GLOBAL_WARMUP_MS / 1000} s of JIT warm-up over the acknowledged send modes (${GLOBAL_WARMUP_MS / 2000} s against the null broker), then per case a warm-up of ${timing.warmupMs} ms then ${timing.measureMs} ms measured per case and peer (or until ${timing.maxBytes >> 20} MiB of bodies).`,
    'Latency per call (a batch is one call), call → acknowledgement (oneway: → written). CPU = the peer process\'s own CPU time over the measured phase. "stored ✓" = the brokers\' max offsets grew by at least the acknowledged count.',
    quick
      ? '**Quick run: the JVM and V8 are not warmed (2 s), so these figures only prove every peer runs and the brokers store what was acknowledged; no ratios are given. Compare clients only with the full run.**'
      : 'Ratios are ours ÷ peer: msg/s above 1 means we are faster; p99 and CPU below 1 mean we are lower.',
    `Only SEND_OK counts as acknowledged, for every peer. Oneway runs at a fixed offered rate of ${timing.onewayRate.toLocaleString('en-US')} msg/s (all senders together); its msg/s is what the brokers stored, with the share they dropped.`,
    '',
    peerLegend(peers),
    '',
    '## Real cluster',
    '',
    '### Side by side',
    '',
    sideBySideTable(cases, clusterRows, peers, 'cluster', !quick),
    '',
    '### Every figure',
    '',
    markdownTable(clusterRows, 'ours', !quick),
    '',
    '### Summary',
    '',
    ...summaryLines(cases, clusterRows, 'cluster', !quick).map((l) => `- ${l}`),
    '',
  ];
  if (cross) {
    md.push(
      '## Cross-check of the Java driver',
      '',
      `RocketMQ's own benchmark producer (org.apache.rocketmq.example.benchmark.Producer, -w 16 -s 128, sync): **${Math.round(cross.tps).toLocaleString('en-US')} msg/s** (mean of its ${cross.samples.length} reports whose 10 s TPS window starts after an 8 s warm-up; its max RT ${cross.maxRt} ms); our Java driver, run just before and just after it in fresh JVMs after the same 18 s of the same workload and, like benchmark.Producer, ROCKETMQ headers, sync16-128B: **${Math.round(cross.driverTps).toLocaleString('en-US')} msg/s** (${cross.driverRuns.map((x) => Math.round(x).toLocaleString('en-US')).join(' and ')}; ratio driver/benchmark ${(cross.driverTps / cross.tps).toFixed(2)}×${cross.matrixTps !== undefined ? `; in the matrix, with JSON headers, the driver measured ${Math.round(cross.matrixTps).toLocaleString('en-US')} msg/s` : ''}). Stored during the benchmark Producer's run: ${cross.storedDuringRun}.`,
      '',
    );
  }
  if (nullRows.length) {
    md.push(
      '## Ceiling: null broker',
      '',
      `A null broker (bench/null-broker.ts) answers SEND_MESSAGE_V2 with SUCCESS at once; the raw baseline writes one pre-encoded frame over a pipelined socket.${quick ? '' : ' Ratios are ours ÷ peer.'}`,
      '',
      markdownTable(nullRows, 'ours', !quick),
      '',
    );
  }
  if (history) {
    md.push(
      '## Send-history store (better-sqlite3, WAL)',
      '',
      `Batched inserts through HistoryStore.record() (500 rows per transaction, one per event-loop turn): **${Math.round(history.rowsPerSecond).toLocaleString('en-US')} rows/s** (${history.rows.toLocaleString('en-US')} rows in ${history.insertSeconds.toFixed(1)} s, ${history.dbMiB.toFixed(0)} MiB). Search over those ${history.rows.toLocaleString('en-US')} rows:`,
      '',
      '| query | runs | rows returned | p50 ms | p95 ms | max ms |',
      '|---|--:|--:|--:|--:|--:|',
      ...history.queries.map((q) => `| ${q.name} | ${q.runs} | ${q.hits} | ${q.p50.toFixed(2)} | ${q.p95.toFixed(2)} | ${q.max.toFixed(2)} |`),
      '',
    );
  } else if (historyNote) md.push('## Send-history store', '', historyNote, '');
  if (problems.length) md.push('## Problems', '', ...problems.map((p) => `- ${p}`), '');
  const stamp = meta.date.replace(/[:.]/g, '-');
  const json = JSON.stringify({ meta, cases, rows, crossCheck: cross, history, historyNote, problems }, null, 2);
  for (const name of [stamp, 'latest']) {
    writeFileSync(join(outDir, `${name}.md`), md.join('\n'));
    writeFileSync(join(outDir, `${name}.json`), json);
  }
  process.stdout.write(md.join('\n') + '\n');
  log(`wrote ${outDir}/${stamp}.{md,json} (and latest.*) in ${finishedS.toFixed(0)} s`);
  if (problems.length) {
    log(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
