/**
 * The hosts' log: one line per entry (`<ISO time> <LEVEL> <msg> {fields}`) appended to
 * `<data dir>/logs/workbench.log`, rotated at `maxBytes` into workbench.log.1 … .N (the oldest is
 * dropped). Implements core's Logger, so the same object goes to every producer (ClientConfig.logger)
 * and receives the host's own unexpected rejections. Files are 0600 in a 0700 folder: entries can
 * name topics, brokers and error messages. Writes are synchronous and small: a log line must not be
 * lost when the process is about to exit on an uncaught exception.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogLevel } from '../../core/index.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** One entry never grows the file by more than this (a huge error message or field is cut). */
const MAX_LINE = 8 * 1024;

export interface FileLoggerOptions {
  level?: LogLevel;
  /** Rotate when the file reaches this size. Default 5 MiB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. Default 3. */
  keep?: number;
  /** Also write each line here (e.g. stderr for the headless host). */
  echo?: (line: string) => void;
}

export interface FileLogger extends Logger {
  readonly file: string;
}

function fieldValue(v: unknown): unknown {
  if (v instanceof Error) return v.stack ?? v.message;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

export function formatLine(level: LogLevel, msg: string, fields?: Record<string, unknown>): string {
  let tail = '';
  if (fields) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) o[k] = fieldValue(v);
    try {
      tail = ` ${JSON.stringify(o)}`;
    } catch {
      tail = ' {unserializable fields}';
    }
  }
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${msg}${tail}`.replace(/[\r\n]+/g, ' ⏎ ');
  return (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (cut)` : line) + '\n';
}

export function createFileLogger(dir: string, o: FileLoggerOptions = {}): FileLogger {
  const maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
  const keep = o.keep ?? 3;
  const min = RANK[o.level ?? 'info'];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'workbench.log');
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    if (keep >= 1) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    size = 0;
  };

  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    const line = formatLine(level, msg, fields);
    try {
      if (size > 0 && size + line.length > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      if (size === 0) chmodSync(file, 0o600); // an existing file created with a laxer mode
      size += Buffer.byteLength(line);
    } catch {
      // A full disk or a removed folder must not take the host down with it.
    }
    o.echo?.(line);
  };
  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/**
 * Logs unhandled rejections and uncaught exceptions instead of letting Node exit on them: both
 * hosts serve many clients, and one request's bug must not end every session. Returns the undo.
 */
export function logUnexpected(logger: Logger, proc: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => logger.error('unhandled rejection (the host keeps serving)', { reason });
  const onException = (error: unknown) => logger.error('uncaught exception (the host keeps serving)', { error });
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
