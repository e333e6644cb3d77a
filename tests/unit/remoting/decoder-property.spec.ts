/**
 * Properties of the frame decoder, checked against a reference framer that reads the whole input
 * at once (no chunking, no buffering state). Seeds and case counts come from FUZZ_SEED/FUZZ_RUNS
 * and are printed (see tests/unit/support/fuzz.ts); `npm run fuzz` runs 100 000 cases each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionClosedError, ProtocolError } from '../../../core/errors.js';
import { createRequest, FLAG_RESPONSE, type RemotingCommand } from '../../../core/remoting/command.js';
import { Connection } from '../../../core/remoting/connection.js';
import { encodeFrame, FrameDecoder, MAX_FRAME_LENGTH } from '../../../core/remoting/frame.js';
import { decodeJsonHeader, decodeRocketMQHeader } from '../../../core/remoting/header-codec.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';
import { ManualClock } from '../support/manual-clock.js';
import { anyCanonicalCommandArb, plain } from '../support/remoting-arbitraries.js';
import { scriptedSocketFactory } from '../support/scripted-socket.js';

/** A small limit in the decoder properties, so corrupted lengths land on both sides of it. */
const SMALL_MAX = 2048;

const validFrameArb = anyCanonicalCommandArb.map((cmd) => ({ cmd, bytes: encodeFrame(cmd, cmd.serializeType) }));

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

interface RefFrame {
  raw: Buffer;
  type: 'JSON' | 'ROCKETMQ';
  header: Buffer;
  body: Buffer;
  /** The header as the codec reads it (the reference trusts the codecs, not the framing). */
  cmd: RemotingCommand;
}

/**
 * The reference: walk the whole input once. Frame = int32 length | int32 word | header | body,
 * with the word's top byte the serialize type and its low 24 bits the header length.
 */
function referenceFrames(bytes: Buffer, max: number): { frames: RefFrame[]; error: boolean; pending: number } {
  const frames: RefFrame[] = [];
  let off = 0;
  while (bytes.length - off >= 4) {
    const length = bytes.readUInt32BE(off);
    if (length < 4 || length + 4 > max) return { frames, error: true, pending: 0 };
    if (bytes.length - off - 4 < length) break;
    const word = bytes.readUInt32BE(off + 4);
    const typeByte = Math.floor(word / 0x1000000);
    const headerLen = word % 0x1000000;
    if (typeByte > 1 || headerLen > length - 4) return { frames, error: true, pending: 0 };
    const header = bytes.subarray(off + 8, off + 8 + headerLen);
    let cmd: RemotingCommand;
    try {
      cmd = typeByte === 0 ? decodeJsonHeader(header) : decodeRocketMQHeader(header);
    } catch (e) {
      expect(e).toBeInstanceOf(ProtocolError);
      return { frames, error: true, pending: 0 };
    }
    frames.push({
      raw: bytes.subarray(off, off + 4 + length),
      type: typeByte === 0 ? 'JSON' : 'ROCKETMQ',
      header,
      body: bytes.subarray(off + 8 + headerLen, off + 4 + length),
      cmd,
    });
    off += 4 + length;
  }
  return { frames, error: false, pending: bytes.length - off };
}

/**
 * Inputs: valid streams, random bytes, truncations, single-byte corruptions, frames with random
 * header bytes behind a correct length word (so the header decoders see garbage), and header
 * words with every serialize type byte.
 */
