/**
 * The raw pipelined-socket baseline: one TCP connection to the null broker, one pre-encoded
 * SEND_MESSAGE_V2 frame (same header shape and serialization as our producer) written over and over, a fixed
 * window of requests in flight, responses counted by frame length only. No routing, no promises,
 * no per-message allocation: what this machine can push through a socket with the remoting
 * format, i.e. the ceiling for any client. Same line protocol as the peers (async/sync = window).
 */
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { encodeFrame } from '../core/remoting/frame.js';
import { encodeSendMessage } from '../core/protocol/requests/send-message.js';
import type { CaseSpec, PeerCommand, PeerResult } from './protocol.js';
import { LatencyRecorder } from './stats.js';

const [host, port] = (process.env.BENCH_NAMESRV ?? '127.0.0.1:0').split(':') as [string, string];
const topic = process.env.BENCH_TOPIC ?? 'bench';
const headers = process.env.BENCH_HEADERS === 'ROCKETMQ' ? 'ROCKETMQ' : 'JSON';

function connect(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    s.setNoDelay(true);
    s.once('error', reject);
    s.connect(Number(port), host, () => resolve(s));
  });
}

function sendFrame(body: Buffer, opaque: number): Buffer {
  const cmd = encodeSendMessage(
    {
      producerGroup: 'bench_raw',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: 'UNIQ_KEY\u0001AC1100020000000000000000000000\u0002WAIT\u0001true\u0002',
      batch: false,
      brokerName: 'null-broker',
    },
    body,
  );
  cmd.opaque = opaque;
  return encodeFrame(cmd, headers);
}

async function run(c: CaseSpec): Promise<PeerResult> {
  const body = readFileSync(c.bodyFile);
  const sock = await connect();
  const frame = sendFrame(body, 1);
  const window = c.concurrency;
  const block = Buffer.concat(Array.from({ length: window }, () => frame));
  const sentAt = new Float64Array(window);
  let head = 0; // ring index of the oldest outstanding request
  let tail = 0;
  let acked = 0;
  let issued = 0;
  let rec: LatencyRecorder | undefined;
  let stopAt = 0;
  let limit = 0;
  let done: (() => void) | undefined;
  let carry: Buffer | undefined;
  const write = (k: number) => {
    const now = performance.now();
    for (let i = 0; i < k; i++) {
      sentAt[tail] = now;
      tail = (tail + 1) % window;
    }
    issued += k;
    sock.write(k === window ? block : block.subarray(0, k * frame.length));
  };
  sock.on('data', (chunk: Buffer) => {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let off = 0;
    let k = 0;
    const now = performance.now();
    while (buf.length - off >= 4) {
      const len = buf.readUInt32BE(off);
      if (buf.length - off - 4 < len) break;
      off += 4 + len;
      rec?.record(now - sentAt[head]!);
      head = (head + 1) % window;
      k++;
    }
    if (off < buf.length) carry = Buffer.from(buf.subarray(off));
    acked += k;
    const inflight = issued - acked;
    const room = performance.now() < stopAt ? Math.min(window - inflight, limit - issued) : 0;
    if (room > 0) write(room);
    else if (issued === acked) done?.();
  });
  const phase = async (ms: number, max: number, r: LatencyRecorder | undefined) => {
    acked = 0;
    issued = 0;
    head = 0;
    tail = 0;
    rec = r;
    limit = max;
    stopAt = performance.now() + ms;
    const t0 = performance.now();
    const finished = new Promise<void>((res) => (done = res));
    write(Math.min(window, max));
    await finished;
    return { acked, durationMs: performance.now() - t0 };
  };
  const warm = await phase(c.warmupMs, c.maxMessages, undefined);
  const r = new LatencyRecorder();
  const cpu0 = process.cpuUsage();
  const m = await phase(c.measureMs, c.maxMessages, r);
  const cpu = process.cpuUsage(cpu0);
  sock.destroy();
  return {
    type: 'result',
    caseId: c.id,
    acked: m.acked,
    calls: m.acked,
    errors: 0,
    warmupAcked: warm.acked,
    attempted: warm.acked + m.acked,
    durationMs: m.durationMs,
    latencyMs: r.summary(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.stdout.write(JSON.stringify({ type: 'ready' }) + '\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line) as PeerCommand;
  if (cmd.cmd === 'exit') break;
  process.stdout.write(JSON.stringify(await run(cmd.case)) + '\n');
}
process.exit(0);
