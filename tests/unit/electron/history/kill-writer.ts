/**
 * Crash-safety helper: runs writer-child.ts against `file`, waits until it reports at least
 * `minCommitted` committed rows, then SIGKILLs it mid-write. Resolves with the last count it reported.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export async function killWriterAfter(file: string, minCommitted: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'writer-child.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lastCommitted = 0;
  let buf = '';
  await new Promise<void>((done, fail) => {
    child.on('exit', (code) => fail(new Error(`writer exited early with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        const m = /^committed (\d+)$/.exec(l);
        if (m) lastCommitted = Number(m[1]);
      }
      if (lastCommitted >= minCommitted) done();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  return lastCommitted;
}
