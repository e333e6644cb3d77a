/**
 * Where `send` takes its body from: `--body TEXT`, `--body -` (stdin) or `--body-file PATH`.
 * One command-line argument is capped by the OS at 128 KiB (MAX_ARG_STRLEN), so bodies up to the
 * broker's 4 MiB limit can only come from a file or a pipe. Reading stops one byte past the limit:
 * a 10 GiB file is refused after 4 MiB, not read whole.
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../index.js';
import { UsageError } from './args.js';

function readCapped(fd: number, what: string, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking stdin (a TTY or some pipes) answers EAGAIN while no data has arrived yet.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit)
      throw new UsageError(`${what} is over the ${limit}-byte (${(limit / 1048576).toFixed(0)} MiB) message size limit of the broker and the client`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

export function readBody(opts: { body?: string | undefined; bodyFile?: string | undefined; maxMessageSize?: number | undefined }): Buffer | string {
  const limit = opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw new UsageError('give either --body or --body-file, not both');
  if (opts.bodyFile !== undefined) {
    let fd: number;
    try {
      fd = openSync(opts.bodyFile, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        `--body-file ${opts.bodyFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`,
      );
    }
    try {
      if (fstatSync(fd).isDirectory()) throw new UsageError(`--body-file ${opts.bodyFile}: is a directory`);
      return readCapped(fd, `--body-file ${opts.bodyFile}`, limit);
    } finally {
      closeSync(fd);
    }
  }
  if (opts.body === '-') return readCapped(0, 'the body read from stdin', limit);
  if (opts.body === undefined) throw new UsageError('--body TEXT, --body - (stdin) or --body-file PATH is required');
  return opts.body;
}
