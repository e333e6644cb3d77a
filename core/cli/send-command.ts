/** `send`: one message, N messages, or batches, in any mode; one JSON line per result. */
import { parseArgs } from 'node:util';
// The CLI is a client of core's public API like any host (scripts/check-layers.mjs enforces it).
import {
  checkCompressionType,
  createStderrLogger,
  DefaultMQProducer,
  errorToJSON,
  selectMessageQueueByHash,
  type Message,
  type SendOptions,
  type SerializeType,
} from '../index.js';
import { int, list, pairs, toJson, UsageError } from './args.js';
import { readBody } from './body-source.js';

export async function runSend(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      namesrv: { type: 'string' },
      topic: { type: 'string' },
      body: { type: 'string' },
      'body-file': { type: 'string' },
      tag: { type: 'string' },
      key: { type: 'string', multiple: true },
      prop: { type: 'string', multiple: true },
      mode: { type: 'string', default: 'sync' },
      queue: { type: 'string' },
      'order-key': { type: 'string' },
      batch: { type: 'string' },
      count: { type: 'string' },
      delay: { type: 'string' },
      'deliver-at': { type: 'string' },
      group: { type: 'string', default: 'rmq_workbench_cli' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      serialize: { type: 'string' },
      ak: { type: 'string' },
      sk: { type: 'string' },
      namespace: { type: 'string' },
      compress: { type: 'string' },
      tls: { type: 'boolean' },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-insecure-skip-verify': { type: 'boolean' },
      trace: { type: 'boolean' },
      'trace-topic': { type: 'string' },
      'compress-over': { type: 'string' },
      'fault-avoidance': { type: 'boolean' },
      behaviour: { type: 'string' },
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  if (!v.topic) throw new UsageError('--topic is required');
  const mode = v.mode;
  if (mode !== 'sync' && mode !== 'async' && mode !== 'oneway') throw new UsageError(`--mode must be sync, async or oneway (got '${mode}')`);
  const serialize = v.serialize?.toUpperCase();
  if (serialize !== undefined && serialize !== 'JSON' && serialize !== 'ROCKETMQ')
    throw new UsageError(`--serialize must be JSON or ROCKETMQ (got '${v.serialize}')`);
  if ((v.ak === undefined) !== (v.sk === undefined)) throw new UsageError('--ak and --sk go together');
  const behaviour = v.behaviour ?? 'java-5';
  if (behaviour !== 'java-5' && behaviour !== 'java-4.9') throw new UsageError(`--behaviour must be java-5 or java-4.9 (got '${behaviour}')`);
  const logLevel = v['log-level'] ?? 'error';
  if (logLevel !== 'debug' && logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'error')
    throw new UsageError(`--log-level must be debug, info, warn or error (got '${logLevel}')`);
  // Read once: every message of --count/--batch shares the bytes.
  const body = readBody({ body: v.body, bodyFile: v['body-file'] });
  const compress = v.compress?.toUpperCase();
  if (compress !== undefined && compress !== 'ZLIB' && compress !== 'LZ4' && compress !== 'ZSTD')
    throw new UsageError(`--compress must be ZLIB, LZ4 or ZSTD (got '${v.compress}')`);
  const tlsWanted = v.tls || v['tls-ca'] !== undefined || v['tls-cert'] !== undefined || v['tls-key'] !== undefined || v['tls-insecure-skip-verify'];
  if (v['tls-insecure-skip-verify']) {
    // Loud on purpose: with this flag anyone on the path can read and change the traffic.
    process.stderr.write(
      'WARNING: --tls-insecure-skip-verify: the server certificate is NOT checked (no CA, no host name); use only against a throw-away test cluster\n',
    );
  }
  const tls = tlsWanted
    ? { caFile: v['tls-ca'], certFile: v['tls-cert'], keyFile: v['tls-key'], insecureSkipVerify: v['tls-insecure-skip-verify'] ?? false }
    : undefined;
  const count = int(v.count, '--count', 1) ?? 1;
  const batch = int(v.batch, '--batch', 1);
  const message = (): Message => ({
    topic: v.topic!,
    body,
    tags: v.tag,
    keys: list(v.key),
    properties: v.prop ? pairs(v.prop, '--prop') : undefined,
    delayTimeLevel: int(v.delay, '--delay', 0),
    deliverTimeMs: int(v['deliver-at'], '--deliver-at', 1),
  });
  const opts: SendOptions = { timeoutMs: int(v.timeout, '--timeout', 1) };
  if (v.queue) {
    const m = /^(.+):(\d+)$/.exec(v.queue);
    if (!m) throw new UsageError(`--queue must look like BROKER:QUEUE_ID (got '${v.queue}')`);
    opts.queue = { topic: v.topic, brokerName: m[1]!, queueId: Number(m[2]) };
  } else if (v['order-key'] !== undefined) {
    opts.selector = selectMessageQueueByHash;
    opts.arg = v['order-key'];
  }
  const producer = new DefaultMQProducer({
    namesrvAddr: v.namesrv ?? process.env.NAMESRV_ADDR ?? '127.0.0.1:9876',
    producerGroup: v.group!,
    namespace: v.namespace,
    serializeType: serialize as SerializeType | undefined,
    credentials: v.ak !== undefined ? { accessKey: v.ak, secretKey: v.sk! } : undefined,
    retryTimesWhenSendFailed: int(v.retries, '--retries', 0),
    sendLatencyFaultEnable: v['fault-avoidance'] ?? false,
    tls,
    traceEnabled: v.trace ?? v['trace-topic'] !== undefined,
    traceTopic: v['trace-topic'],
    compressType: compress === undefined ? undefined : checkCompressionType(compress),
    compressMsgBodyOverHowmuch: int(v['compress-over'], '--compress-over', 0),
    behaviour,
    // The client's own reports (route changes, reconnects, task failures) go to stderr; stdout stays JSON.
    logger: createStderrLogger(logLevel),
  });
  await producer.start();
  let failed = 0;
  try {
    for (let i = 0; i < count; i++) {
      const payload = batch ? Array.from({ length: batch }, message) : message();
      try {
        if (mode === 'oneway') {
          await producer.sendOneway(payload, opts);
          process.stdout.write(`${toJson({ mode, sent: Array.isArray(payload) ? payload.length : 1 })}\n`);
        } else {
          const r = mode === 'async' ? await producer.sendAsync(payload, opts) : await producer.send(payload, opts);
          process.stdout.write(`${toJson(r)}\n`);
        }
      } catch (e) {
        failed++;
        if (count === 1) throw e;
        process.stdout.write(`${toJson({ error: errorToJSON(e) })}\n`);
      }
    }
  } finally {
    await producer.shutdown();
  }
  return failed === 0 ? 0 : 1;
}
