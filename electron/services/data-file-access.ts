/**
 * Data files are chosen by the user, never named by the page. A file reaches a run through an
 * opaque handle (`df-` + 128 random bits) that only the host can mint:
 *  - Electron: main shows the open dialog (the injected `choose`) and registers the chosen path;
 *  - headless host: the browser uploads the file's bytes (POST /api/upload), registered here.
 * The page can present a handle, never a path, so a compromised or hostile page can read nothing
 * the user did not pick.
 *
 * Reading a path: opened with O_NONBLOCK (a FIFO does not block the libuv threadpool), then fstat
 * on the open descriptor (no check-then-open race): only regular files, at most `maxBytes`, read
 * with a hard cap even if the size lies (/proc files report 0). Errors never carry file content,
 * the path or the OS error (no "does it exist?" oracle). At most `maxConcurrentReads` files are
 * read at once, `maxQueuedReads` more wait, the rest are refused BUSY.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { HostErrorCode } from '../common/contract.js';
import { badFile, HostError, invalidInput, notFound } from './errors.js';

/** 64 MiB: a million typical CSV rows; the whole file is parsed in memory, so it must stay bounded. */
export const DATA_FILE_MAX_BYTES = 64 * 1024 * 1024;

export interface DataFileRef {
  handle: string;
  fileName: string;
  size: number;
}

export interface DataFileAccessOptions {
  /** Shows the host's open dialog; resolves to the chosen path or null when cancelled. Absent in the headless host. */
  choose?: (() => Promise<string | null>) | undefined;
  maxBytes?: number;
  maxConcurrentReads?: number;
  maxQueuedReads?: number;
  /** Handles kept; the oldest is forgotten past this (uploads hold their bytes in memory). */
  maxHandles?: number;
}

type Entry = { fileName: string; size: number } & ({ kind: 'path'; path: string } | { kind: 'bytes'; bytes: Buffer });

const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`);
const UNREADABLE = 'the data file cannot be read: choose it again (it must be a regular file you can read)';

/**
 * Reads a regular file of at most maxBytes. Throws BAD_FILE with a message that names neither the
 * path nor the OS error, and never includes content.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    throw badFile(UNREADABLE);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw badFile('the data file is not a regular file (a folder, device, pipe or socket cannot be read)');
    if (st.size > maxBytes) throw badFile(`the data file is larger than ${fmtSize(maxBytes)}`);
    // Read one byte past the cap: a file that grows (or lies about its size) is refused, not truncated.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(st.size, 64 * 1024)) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) throw badFile(`the data file is larger than ${fmtSize(maxBytes)}`);
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > maxBytes) throw badFile(`the data file is larger than ${fmtSize(maxBytes)}`);
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof HostError) throw e;
    throw badFile(UNREADABLE);
  } finally {
    await fh.close().catch(() => {});
  }
}

/** A display name: the last path segment, control characters removed, bounded. */
function cleanName(name: string): string {
  const n = basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .slice(0, 255);
  return n || 'data file';
}

export class DataFileAccess {
  readonly maxBytes: number;
  private readonly entries = new Map<string, Entry>();
  private readonly maxConcurrent: number;
  private readonly maxQueued: number;
  private readonly maxHandles: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly o: DataFileAccessOptions = {}) {
    this.maxBytes = o.maxBytes ?? DATA_FILE_MAX_BYTES;
    this.maxConcurrent = o.maxConcurrentReads ?? 2;
    this.maxQueued = o.maxQueuedReads ?? 8;
    this.maxHandles = o.maxHandles ?? 16;
  }

  /** datafile:choose — the host's dialog; the page gets a handle, never the path. */
  async choose(): Promise<{ file: DataFileRef | null }> {
    if (!this.o.choose) throw invalidInput('this host has no file dialog: upload the file instead');
    const path = await this.o.choose();
    return { file: path === null ? null : await this.registerPath(path) };
  }

  /** Registers a path the user picked in the host's dialog (checked now, read again at use). */
  async registerPath(path: string): Promise<DataFileRef> {
    const size = (await this.limited(() => readRegularFile(path, this.maxBytes))).length;
    return this.add({ kind: 'path', path, fileName: cleanName(path), size });
  }

  /** Registers uploaded bytes (the headless host has already enforced maxBytes while streaming). */
  registerUpload(fileName: string, bytes: Buffer): DataFileRef {
    if (bytes.length > this.maxBytes) throw badFile(`the data file is larger than ${fmtSize(this.maxBytes)}`);
    return this.add({ kind: 'bytes', bytes, fileName: cleanName(fileName), size: bytes.length });
  }

  /** The file's text. An unknown handle gives the same answer whatever the handle looks like. */
  async read(handle: string): Promise<{ text: string; fileName: string }> {
    const e = this.entries.get(handle);
    if (!e) throw notFound('the data file (choose or upload it again)');
    const bytes = e.kind === 'bytes' ? e.bytes : await this.limited(() => readRegularFile(e.path, this.maxBytes));
    return { text: bytes.toString('utf8'), fileName: e.fileName };
  }

  private add(e: Entry): DataFileRef {
    const handle = `df-${randomBytes(16).toString('hex')}`;
    this.entries.set(handle, e);
    while (this.entries.size > this.maxHandles) this.entries.delete(this.entries.keys().next().value!);
    return { handle, fileName: e.fileName, size: e.size };
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued)
        throw new HostError('BusyError', HostErrorCode.BUSY, 'busy: other data files are being read; retry in a moment', true);
      await new Promise<void>((r) => this.waiting.push(r));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
