/**
 * Properties of the LZ4 frame reader against a reference implementation (lz4js): whatever the
 * reference compresses — whole frames, or blocks we assemble into frames with every descriptor
 * option, linked or independent blocks, stored blocks, skippable and concatenated frames — reads
 * back to the original bytes; corrupt input gives bytes within the cap or exactly a ProtocolError.
 */
import fc from 'fast-check';
import * as lz4js from 'lz4js';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../core/errors.js';
import { decompressLz4Frame } from '../../../core/protocol/lz4-frame.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';

/** Compressible data: runs, repeats of earlier slices (back references, overlapping ones too) and noise. */
const dataArb: fc.Arbitrary<Buffer> = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((b) => ({ kind: 'raw' as const, b })),
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 300 })).map(([v, n]) => ({ kind: 'run' as const, v, n })),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 200 })).map(([back, n]) => ({ kind: 'repeat' as const, back, n })),
    ),
    { maxLength: 30 },
  )
  .map((parts) => {
    const out: number[] = [];
    for (const p of parts) {
      if (p.kind === 'raw') out.push(...p.b);
      else if (p.kind === 'run') for (let i = 0; i < p.n; i++) out.push(p.v);
      else if (out.length > 0) {
        const from = out.length - 1 - (p.back % out.length);
        for (let i = 0; i < p.n; i++) out.push(out[from + i]!); // may overlap what it appends
      }
    }
    return Buffer.from(out);
  });

interface FrameOptions {
  bdCode: number;
  contentSize: boolean;
  dictId: boolean;
  blockChecksum: boolean;
  contentChecksum: boolean;
  linked: boolean;
  storeSome: boolean;
  cuts: number[];
}

const frameOptionsArb: fc.Arbitrary<FrameOptions> = fc.record({
  bdCode: fc.integer({ min: 4, max: 7 }),
  contentSize: fc.boolean(),
  dictId: fc.boolean(),
  blockChecksum: fc.boolean(),
  contentChecksum: fc.boolean(),
  linked: fc.boolean(),
  storeSome: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
});

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * One frame built from lz4js blocks. Checksums are written as junk (the reader skips them, as it
 * documents); with `linked`, one hash table spans the blocks so matches reach into earlier blocks.
 */
function assembleFrame(data: Buffer, o: FrameOptions): Buffer {
  const flg = 0x40 | (o.linked ? 0 : 0x20) | (o.blockChecksum ? 0x10 : 0) | (o.contentSize ? 0x08 : 0) | (o.contentChecksum ? 0x04 : 0) | (o.dictId ? 0x01 : 0);
  const parts: Buffer[] = [u32le(0x184d2204), Buffer.from([flg, o.bdCode << 4])];
  if (o.contentSize) {
    const cs = Buffer.alloc(8);
    cs.writeBigUInt64LE(BigInt(data.length));
    parts.push(cs);
  }
  if (o.dictId) parts.push(u32le(0));
  parts.push(Buffer.from([0xa5])); // header checksum (not verified)
  const points = [...new Set([0, ...o.cuts.map((c) => c % (data.length + 1)), data.length])].sort((a, b) => a - b);
  let table = new Uint32Array(1 << 16);
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const len = points[i + 1]! - start;
    if (len === 0) continue;
    if (!o.linked) table = new Uint32Array(1 << 16);
    const dst = new Uint8Array(lz4js.compressBound(len) + 16);
    const n = o.storeSome && i % 2 === 1 ? 0 : lz4js.compressBlock(data, dst, start, len, table);
    if (n === 0 || n >= len) parts.push(u32le(0x80000000 | len), data.subarray(start, start + len));
    else parts.push(u32le(n), Buffer.from(dst.subarray(0, n)));
    if (o.blockChecksum) parts.push(u32le(0xdeadbeef));
  }
  parts.push(u32le(0));
  if (o.contentChecksum) parts.push(u32le(0xfeedface));
  return Buffer.concat(parts);
}

/** Reads or returns the error, which must be exactly a ProtocolError. */
function readOrTypedError(bytes: Buffer, max: number): Buffer | ProtocolError {
  try {
    return decompressLz4Frame(bytes, max);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as Error).name).toBe('ProtocolError');
    return e as ProtocolError;
  }
}

describe('LZ4 frame reader properties', () => {
  it(
    'reads back what the reference compresses (lz4js whole frames)',
    () => {
      fc.assert(
        fc.property(dataArb, (data) => {
          const frame = Buffer.from(lz4js.compress(data));
          expect(decompressLz4Frame(frame, data.length + 1).equals(data)).toBe(true);
        }),
        fuzzParams('lz4: lz4js frames round trip', 300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'reads back frames assembled from reference blocks with every descriptor option, stored blocks, skippable and concatenated frames',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(dataArb, frameOptionsArb, fc.option(fc.uint8Array({ maxLength: 12 }), { nil: undefined })), { minLength: 1, maxLength: 3 }),
          (frames) => {
            const parts: Buffer[] = [];
            for (const [data, opts, skippable] of frames) {
              if (skippable) parts.push(u32le(0x184d2a50 + (skippable.length % 16)), u32le(skippable.length), Buffer.from(skippable));
              parts.push(assembleFrame(data, opts));
            }
            const expected = Buffer.concat(frames.map(([d]) => d));
            expect(decompressLz4Frame(Buffer.concat(parts), expected.length + 1).equals(expected)).toBe(true);
            // The cap holds exactly: one byte less than the content is refused.
            if (expected.length > 0) expect(readOrTypedError(Buffer.concat(parts), expected.length - 1)).toBeInstanceOf(ProtocolError);
          },
        ),
        fuzzParams('lz4: assembled frames round trip', 300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'random bytes, truncations and corrupted frames give output within the cap or exactly a ProtocolError',
    () => {
      const CAP = 4096;
      const bytesArb = fc.oneof(
        fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
        fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.concat([Buffer.from('04224D186070', 'hex'), Buffer.from(b)])),
        fc
          .tuple(dataArb, frameOptionsArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat())
          .map(([data, opts, edits, cut]) => {
            const b = Buffer.from(assembleFrame(data, opts));
            for (const [at, v] of edits) b[at % b.length] = v;
            return cut % 4 === 0 ? b.subarray(0, cut % b.length) : b;
          }),
      );
      fc.assert(
        fc.property(bytesArb, (bytes) => {
          const r = readOrTypedError(bytes, CAP);
          if (!(r instanceof ProtocolError)) expect(r.length).toBeLessThanOrEqual(CAP);
        }),
        fuzzParams('lz4: hostile bytes', 1000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
