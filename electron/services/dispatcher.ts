/**
 * Maps every contract channel to its handler: validates the input with the channel's zod schema,
 * runs the handler and wraps the outcome in a Result. Nothing thrown ever crosses the boundary.
 * Both hosts (Electron IPC and the WebSocket server) call `dispatch`.
 */
import { z } from 'zod';
import { CHANNELS, HostErrorCode, methods, type ChannelName, type OutputOf, type ParsedInputOf, type Result } from '../common/contract.js';
import { toApiError } from './errors.js';

/** Who is calling: lets a handler tie resources (health watches) to one window or socket. */
export interface CallContext {
  clientId: string;
}

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, ctx: CallContext) => OutputOf<C> | Promise<OutputOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

const channelSet: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(s: unknown): s is ChannelName {
  return typeof s === 'string' && channelSet.has(s);
}

/** "field.path: message; other: message" — what the user needs to fix the call. */
export function formatZodError(e: z.ZodError): string {
  return e.issues
    .map((i) => {
      const path = i.path.map(String).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** JSON cannot carry bigint or Buffer: handlers should already return wire types, this is the safety net. */
export function toWire<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
        return Buffer.from((v as { data: number[] }).data).toString('base64');
      }
      return v;
    }),
  ) as T;
}

export class Dispatcher {
  constructor(private readonly handlers: Handlers) {}

  /** The channels that have a handler (the contract test compares this with CHANNELS). */
  channels(): string[] {
    return Object.keys(this.handlers);
  }

  async dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return { ok: false, error: { name: 'UnknownChannelError', code: HostErrorCode.UNKNOWN_CHANNEL, retriable: false, message: `unknown channel '${String(channel)}'` } };
    }
    const parsed = methods[channel].input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { name: 'InvalidInputError', code: HostErrorCode.INVALID_INPUT, retriable: false, message: `${channel}: ${formatZodError(parsed.error)}` } };
    }
    try {
      const handler = this.handlers[channel] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: toWire(value === undefined ? null : value) };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  }
}
