import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MQClientError, ProtocolError } from '../../../core/errors.js';
import { createRequest } from '../../../core/remoting/command.js';
import { encodeFrame, FrameDecoder } from '../../../core/remoting/frame.js';

const frameArb = fc
  .record({
    code: fc.integer({ min: -32768, max: 32767 }),
    opaque: fc.integer(),
    ext: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 20 }), { maxKeys: 5 }),
    body: fc.uint8Array({ maxLength: 300 }),
    binary: fc.boolean(),
  })
  .map((r) => {
    const c = createRequest(r.code, r.ext, r.body.length ? Buffer.from(r.body) : undefined);
    c.opaque = r.opaque;
    return { cmd: c, bytes: encodeFrame(c, r.binary ? 'ROCKETMQ' : 'JSON') };
  });

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

describe('frame decoder properties', () => {
  it('any split of valid frames yields exactly those frames', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 }), (frames, cuts) => {
        const stream = Buffer.concat(frames.map((f) => f.bytes));
        const d = new FrameDecoder();
        const out = splitAt(stream, cuts).flatMap((chunk) => d.push(chunk));
        expect(out.map((c) => c.opaque)).toEqual(frames.map((f) => f.cmd.opaque));
        expect(out.map((c) => c.code)).toEqual(frames.map((f) => f.cmd.code));
        expect(out.map((c) => c.body?.toString('hex') ?? '')).toEqual(frames.map((f) => f.cmd.body?.toString('hex') ?? ''));
        expect(d.pendingBytes).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes, truncations and corrupted lengths give frames or a ProtocolError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          frameArb.chain((f) => fc.nat({ max: f.bytes.length }).map((n) => f.bytes.subarray(0, n))),
          frameArb.chain((f) =>
            fc.tuple(fc.nat({ max: Math.max(0, f.bytes.length - 1) }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
              const b = Buffer.from(f.bytes);
              b[i] = v;
              return b;
            }),
          ),
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        (bytes, cuts) => {
          const d = new FrameDecoder();
          try {
            for (const chunk of splitAt(bytes, cuts)) d.push(chunk);
          } catch (e) {
            expect(e).toBeInstanceOf(ProtocolError);
            expect(e).toBeInstanceOf(MQClientError);
          }
          // bounded: never holds more than it was given
          expect(d.pendingBytes).toBeLessThanOrEqual(bytes.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
