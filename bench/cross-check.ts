/**
 * Cross-check of the Java driver against RocketMQ's own benchmark producer
 * (org.apache.rocketmq.example.benchmark.Producer from rocketmq-example 5.5.0, same classpath),
 * same topic, thread count and body size, sync sends. It prints a line per report interval with
 * "Send TPS: …"; the first 8 one-second intervals are its warm-up and are dropped.
 */
import { spawn } from 'node:child_process';
import type { Timing } from './cases.js';
import { JAVA_OPTS, javaClasspath, javaHome } from './peer-process.js';

export interface CrossCheck {
  tps: number;
  samples: number[];
  maxRt: number;
  /** Our Java driver in the same case, run just before in a fresh JVM. */
  driverTps: number;
  /** The driver's figure for the case in the matrix, for reference. */
  matrixTps?: number;
  storedDuringRun?: number;
}

export function crossCheck(namesrv: string, topic: string, threads: number, size: number, t: Timing, driverTps: number): Promise<CrossCheck> {
  // A fresh JVM: give it ~8 s to warm up (our driver had its JIT warm-up too), then average the rest.
  const intervals = 8 + Math.max(3, Math.ceil(t.measureMs / 1000) + 1);
  return new Promise((resolve, reject) => {
    const child = spawn('java', [...JAVA_OPTS, `-Duser.home=${javaHome()}`, '-cp', javaClasspath(), 'org.apache.rocketmq.example.benchmark.Producer',
      '-n', namesrv, '-t', topic, '-w', String(threads), '-s', String(size), '-ri', '1000', '-k', 'false', '-c', 'false'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const samples: number[] = [];
    let maxRt = 0;
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /Send TPS:\s*([\d.]+)/.exec(line);
        if (!m) continue;
        samples.push(Number(m[1]));
        const rt = /Max RT\(ms\):\s*([\d.]+)/.exec(line);
        if (rt && samples.length > 8) maxRt = Math.max(maxRt, Number(rt[1]));
        if (samples.length >= intervals) child.kill('SIGTERM');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', () => {
      clearTimeout(timer);
      const used = samples.slice(8);
      if (used.length === 0) reject(new Error('the benchmark Producer printed no TPS line'));
      else resolve({ tps: used.reduce((a, b) => a + b, 0) / used.length, samples: used, maxRt, driverTps });
    });
  });
}