const hostileBytesArb: fc.Arbitrary<{ bytes: Buffer; canonical: boolean }> = fc.oneof(
  fc.array(validFrameArb, { minLength: 1, maxLength: 4 }).map((fs) => ({ bytes: Buffer.concat(fs.map((f) => f.bytes)), canonical: true })),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ bytes: Buffer.from(b), canonical: false })),
  validFrameArb.chain((f) => fc.nat({ max: f.bytes.length }).map((n) => ({ bytes: f.bytes.subarray(0, n), canonical: false }))),
  fc.tuple(validFrameArb, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.array(validFrameArb, { maxLength: 2 })).map(([f, i, v, more]) => {
    const b = Buffer.concat([f.bytes, ...more.map((m) => m.bytes)]);
    b[i % b.length] = v;
    return { bytes: b, canonical: false };
  }),
  fc
    .tuple(fc.constantFrom(0, 1, 2, 0x80, 0xff), fc.uint8Array({ maxLength: 120 }), fc.uint8Array({ maxLength: 40 }), fc.integer({ min: -3, max: 3 }))
    .map(([type, header, body, skew]) => {
      const b = Buffer.alloc(8 + header.length + body.length);
      b.writeUInt32BE(4 + header.length + body.length, 0);
      b.writeUInt32BE(type * 0x1000000 + Math.max(0, header.length + skew), 4);
      Buffer.from(header).copy(b, 8);
      Buffer.from(body).copy(b, 8 + header.length);
      return { bytes: b, canonical: false };
    }),
);

