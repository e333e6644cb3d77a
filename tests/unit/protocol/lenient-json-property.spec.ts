/**
 * Properties of the lenient JSON reader: on standard JSON it agrees with JSON.parse (except that
 * integers beyond 2^53 come back exact, as bigint); the NameServer's fastjson forms (bare integer
 * keys, object keys, bare identifiers) parse to the documented keys; anything else is a value or
 * exactly a ProtocolError — never a RangeError from deep nesting or another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../core/errors.js';
import { parseLenientJson, type LenientValue } from '../../../core/protocol/lenient-json.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';

/**
 * A strict, order-preserving text form for comparison: own keys only (so a "__proto__" key that
 * became a prototype is caught), bigint and number told apart.
 */
function canon(v: unknown): string {
  if (typeof v === 'bigint') return `big:${v}`;
  if (typeof v === 'number') return Object.is(v, -0) ? 'num:-0' : `num:${v}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  const o = v as Record<string, unknown>;
  if (Object.getPrototypeOf(o) !== Object.prototype) return '<object with a foreign prototype>';
  return `{${Object.keys(o)
    .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
    .join(',')}}`;
}

/**
 * What the lenient reader promises for standard JSON: JSON.parse, except that an integer literal
 * beyond 2^53 comes back exact as a bigint. JSON.stringify writes an integral double below 1e21 as
 * its digits (String(n)), so that is the literal such a number had in the text.
 */
function normalize(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) && Math.abs(v) < 1e21 ? BigInt(String(v)) : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, { value: normalize((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Parses or returns the error, which must be exactly a ProtocolError. */
function parseOrTypedError(text: string | Buffer): LenientValue | ProtocolError {
  try {
    return parseLenientJson(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as Error).name).toBe('ProtocolError');
    return e as ProtocolError;
  }
}

const trickyKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '', '0', '-1', '1e3');
const keyArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), trickyKey);
/** A number literal and the value the reader must give for it. */
const numberLiteral: fc.Arbitrary<{ text: string; value: unknown }> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => ({ text: JSON.stringify(d), value: normalize(JSON.parse(JSON.stringify(d))) })),
  fc
    .bigInt({ min: -(2n ** 64n), max: 2n ** 64n })
    .map((b) => ({ text: String(b), value: Number.isSafeInteger(Number(b)) && BigInt(Number(b)) === b ? Number(b) : b })),
  fc.integer().map((n) => ({ text: String(n), value: n })),
);
const fromJson = (text: string) => ({ text, value: normalize(JSON.parse(text)) });
/** Standard JSON texts with their expected values: fc's JSON values (any code point in strings), objects with tricky keys, big integers, pretty-printed. */
const standardJson: fc.Arbitrary<{ text: string; value: unknown }> = fc.oneof(
  fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }).map((v) => fromJson(JSON.stringify(v))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => fromJson(JSON.stringify(v, null, 2))),
  fc
    .array(
      fc.tuple(
        keyArb,
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }).map((v) => fromJson(JSON.stringify(v))),
          numberLiteral,
        ),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => {
      const value: Record<string, unknown> = {};
      for (const [k, v] of pairs) Object.defineProperty(value, k, { value: v.value, enumerable: true, writable: true, configurable: true });
      return { text: `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v.text}`).join(',')}}`, value };
    }),
  fc.array(numberLiteral, { maxLength: 6 }).map((ns) => ({ text: ` [ ${ns.map((n) => n.text).join(' ,\n')} ] `, value: ns.map((n) => n.value) })),
  // Lone surrogates and control characters come back from their \u escapes.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }).map((s) => fromJson(JSON.stringify(s))),
);
const standardJsonText = standardJson.map((j) => j.text);

