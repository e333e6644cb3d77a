/**
 * Properties of both header codecs: arbitrary codes, flags, remarks and ext fields (non-ASCII,
 * control characters, lone surrogates in JSON, keys such as "__proto__") survive a round trip,
 * byte for byte; random bytes decode to a header or throw exactly a ProtocolError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../core/errors.js';
import type { RemotingCommand } from '../../../core/remoting/command.js';
import { decodeJsonHeader, decodeRocketMQHeader, encodeJsonHeader, encodeRocketMQHeader } from '../../../core/remoting/header-codec.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';
import { canonicalCommandArb, plain } from '../support/remoting-arbitraries.js';

const noBody = (c: RemotingCommand): RemotingCommand => ({ ...c, body: undefined });

/** Decodes or returns the error, which must be exactly a ProtocolError. */
function decodeOrTypedError(decode: (b: Buffer) => RemotingCommand, bytes: Buffer): RemotingCommand | ProtocolError {
  try {
    return decode(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as Error).name).toBe('ProtocolError');
    return e as ProtocolError;
  }
}

describe('header codec properties', () => {
  it(
    'ROCKETMQ binary: decode(encode(cmd)) is cmd and re-encoding gives the same bytes (any headroom)',
    () => {
      fc.assert(
        fc.property(canonicalCommandArb('ROCKETMQ'), fc.nat({ max: 16 }), (cmd, headroom) => {
          const bytes = encodeRocketMQHeader(cmd);
          const back = decodeRocketMQHeader(bytes);
          expect(plain(back)).toEqual(plain(noBody(cmd)));
          expect(encodeRocketMQHeader(back).equals(bytes)).toBe(true);
          expect(encodeRocketMQHeader(cmd, headroom).subarray(headroom).equals(bytes)).toBe(true);
          // The remark length word counts UTF-8 bytes, not UTF-16 units.
          expect(bytes.readInt32BE(13)).toBe(Buffer.byteLength(cmd.remark ?? '', 'utf8'));
        }),
        fuzzParams('header codec: ROCKETMQ round trip', 200),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'JSON: decode(encode(cmd)) is cmd (lone surrogates and "__proto__" keys included) and the text is valid JSON',
    () => {
      fc.assert(
        fc.property(canonicalCommandArb('JSON'), (cmd) => {
          const bytes = encodeJsonHeader(cmd);
          const back = decodeJsonHeader(bytes);
          expect(plain(back)).toEqual(plain(noBody(cmd)));
          expect(encodeJsonHeader(back).equals(bytes)).toBe(true);
          // What a Java peer's fastjson reads: standard JSON with the same values.
          const std = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
          expect(std['code']).toBe(cmd.code);
          expect(std['remark']).toBe(cmd.remark);
        }),
        fuzzParams('header codec: JSON round trip', 200),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'ROCKETMQ binary: random bytes and corrupted headers decode to a stable header or throw exactly a ProtocolError',
    () => {
      const bytesArb = fc.oneof(
        fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b)),
        fc.tuple(canonicalCommandArb('ROCKETMQ'), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat()).map(([cmd, at, v, cut]) => {
          const b = Buffer.from(encodeRocketMQHeader(cmd));
          if (b.length > 0) b[at % b.length] = v;
          return b.subarray(0, b.length - (cut % 3 === 0 ? cut % Math.max(1, b.length) : 0));
        }),
      );
      fc.assert(
        fc.property(bytesArb, (bytes) => {
          const r = decodeOrTypedError(decodeRocketMQHeader, bytes);
          if (r instanceof ProtocolError) return;
          // A decoded header re-encodes to one that decodes to itself, with the fixed part intact.
          const again = encodeRocketMQHeader(r);
          expect(plain(decodeRocketMQHeader(again))).toEqual(plain(r));
          expect(again.subarray(0, 2).equals(bytes.subarray(0, 2))).toBe(true);
          expect(again.subarray(3, 13).equals(bytes.subarray(3, 13))).toBe(true);
        }),
        fuzzParams('header codec: ROCKETMQ hostile bytes', 500),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'JSON: random bytes, random JSON and corrupted headers decode to a stable header or throw exactly a ProtocolError',
    () => {
      const bytesArb = fc.oneof(
        fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b)),
        fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
        // Header-shaped objects with values of the wrong types.
        fc
          .record(
            {
              code: fc.jsonValue({ maxDepth: 1 }),
              language: fc.jsonValue({ maxDepth: 1 }),
              version: fc.jsonValue({ maxDepth: 1 }),
              opaque: fc.jsonValue({ maxDepth: 1 }),
              flag: fc.jsonValue({ maxDepth: 1 }),
              remark: fc.jsonValue({ maxDepth: 1 }),
              extFields: fc.jsonValue({ maxDepth: 2 }),
            },
            { requiredKeys: [] },
          )
          .map((o) => Buffer.from(JSON.stringify(o))),
        fc.tuple(canonicalCommandArb('JSON'), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([cmd, at, v]) => {
          const b = Buffer.from(encodeJsonHeader(cmd));
          b[at % b.length] = v;
          return b;
        }),
      );
      fc.assert(
        fc.property(bytesArb, (bytes) => {
          const r = decodeOrTypedError(decodeJsonHeader, bytes);
          if (r instanceof ProtocolError) return;
          expect(Number.isInteger(r.code) && Number.isInteger(r.opaque) && Number.isInteger(r.flag) && Number.isInteger(r.version)).toBe(true);
          expect(typeof r.language).toBe('string');
          for (const v of Object.values(r.extFields ?? {})) expect(typeof v).toBe('string');
          // Whatever a peer sent, our re-encoding is valid JSON that decodes to the same header.
          expect(plain(decodeJsonHeader(encodeJsonHeader(r)))).toEqual(plain(r));
        }),
        fuzzParams('header codec: JSON hostile bytes', 500),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