describe('frame decoder properties', () => {
  it(
    'any split of valid frames (JSON and ROCKETMQ headers) decodes to frames whose re-encoding is the input, byte for byte',
    () => {
      fc.assert(
        fc.property(fc.array(validFrameArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 }), (frames, cuts) => {
          const stream = Buffer.concat(frames.map((f) => f.bytes));
          const d = new FrameDecoder();
          const out = splitAt(stream, cuts).flatMap((chunk) => d.push(chunk));
          expect(out.map(plain)).toEqual(frames.map((f) => plain(f.cmd)));
          expect(Buffer.concat(out.map((c) => encodeFrame(c, c.serializeType))).equals(stream)).toBe(true);
          expect(d.pendingBytes).toBe(0);
        }),
        fuzzParams('frame decoder: split valid frames', 150),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "random and corrupted bytes give the reference framer's frames (re-encoding stable, body and type exact) or a ProtocolError exactly when the reference finds a bad frame",
    () => {
      fc.assert(
        fc.property(hostileBytesArb, fc.array(fc.nat(), { maxLength: 6 }), ({ bytes, canonical }, cuts) => {
          const ref = referenceFrames(bytes, SMALL_MAX);
          const d = new FrameDecoder(SMALL_MAX);
          const out: RemotingCommand[] = [];
          let error: unknown;
          for (const chunk of splitAt(bytes, cuts)) {
            try {
              out.push(...d.push(chunk));
            } catch (e) {
              error = e;
              break;
            }
          }
          if (error !== undefined) {
            // Exactly the typed error, and only when the input really has a bad frame.
            expect(error).toBeInstanceOf(ProtocolError);
            expect((error as ProtocolError).name).toBe('ProtocolError');
            expect(ref.error).toBe(true);
            // The decoder stays failed: the stream has lost framing.
            expect(() => d.push(Buffer.alloc(0))).toThrow(ProtocolError);
            expect(d.pendingBytes).toBe(0);
            return;
          }
          expect(ref.error).toBe(false);
          expect(out.length).toBe(ref.frames.length);
          expect(d.pendingBytes).toBe(ref.pending);
          out.forEach((cmd, i) => {
            const r = ref.frames[i]!;
            expect(cmd.serializeType).toBe(r.type);
            expect((cmd.body ?? Buffer.alloc(0)).equals(r.body)).toBe(true);
            expect(plain({ ...cmd, body: undefined })).toEqual(plain({ ...r.cmd, body: undefined }));
            // Re-encoding is stable: what we would send for this frame decodes to the same frame…
            const again = encodeFrame(cmd, cmd.serializeType);
            const [back] = new FrameDecoder(SMALL_MAX * 4).push(again);
            expect(plain(back!)).toEqual(plain(cmd));
            // …the framing (length word, header word's type byte, body) is the input's…
            expect(again.length - (again.readUInt32BE(4) % 0x1000000)).toBe(r.raw.length - r.header.length);
            expect(again[4]).toBe(r.raw[4]);
            if (r.type === 'ROCKETMQ') {
              // …the binary fixed part (code, version, opaque, flag) is carried bit for bit…
              expect(again.subarray(8, 10).equals(r.header.subarray(0, 2))).toBe(true);
              expect(again.subarray(11, 21).equals(r.header.subarray(3, 13))).toBe(true);
            }
            // …and frames our encoder wrote come back byte for byte.
            if (canonical) expect(again.equals(r.raw)).toBe(true);
          });
        }),
        fuzzParams('frame decoder: hostile bytes vs reference framer', 500),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a connection fed hostile bytes closes with a ProtocolError cause exactly when the reference finds a bad frame, and settles its pending request',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytesArb, fc.array(fc.nat(), { maxLength: 4 }), async ({ bytes }, cuts) => {
          const ref = referenceFrames(bytes, MAX_FRAME_LENGTH);
          const { socket, factory } = scriptedSocketFactory();
          const serverRequests: RemotingCommand[] = [];
          const closes: unknown[] = [];
          const conn = await Connection.connect('10.0.0.1:10911', {
            clock: new ManualClock(),
            serializeType: 'JSON',
            connectTimeoutMs: 1000,
            maxInflight: 16,
            sweepIntervalMs: 1000,
            socketFactory: factory,
            onServerRequest: (cmd) => serverRequests.push(cmd),
            onClose: (_c, err) => closes.push(err),
          });
          const req = createRequest(10, { topic: 'T' });
          let settled: { ok: true; value: RemotingCommand } | { ok: false; error: unknown } | undefined;
          conn.request(req, 60_000).then(
            (value) => (settled = { ok: true, value }),
            (error: unknown) => (settled = { ok: false, error }),
          );
          const opaque = req.opaque; // allocated synchronously by request()
          for (const chunk of splitAt(bytes, cuts)) socket.receive(chunk);
          await new Promise<void>((r) => setImmediate(r));

          const responseFrame = ref.frames.find((f) => (f.cmd.flag & FLAG_RESPONSE) !== 0 && f.cmd.opaque === opaque);
          if (ref.error) {
            expect(conn.isOpen).toBe(false);
            expect(socket.destroyed).toBe(true);
            expect(closes).toHaveLength(1);
            expect(closes[0]).toBeInstanceOf(ConnectionClosedError);
            expect((closes[0] as ConnectionClosedError).cause).toBeInstanceOf(ProtocolError);
            expect(settled).toBeDefined();
            if (!settled!.ok) expect(settled!.error).toBe(closes[0]);
            // A resolution is only possible from a response that arrived before the bad frame.
            else expect(responseFrame).toBeDefined();
          } else {
            expect(conn.isOpen).toBe(true);
            expect(socket.destroyed).toBe(false);
            expect(closes).toHaveLength(0);
            // Every complete frame was dispatched: requests to the handler, our response to the caller.
            expect(serverRequests.map(plain)).toEqual(
              ref.frames.filter((f) => (f.cmd.flag & FLAG_RESPONSE) === 0).map((f) => plain({ ...f.cmd, body: f.body.length ? f.body : undefined })),
            );
            if (responseFrame) {
              expect(settled).toMatchObject({ ok: true });
              expect(plain((settled as { value: RemotingCommand }).value)).toEqual(
                plain({ ...responseFrame.cmd, body: responseFrame.body.length ? responseFrame.body : undefined }),
              );
            } else {
              expect(settled).toBeUndefined();
              conn.close('test done');
              await new Promise<void>((r) => setImmediate(r));
              expect(settled).toMatchObject({ ok: false });
              expect((settled as { error: unknown }).error).toBeInstanceOf(ConnectionClosedError);
            }
          }
        }),
        fuzzParams('connection: hostile bytes close the connection', 150),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
