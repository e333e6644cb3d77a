/**
 * Read-only ops commands: one JSON document on stdout (64-bit values as decimal strings, message
 * bodies as UTF-8 text or base64). Exit 0 on success, 1 when the answer is partial (a broker did
 * not answer) or empty (no message found), 2 on usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MQAdmin, type MessageView } from '../index.js';
import { int, UsageError } from './args.js';

const COMMON = {
  namesrv: { type: 'string' },
  timeout: { type: 'string' },
  ak: { type: 'string' },
  sk: { type: 'string' },
  pretty: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type Common = { namesrv?: string | undefined; timeout?: string | undefined; ak?: string | undefined; sk?: string | undefined; pretty?: boolean | undefined };

function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], extra: O, positionals: string[]) {
  const { values, positionals: pos } = parseArgs({ args: argv, options: { ...COMMON, ...extra }, allowPositionals: true, strict: true });
  if (pos.length !== positionals.length) {
    throw new UsageError(
      `expected ${positionals.length ? positionals.map((p) => `<${p}>`).join(' ') : 'no arguments'} (got ${pos.length ? pos.join(' ') : 'none'})`,
    );
  }
  return { values: values as Common & Record<string, string | boolean | undefined>, pos };
}

function open(v: Common): MQAdmin {
  if ((v.ak === undefined) !== (v.sk === undefined)) throw new UsageError('--ak and --sk go together');
  return MQAdmin.create(
    {
      namesrvAddr: v.namesrv ?? process.env.NAMESRV_ADDR ?? '127.0.0.1:9876',
      credentials: v.ak !== undefined ? { accessKey: v.ak, secretKey: v.sk! } : undefined,
    },
    { timeoutMs: int(v.timeout, '--timeout', 1) },
  );
}

/** JSON with bigint as decimal strings, Maps as objects and Buffers as text or base64. */
export function opsJson(v: unknown, pretty = false): string {
  return JSON.stringify(
    v,
    function (this: unknown, _k, x: unknown) {
      if (typeof x === 'bigint') return x.toString();
      if (x instanceof Map) return Object.fromEntries(x);
      return x;
    },
    pretty ? 2 : undefined,
  );
}

/** A message for JSON: the body as UTF-8 text when it round-trips, else base64. */
export function messageForJson(m: MessageView): Record<string, unknown> {
  const { body, ...rest } = m;
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body)
    ? { ...rest, bodyLength: body.length, body: text }
    : { ...rest, bodyLength: body.length, bodyBase64: body.toString('base64') };
}

async function run(
  argv: string[],
  extra: NonNullable<ParseArgsConfig['options']>,
  positionals: string[],
  body: (admin: MQAdmin, pos: string[], v: Record<string, string | boolean | undefined>) => Promise<{ out: unknown; code?: number }>,
): Promise<number> {
  const { values, pos } = parse(argv, extra, positionals);
  const admin = open(values);
  try {
    const { out, code } = await body(admin, pos, values);
    process.stdout.write(`${opsJson(out, values.pretty === true)}\n`);
    return code ?? 0;
  } finally {
    await admin.close();
  }
}

export const opsCommands: Record<string, (argv: string[]) => Promise<number>> = {
  clusters: (argv) => run(argv, {}, [], async (a) => ({ out: await a.clusterList() })),

  topics: (argv) =>
    run(argv, { 'hide-system': { type: 'boolean' } }, [], async (a, _p, v) => {
      const r = await a.topicList();
      return { out: v['hide-system'] ? { ...r, topics: r.topics.filter((t) => !t.system) } : r };
    }),

  route: (argv) => run(argv, {}, ['topic'], async (a, [topic]) => ({ out: await a.topicRoute(topic!) })),

  status: (argv) =>
    run(argv, {}, ['topic'], async (a, [topic]) => {
      const s = await a.topicStatus(topic!);
      return { out: s, code: s.errors.length > 0 ? 1 : 0 };
    }),

  'broker-status': (argv) => run(argv, {}, ['addr'], async (a, [addr]) => ({ out: await a.brokerStatus(addr!) })),

  'namesrv-status': (argv) =>
    run(argv, {}, [], async (a) => {
      const r = await a.nameServersHealth();
      return { out: r, code: r.every((n) => n.ok) ? 0 : 1 };
    }),

  lookup: (argv) =>
    run(argv, { topic: { type: 'string' } }, ['id'], async (a, [id], v) => {
      const r = await a.lookup(id!, v.topic as string | undefined);
      return { out: { ...r, messages: r.messages.map(messageForJson) } };
    }),

  'query-key': (argv) =>
    run(argv, { begin: { type: 'string' }, end: { type: 'string' }, max: { type: 'string' } }, ['topic', 'key'], async (a, [topic, key], v) => {
      const r = await a.queryMessageByKey(topic!, key!, {
        begin: int(v.begin as string | undefined, '--begin', 0),
        end: int(v.end as string | undefined, '--end', 0),
        maxNum: int(v.max as string | undefined, '--max', 1),
      });
      const partial = r.brokers.some((b) => b.error);
      return { out: { ...r, messages: r.messages.map(messageForJson) }, code: r.messages.length === 0 || partial ? 1 : 0 };
    }),
};

export const OPS_USAGE = `  clusters                       clusters, brokers, ids and addresses
  topics [--hide-system]         every topic with its kind (NORMAL, SYSTEM, RETRY, DLQ, …)
  route <topic>                  brokers, addresses, queue numbers and perm of a topic
  status <topic>                 min/max offset and last update time per queue
  broker-status <addr>           a broker's runtime info (typed + raw) and call latency
  namesrv-status                 each NameServer answering or not, with latency
  lookup <id> [--topic T]        a stored message by offsetMsgId, or by client msgId with --topic
  query-key <topic> <key> [--begin MS] [--end MS] [--max N]
                                 messages by key over a store-time range
  ops options: --namesrv HOST:PORT [--timeout MS] [--ak AK --sk SK] [--pretty]`;
