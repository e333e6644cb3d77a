/**
 * Cross-check of the Java driver against RocketMQ's own benchmark producer
 * (org.apache.rocketmq.example.benchmark.Producer from rocketmq-example 5.5.0, same classpath),
 * same topic, thread count and body size, sync sends. It prints a line per second with "Send TPS: …",
 * a moving average over its last 10 one-second snapshots: after 8 s of warm-up, the samples from
 * second 18 on are the first whose window holds no warm-up second; three of them are averaged.
 */
import { spawn } from 'node:child_process';
import { JAVA_OPTS, javaClasspath, javaHome } from './peer-process.js';

/** What benchmark.Producer reported. */
export interface BenchmarkProducerRun {
  tps: number;
  samples: number[];
  maxRt: number;
}

export interface CrossCheck extends BenchmarkProducerRun {
  /** Our Java driver in the same case (mean of driverRuns: fresh JVMs just before and after). */
  driverTps: number;
  driverRuns: number[];
  /** The driver's figure for the case in the matrix, for reference. */
  matrixTps?: number;
  storedDuringRun: number;
}

/** 8 s of warm-up plus the 10 s TPS window. */
export const FIRST_CLEAN_SAMPLE = 18;

export function runBenchmarkProducer(namesrv: string, topic: string, threads: number, size: number): Promise<BenchmarkProducerRun> {
  const intervals = FIRST_CLEAN_SAMPLE + 3;
  return new Promise((resolve, reject) => {
    const child = spawn(
      'java',
      [
        ...JAVA_OPTS,
        `-Duser.home=${javaHome()}`,
        '-cp',
        javaClasspath(),
        'org.apache.rocketmq.example.benchmark.Producer',
        '-n',
        namesrv,
        '-t',
        topic,
        '-w',
        String(threads),
        '-s',
        String(size),
        '-ri',
        '1000',
        '-k',
        'false',
        '-c',
        'false',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
        if (rt && samples.length > FIRST_CLEAN_SAMPLE) maxRt = Math.max(maxRt, Number(rt[1]));
        if (samples.length >= intervals) child.kill('SIGTERM');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', () => {
      clearTimeout(timer);
      const used = samples.slice(FIRST_CLEAN_SAMPLE);
      if (used.length === 0) reject(new Error('the benchmark Producer printed no TPS line'));
      else resolve({ tps: used.reduce((a, b) => a + b, 0) / used.length, samples: used, maxRt });
    });
  });
}
