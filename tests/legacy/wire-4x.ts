/**
 * The 4.9.x wire suite's body, run INSIDE a private network namespace by tests/integration/legacy-4x.spec.ts
 * (4.x brokers have no bindAddress, so they would listen on every interface of the machine):
 * starts the `legacy` cluster (ROCKETMQ_VERSION=4.9.7, ACL 1.0), sends every message kind with our
 * CLI, reads each back with RocketMQ 4.9.7's own mqadmin, stops the cluster, and prints one JSON
 * line per case: {"case", "ok", "detail"}. The spec outside asserts on those lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cliCommand } from '../bundle/bundle.js';
import { LEGACY_ACL, mqadmin, startCluster, stopCluster } from '../cluster/cluster.js';

const PROFILE = 'legacy';
const { accessKey: AK, secretKey: SK } = LEGACY_ACL.user;

function out(c: string, ok: boolean, detail: unknown): void {
  process.stdout.write(`${JSON.stringify({ case: c, ok, detail })}\n`);
}

function cli(namesrv: string, args: string[]): { status: number; lines: string[]; stderr: string } {
  const [node, bundle] = cliCommand();
  const r = spawnSync(node, [...bundle, 'send', '--namesrv', namesrv, ...args], { encoding: 'utf8' });
  return {
    status: r.status ?? -1,
    lines: r.stdout.split('\n').filter((l) => l.startsWith('{')),
    stderr: r.stderr
      .split('\n')
      .filter((l) => l && !l.startsWith('npm warn'))
      .join('\n'),
  };
}

/** 4.9.x `queryMsgById` takes no -t: the offset message id alone. */
function query(offsetMsgId: string): string {
  const q = mqadmin(['queryMsgById', '-i', offsetMsgId], { profile: PROFILE });
  return q.stdout + q.stderr;
}

async function main(): Promise<number> {
  const c = await startCluster(PROFILE);
  try {
    const ns = c.namesrvAddr;
    const topic = `WbLegacy_${Date.now().toString(36)}`;
    const created = mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4'], { profile: PROFILE });
    out('create-topic', created.status === 0, created.stdout.slice(-300) + created.stderr.slice(-300));
    const cluster = mqadmin(['clusterList'], { profile: PROFILE });
    out('cluster-version', /V4_9_7/.test(cluster.stdout), cluster.stdout.slice(-600));
    const signed = ['--topic', topic, '--ak', AK, '--sk', SK];

    const send = (name: string, args: string[], check: (r: Record<string, unknown>, stored: string) => string | undefined): void => {
      const r = cli(ns, [...signed, ...args]);
      if (r.status !== 0) return out(name, false, r.stderr);
      const res = JSON.parse(r.lines[0]!) as Record<string, unknown>;
      const stored = query(String(res.offsetMsgId).split(',')[0]!);
      const why = check(res, stored);
      out(name, why === undefined, why ?? 'ok');
    };

    // Properties with characters that need care: spaces, =, non-ASCII, quotes (the separators \u0001/\u0002 are refused by the core).
    send('odd-properties', ['--body', 'props', '--key', 'odd', '--prop', 'note=a b=c "q" ü✓', '--prop', 'path=/a/b?x=1&y=2'], (_r, s) =>
      s.includes('note=a b=c "q" ü✓') && s.includes('path=/a/b?x=1&y=2') ? undefined : `mqadmin did not show the properties: ${s.slice(0, 1500)}`,
    );
    // 4.9.x mqadmin writes the (inflated) body to the file it names as "Message Body Path".
    send('compressed-zlib', ['--body', 'z'.repeat(6000), '--key', 'zipped'], (_r, s) => {
      const path = /Message Body Path:\s+(\S+)/.exec(s)?.[1];
      if (!path || !existsSync(path)) return `no body file in: ${s.slice(0, 1500)}`;
      const body = readFileSync(path, 'utf8');
      return body === 'z'.repeat(6000) && /System Flag:\s+\d+/.test(s) ? undefined : `body read back differs (${body.length} bytes): ${body.slice(0, 80)}`;
    });
    send('batch', ['--body', 'b', '--batch', '3'], (r) =>
      String(r.msgId).split(',').length === 3 && String(r.offsetMsgId).split(',').length === 3 ? undefined : `not 3 ids: ${JSON.stringify(r)}`,
    );
    send('delay-level', ['--body', 'later', '--delay', '2', '--key', 'delayed'], (_r, s) =>
      /DELAY=2\b/.test(s) ? undefined : `no DELAY=2 in: ${s.slice(0, 1500)}`,
    );
    send('rocketmq-headers', ['--body', 'binary headers', '--serialize', 'ROCKETMQ', '--key', 'rmqhdr'], (_r, s) =>
      /rmqhdr/.test(s) ? undefined : s.slice(0, 1500),
    );
    send('json-headers', ['--body', 'json headers', '--serialize', 'JSON', '--key', 'jsonhdr'], (_r, s) => (/jsonhdr/.test(s) ? undefined : s.slice(0, 1500)));
    {
      const r = cli(ns, [...signed, '--body', 'o', '--order-key', 'cust-7', '--count', '3']);
      const queues = new Set(r.lines.map((l) => JSON.stringify((JSON.parse(l) as { messageQueue: unknown }).messageQueue)));
      out('ordered', r.status === 0 && r.lines.length === 3 && queues.size === 1, r.stderr || [...queues]);
    }
    {
      const r = cli(ns, [...signed, '--body', 'at', '--deliver-at', String(Date.now() + 60_000)]);
      out(
        'deliver-at-refused',
        r.status === 1 && /runs a RocketMQ version before 5\.0 .*ignores a deliver-at time .*nothing was sent/.test(r.stderr),
        r.stderr,
      );
    }
    {
      const r = cli(ns, ['--topic', topic, '--body', 'x', '--ak', AK, '--sk', 'wrong-secret']);
      out('acl-wrong-key', r.status === 1 && /signature|NO_PERMISSION|permission/i.test(r.stderr), r.stderr);
      const u = cli(ns, ['--topic', topic, '--body', 'x']);
      out('acl-unsigned', u.status === 1 && /accessKey|NO_PERMISSION|permission|signature/i.test(u.stderr), u.stderr);
    }
  } finally {
    if (!process.env.LEGACY_KEEP) await stopCluster(PROFILE);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    out('runner', false, e.stack ?? e.message);
    process.exit(1);
  },
);