describe('lenient JSON properties', () => {
  it(
    'on standard JSON it equals JSON.parse, integers beyond 2^53 exact as bigint, "__proto__" kept as a key',
    () => {
      fc.assert(
        fc.property(standardJson, ({ text, value }) => {
          expect(canon(parseLenientJson(text))).toBe(canon(value));
          // From bytes: the same, once the text has been through UTF-8 (lone surrogates are escaped by JSON.stringify).
          expect(canon(parseLenientJson(Buffer.from(text, 'utf8')))).toBe(canon(value));
        }),
        fuzzParams('lenient JSON: agrees with JSON.parse', 300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'NameServer forms: bare integer keys (64-bit exact), object keys in any field order, bare identifiers',
    () => {
      const mqKey = fc.record({
        topic: fc.string({ unit: 'binary', maxLength: 8 }),
        brokerName: fc.string({ maxLength: 8 }),
        queueId: fc.integer({ min: 0, max: 1023 }),
      });
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), { maxLength: 5, selector: (k) => String(k) }),
          fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 5, maxLength: 5 }),
          fc.uniqueArray(mqKey, { maxLength: 3, selector: (k) => JSON.stringify([k.brokerName, k.queueId, k.topic]) }),
          fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
          fc.uniqueArray(fc.stringMatching(/^[A-Za-z_$][\w$]{0,8}$/), { maxLength: 3 }),
          (intKeys, values, mqs, rotations, idents) => {
            // {0:"127.0.0.1:10911",1:…} as fastjson writes brokerAddrs
            const intText = `{${intKeys.map((k, i) => `${k}:${JSON.stringify(values[i])}`).join(',')}}`;
            const byInt = parseLenientJson(intText) as Record<string, LenientValue>;
            expect(Object.keys(byInt).sort()).toEqual(intKeys.map(String).sort());
            intKeys.forEach((k, i) => expect(canon(byInt[String(k)])).toBe(canon(normalize(JSON.parse(JSON.stringify(values[i]))))));

            // {{"brokerName":"b","queueId":0,"topic":"t"}:n} as fastjson writes offset tables, fields in any order
            const fieldsInOrder = (mq: (typeof mqs)[number], rot: number): string => {
              const entries = Object.entries(mq);
              const r = rot % entries.length;
              return `{${[...entries.slice(r), ...entries.slice(0, r)].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
            };
            const mqText = `{${mqs.map((mq, i) => `${fieldsInOrder(mq, rotations[i]!)}:${i}`).join(',')}}`;
            const byMq = parseLenientJson(mqText) as Record<string, LenientValue>;
            mqs.forEach((mq, i) => {
              const key = `{"brokerName":${JSON.stringify(mq.brokerName)},"queueId":${mq.queueId},"topic":${JSON.stringify(mq.topic)}}`;
              expect(byMq[key]).toBe(i);
            });
            expect(Object.keys(byMq)).toHaveLength(mqs.length);

            const identText = `{${idents.map((k, i) => `${k}:${i}`).join(',')}}`;
            const byIdent = parseLenientJson(identText) as Record<string, LenientValue>;
            expect(Object.keys(byIdent).sort()).toEqual([...idents].sort());
            idents.forEach((k, i) => expect(Object.getOwnPropertyDescriptor(byIdent, k)?.value).toBe(i));
          },
        ),
        fuzzParams('lenient JSON: NameServer forms', 150),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'random text, token soup and corrupted JSON give a value or exactly a ProtocolError',
    () => {
      const token = fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        '"a"',
        '"',
        '\\',
        '\\u12',
        '0',
        '-',
        '1e',
        '1.5',
        '99999999999999999999',
        'true',
        'nul',
        'null',
        ' ',
        'x',
        '{{',
        '[[',
        '\u0000',
        '😀',
      );
      const textArb = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.array(token, { maxLength: 40 }).map((ts) => ts.join('')),
        fc
          .tuple(standardJsonText, fc.nat(), fc.string({ maxLength: 3 }))
          .map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice((at % (t.length + 1)) + s.length)),
        fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b)),
      );
      fc.assert(
        fc.property(textArb, (text) => {
          parseOrTypedError(text);
        }),
        fuzzParams('lenient JSON: hostile text', 1000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('deep nesting is a ProtocolError, also through object keys (no stack overflow)', () => {
    for (const text of ['['.repeat(100_000), '{'.repeat(100_000), '{"a":'.repeat(100_000), `${'{'.repeat(300)}"k":1${'}:1'.repeat(299)}}`]) {
      const r = parseOrTypedError(text);
      expect(r).toBeInstanceOf(ProtocolError);
      expect((r as ProtocolError).message).toMatch(/nesting too deep/);
    }
    // 256 levels are fine, in values and in keys
    expect(parseLenientJson(`${'['.repeat(256)}${']'.repeat(256)}`)).toBeInstanceOf(Array);
  });
});
