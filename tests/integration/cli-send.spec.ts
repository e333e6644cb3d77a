/** The command-line host, run as users run it, against the real cluster. */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliCommand } from '../bundle/bundle.js';
import { mqadmin } from '../cluster/cluster.js';
import { readTopic } from '../java-peer/java-peer.js';
import { NAMESRV, uniqueTopic } from './env.js';

function cli(args: string[], input?: Buffer): { status: number; lines: string[]; stderr: string } {
  const [node, bundle] = cliCommand();
  const r = spawnSync(node, [...bundle, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 16 << 20,
    env: { ...process.env, NAMESRV_ADDR: NAMESRV },
  });
  return {
    status: r.status ?? -1,
    lines: r.stdout.split('\n').filter((l) => l.trim() !== ''),
    stderr: r.stderr
      .split('\n')
      .filter((l) => l && !l.startsWith('npm warn'))
      .join('\n'),
  };
}

const topic = uniqueTopic('WbCli');
beforeAll(() => {
  expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4']).status).toBe(0);
});

describe('npm run cli -- send', () => {
  it('prints the SendResult as one JSON line', () => {
    const r = cli(['send', '--topic', topic, '--body', 'hello', '--tag', 'A', '--key', 'k1', '--prop', 'color=blue']);
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(1);
    const res = JSON.parse(r.lines[0]!);
    expect(res).toMatchObject({ sendStatus: 'SEND_OK', messageQueue: { topic } });
    expect(typeof res.queueOffset).toBe('string');
  });

  it('sends to a chosen queue, by order key, as a batch, N times, async and oneway', () => {
    const q = cli(['send', '--topic', topic, '--body', 'q', '--queue', 'broker-b:3']);
    expect(JSON.parse(q.lines[0]!).messageQueue).toEqual({ topic, brokerName: 'broker-b', queueId: 3 });
    const ordered = cli(['send', '--topic', topic, '--body', 'o', '--order-key', 'cust-1', '--count', '3']);
    expect(ordered.lines).toHaveLength(3);
    expect(new Set(ordered.lines.map((l) => JSON.stringify(JSON.parse(l).messageQueue))).size).toBe(1);
    const batch = cli(['send', '--topic', topic, '--body', 'b', '--batch', '3']);
    expect(JSON.parse(batch.lines[0]!).msgId.split(',')).toHaveLength(3);
    const asyncR = cli(['send', '--topic', topic, '--body', 'a', '--mode', 'async', '--delay', '2']);
    expect(JSON.parse(asyncR.lines[0]!).sendStatus).toBe('SEND_OK');
    const oneway = cli(['send', '--topic', topic, '--body', 'w', '--mode', 'oneway', '--count', '2']);
    expect(oneway.lines.map((l) => JSON.parse(l))).toEqual([
      { mode: 'oneway', sent: 1 },
      { mode: 'oneway', sent: 1 },
    ]);
  });

  it('fails with one line and a non-zero exit, no stack trace', () => {
    const bad = cli(['send', '--topic', 'not a topic', '--body', 'x']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: The specified topic 'not a topic' contains illegal characters/);
    expect(bad.stderr.split('\n')).toHaveLength(1);
    const usage = cli(['send', '--body', 'x']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--topic is required/);
    const dead = cli(['send', '--namesrv', '127.0.0.1:1', '--topic', topic, '--body', 'x']);
    expect(dead.status).toBe(1);
    expect(dead.stderr).toMatch(/^error: no NameServer answered/);
  });
});

