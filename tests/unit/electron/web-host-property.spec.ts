/**
 * Property: whatever a token holder sends over the WebSocket — any JSON value, any channel name,
 * any input — the real headless host answers each request with a result or a typed error, no
 * rejection escapes, and the host keeps serving. Seed and case count come from tests/unit/support/fuzz.ts
 * (printed; FUZZ_SEED / FUZZ_RUNS replay it; `npm run fuzz` runs it at full strength).
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, HostErrorCode } from '../../../electron/common/contract.js';
import { startWebHost, type WebHost } from '../../../electron/web/server.js';
import { testWorkbench, type TestWorkbench } from './support/workbench.js';
import { connectWs, type WsClient } from './support/ws-client.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';

let t: TestWorkbench;
let host: WebHost;
let c: WsClient;
const escaped: unknown[] = [];
const record = (e: unknown) => escaped.push(e);
const KNOWN_CODES = new Set<number>(Object.values(HostErrorCode));

beforeAll(async () => {
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  t = testWorkbench();
  host = await startWebHost({ workbench: t.wb, port: 0, rendererDir: t.dir });
  c = await connectWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
});
afterAll(async () => {
  process.off('unhandledRejection', record);
  process.off('uncaughtException', record);
  await c.close();
  await host.close();
  await t.close();
});

/** One raw frame → the reply with its id (requests with a valid id) or the next reply. */
function send(text: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${text.slice(0, 200)}`)), 5000);
    c.raw.once('message', (d) => {
      clearTimeout(timer);
      resolve(JSON.parse(d.toString()));
    });
    c.raw.send(text);
  });
}

function isTypedResult(r: unknown): boolean {
  if (!r || typeof r !== 'object') return false;
  const res = r as { ok?: unknown; value?: unknown; error?: { name?: unknown; code?: unknown; retriable?: unknown; message?: unknown } };
  if (res.ok === true) return 'value' in res;
  const e = res.error;
  return (
    res.ok === false &&
    !!e &&
    typeof e.name === 'string' &&
    typeof e.code === 'number' &&
    typeof e.retriable === 'boolean' &&
    typeof e.message === 'string' &&
    e.message.length <= 2048
  );
}

describe('headless host property', () => {
  it(
    'answers every frame with a result or a typed error and stays up',
    async () => {
      // Channels that change state outside the data dir or start background work are left out:
      // the point is the boundary, not the handlers' side effects.
      const channel = fc.oneof(
        fc.constantFrom(...CHANNELS.filter((ch) => !/^(ops:|profiles:connect|send:message|bulk:start|replay:run|datafile:start)/.test(ch))),
        fc.string({ maxLength: 300 }),
        fc.constant('__proto__'),
        fc.constant('constructor'),
      );
      const frame = fc.oneof(
        // a well-formed request with arbitrary input
        fc
          .record({ id: fc.integer({ min: 1, max: 1e9 }), channel, input: fc.jsonValue({ maxDepth: 4 }) })
          .map((m) => ({ text: JSON.stringify(m), id: m.id as unknown })),
        // any JSON value at all
        fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: JSON.stringify(v) ?? 'null', id: null as unknown })),
        // objects with odd ids and channels
        fc
          .record(
            {
              id: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined)),
              channel: fc.oneof(channel, fc.jsonValue({ maxDepth: 1 })),
              input: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          )
          .map((m) => ({ text: JSON.stringify(m), id: null as unknown })),
        // not JSON
        fc
          .string({ maxLength: 200 })
          .filter((s) => {
            try {
              JSON.parse(s);
              return false;
            } catch {
              return true;
            }
          })
          .map((s) => ({ text: s, id: null as unknown })),
      );
      await fc.assert(
        fc.asyncProperty(frame, async ({ text, id }) => {
          const reply = (await send(text)) as { id: unknown; result: unknown };
          const valid = typeof id === 'number';
          if (valid) expect(reply.id).toBe(id);
          expect(isTypedResult(reply.result)).toBe(true);
          const r = reply.result as { ok: boolean; error?: { code: number } };
          if (!r.ok && r.error!.code >= 20000) expect(KNOWN_CODES.has(r.error!.code)).toBe(true);
        }),
        fuzzParams('web host: any frame gets a typed reply', 300),
      );
      expect(escaped).toEqual([]);
      // Still serving, on this socket and on a new one.
      expect(await c.call('app:info')).toMatchObject({ ok: true });
      const fresh = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
      await new Promise((r, j) => fresh.once('open', r).once('error', j));
      fresh.close();
    },
    Math.max(120_000, PROPERTY_TIMEOUT_MS),
  );
});
