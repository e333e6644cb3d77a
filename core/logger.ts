/**
 * The client's logger, injected through ClientConfig.logger. Silent by default in the library (a
 * library must not write to the host's streams unasked); the CLI passes the stderr one and the
 * desktop hosts a rotating file. Used for what a user needs after the fact: scheduled-task
 * failures, route changes, reconnects, socket closes and exceptions thrown by user callbacks.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const noop = (): void => {};

/** Drops everything (the library default). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Error objects as message (and code) so a field survives JSON.stringify. */
function fieldValue(v: unknown): unknown {
  if (v instanceof Error) return 'code' in v ? `${v.message} (code ${String((v as { code: unknown }).code)})` : v.message;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** One line per entry: `<ISO time> <LEVEL> <msg> {fields as JSON}` on stderr, from `level` up. */
export function createStderrLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = RANK[level];
  const log = (lvl: LogLevel) => {
    if (RANK[lvl] < min) return noop;
    return (msg: string, fields?: Record<string, unknown>) => {
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
      write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}${tail}\n`);
    };
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
