/** Starts bench/null-broker.ts as a child process and resolves with its port once it listens. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BENCH_DIR } from './peer-process.js';

export interface NullBroker {
  port: number;
  stop: () => void;
}

export function startNullBroker(): Promise<NullBroker> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BENCH_DIR, '..', 'node_modules', '.bin', 'tsx'), [join(BENCH_DIR, 'null-broker.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`null broker exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).once('line', (l) => {
      const m = JSON.parse(l) as { port: number };
      resolve({ port: m.port, stop: () => child.kill('SIGTERM') });
    });
  });
}
