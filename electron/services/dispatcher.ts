/**
 * Maps every contract channel to its handler: validates the input with the channel's zod schema,
 * runs the handler and wraps the outcome in a Result. Nothing thrown ever crosses the boundary.
 * Both hosts (Electron IPC and the WebSocket server) call `dispatch`.
 */
import { CHANNELS, HostErrorCode, methods, type ChannelName, type OutputOf, type ParsedInputOf, type Result } from '../common/contract.js';
import { toApiError } from './errors.js';
import { formatZodError } from './zod-message.js';

/** Who is calling: lets a handler tie resources (health watches) to one window or socket. */
export interface CallContext {
  clientId: string;
}

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, ctx: CallContext) => OutputOf<C> | Promise<OutputOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

const channelSet: ReadonlySet<string> = new Set(CHANNELS);

/** A channel name is echoed back at most this long (a 200 MiB name must not come back whole). */
export const MAX_ECHOED_CHANNEL = 64;
/** Error messages crossing the boundary are cut here: they may quote input. */
export const MAX_ERROR_MESSAGE = 1024;
/**
 * Values (objects, arrays, keys, scalars) one request may hold before its schema runs. The largest
 * legitimate inputs (10 000 history ids, 1 000 replayed ids) are far below; a million-entry map
 * is refused here in a few ms instead of blocking every client while zod walks it.
 */
export const MAX_INPUT_NODES = 100_000;
export const MAX_INPUT_DEPTH = 64;

/** Cuts a string for an error message, saying how long it was. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** True when the parsed JSON input exceeds the node or depth budget (iterative: no deep recursion). */
export function exceedsInputBudget(input: unknown, maxNodes = MAX_INPUT_NODES, maxDepth = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[input, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return true;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return true;
    if (Array.isArray(v)) {
      if (nodes + v.length > maxNodes) return true;
      for (const item of v) stack.push([item, depth + 1]);
    } else {
      const keys = Object.keys(v);
      nodes += keys.length;
      if (nodes > maxNodes) return true; // before touching a single value of a huge map
      for (const k of keys) stack.push([(v as Record<string, unknown>)[k], depth + 1]);
    }
  }
  return false;
}

function internal(e: unknown): Result<never> {
  const error = toApiError(e);
  return { ok: false, error: { ...error, message: clip(error.message, MAX_ERROR_MESSAGE) } };
}

export function isChannel(s: unknown): s is ChannelName {
  return typeof s === 'string' && channelSet.has(s);
}

/** Schema issues as the user reads them: one formatter (zod-message.ts); re-exported for the services that used it from here. */
export { formatZodError };

export class Dispatcher {
  constructor(private readonly handlers: Handlers) {}

  /** The channels that have a handler (the contract test compares this with CHANNELS). */
  channels(): string[] {
    return Object.keys(this.handlers);
  }

  /** Never throws or rejects, whatever `channel` and `input` are: every outcome is a Result. */
  async dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    try {
      if (!isChannel(channel)) {
        const shown = typeof channel === 'string' ? `'${clip(channel, MAX_ECHOED_CHANNEL)}'` : `of type ${channel === null ? 'null' : typeof channel}`;
        return {
          ok: false,
          error: { name: 'UnknownChannelError', code: HostErrorCode.UNKNOWN_CHANNEL, retriable: false, message: `unknown channel ${shown}` },
        };
      }
      if (exceedsInputBudget(input)) {
        return {
          ok: false,
          error: {
            name: 'InvalidInputError',
            code: HostErrorCode.INVALID_INPUT,
            retriable: false,
            message: `${channel}: the input holds more than ${MAX_INPUT_NODES} values or nests deeper than ${MAX_INPUT_DEPTH}`,
          },
        };
      }
      const parsed = methods[channel].input.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            name: 'InvalidInputError',
            code: HostErrorCode.INVALID_INPUT,
            retriable: false,
            message: clip(formatZodError(parsed.error, input), MAX_ERROR_MESSAGE),
          },
        };
      }
      const handler = this.handlers[channel] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // Handlers return the contract's wire types (services/to-wire.ts maps core results kind by kind,
      // checked by the compiler), so the value crosses as is: no generic deep copy.
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      return internal(e);
    }
  }
}
