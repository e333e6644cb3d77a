/** The command-line host, run as users run it, against the real cluster. */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { mqadmin } from '../cluster/cluster.js';
import { NAMESRV, uniqueTopic } from './env.js';

function cli(args: string[]): { status: number; lines: string[]; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'core/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, NAMESRV_ADDR: NAMESRV } });
  return { status: r.status ?? -1, lines: r.stdout.split('\n').filter((l) => l.trim() !== ''), stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
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
    expect(oneway.lines.map((l) => JSON.parse(l))).toEqual([{ mode: 'oneway', sent: 1 }, { mode: 'oneway', sent: 1 }]);
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