describe('npm run cli -- send with big bodies (--body-file, --body -)', () => {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('sends a ~4 MiB body from a file and a 300 KiB body from stdin; the Java client reads both back byte for byte', async () => {
    const bigTopic = uniqueTopic('WbCliBig');
    expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', bigTopic, '-r', '1', '-w', '1']).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'wb-cli-body-'));
    try {
      // Random bytes: zlib (over 4 KiB) cannot shrink them, so the stored body stays ~4 MB and
      // still fits the broker's 4 MiB limit on the whole stored message.
      const big = randomBytes(4_000_000);
      writeFileSync(join(dir, 'big.bin'), big);
      const fromFile = cli(['send', '--topic', bigTopic, '--body-file', join(dir, 'big.bin'), '--key', 'from-file', '--timeout', '20000']);
      expect(fromFile.stderr).toBe('');
      expect(fromFile.status).toBe(0);
      // Over the OS's 128 KiB cap on one argument: only a pipe can carry it.
      const piped = randomBytes(300 * 1024);
      const fromStdin = cli(['send', '--topic', bigTopic, '--body', '-', '--key', 'from-stdin'], piped);
      expect(fromStdin.status).toBe(0);
      const ids = [JSON.parse(fromFile.lines[0]!).msgId as string, JSON.parse(fromStdin.lines[0]!).msgId as string];
      const read = await readTopic(NAMESRV, bigTopic);
      const byKey = new Map(read.messages.map((m) => [m.keys, m]));
      expect(byKey.get('from-file')).toMatchObject({ msgId: ids[0], bodyLength: big.length, bodySha256: sha(big) });
      expect(byKey.get('from-stdin')).toMatchObject({ msgId: ids[1], bodyLength: piped.length, bodySha256: sha(piped) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a body file over 4 MiB, a missing file, and --body with --body-file, each in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-cli-body-'));
    try {
      writeFileSync(join(dir, 'too-big.bin'), Buffer.alloc(4 * 1024 * 1024 + 1));
      const tooBig = cli(['send', '--topic', topic, '--body-file', join(dir, 'too-big.bin')]);
      expect(tooBig.status).toBe(2);
      expect(tooBig.stderr).toMatch(/^error: --body-file .*too-big\.bin is over the 4194304-byte \(4 MiB\) message size limit/);
      const missing = cli(['send', '--topic', topic, '--body-file', join(dir, 'nope.bin')]);
      expect(missing.stderr).toMatch(/^error: --body-file .*nope\.bin: no such file$/);
      const both = cli(['send', '--topic', topic, '--body', 'x', '--body-file', join(dir, 'too-big.bin')]);
      expect(both.stderr).toBe('error: give either --body or --body-file, not both');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run cli -- send --compress ZLIB|LZ4|ZSTD', () => {
  it('the Java client inflates each type back to the exact body; a body under the threshold is stored uncompressed', async () => {
    const cTopic = uniqueTopic('WbCliCompress');
    expect(mqadmin(['updateTopic', '-c', 'DefaultCluster', '-t', cTopic, '-r', '1', '-w', '1']).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'wb-cli-compress-'));
    try {
      const body = Buffer.concat([Buffer.from('{"order":42,"items":["a","b"]}\n'.repeat(3000)), randomBytes(2048)]);
      writeFileSync(join(dir, 'body.bin'), body);
      const small = Buffer.from('s'.repeat(4095));
      writeFileSync(join(dir, 'small.bin'), small);
      for (const type of ['ZLIB', 'LZ4', 'ZSTD']) {
        const r = cli(['send', '--topic', cTopic, '--body-file', join(dir, 'body.bin'), '--compress', type, '--key', type]);
        expect(r.stderr, type).toBe('');
        expect(r.status, type).toBe(0);
        const s = cli(['send', '--topic', cTopic, '--body-file', join(dir, 'small.bin'), '--compress', type, '--key', `small-${type}`]);
        expect(s.status, type).toBe(0);
      }
      const read = await readTopic(NAMESRV, cTopic);
      const byKey = new Map(read.messages.map((m) => [m.keys, m]));
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      for (const type of ['ZLIB', 'LZ4', 'ZSTD']) {
        expect(byKey.get(type), type).toMatchObject({ bodyLength: body.length, bodySha256: sha(body) });
        expect(byKey.get(`small-${type}`), type).toMatchObject({ bodyLength: small.length, bodySha256: sha(small) });
      }
      // The stored sysFlag from the broker's side: mqadmin prints it with bit 0 cleared after
      // inflating, so the type bits stay (LZ4 256, ZSTD 512, ZLIB 768); 0 for the small bodies.
      for (const [type, flag] of [
        ['ZLIB', '768'],
        ['LZ4', '256'],
        ['ZSTD', '512'],
        ['small-LZ4', '0'],
      ] as const) {
        const m = byKey.get(type)!;
        const q = mqadmin(['queryMsgById', '-t', cTopic, '-i', m.offsetMsgId!]);
        expect(q.stdout, type).toMatch(new RegExp(`System Flag:\\s+${flag}\\b`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
