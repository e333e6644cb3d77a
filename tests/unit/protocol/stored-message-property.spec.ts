/**
 * Properties of the stored-message decoder (MessageDecoder layout): any record the test encoder
 * writes — every fixed field over its whole range, IPv4/IPv6 hosts, V1/V2 magic, raw, zlib, LZ4
 * and ZSTD bodies, properties with non-ASCII text, a newer broker's trailing bytes, several records
 * back to back — decodes to exactly its fields; corrupt bytes give records that account for every
 * byte, or exactly a StoredMessageDecodeError (UnknownCompressionTypeError is one), nothing else.
 */
import { deflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import * as lz4js from 'lz4js';
import { describe, expect, it } from 'vitest';
import { decodeProperties } from '../../../core/protocol/message-properties.js';
import {
  decodeStoredMessage,
  decodeStoredMessages,
  MIN_RECORD_SIZE,
  StoredMessageDecodeError,
  UnknownCompressionTypeError,
  type StoredMessage,
} from '../../../core/protocol/stored-message.js';
import { encodeStored, type StoredRecord } from '../admin/support/stored-message-encoder.js';
import { fuzzParams, PROPERTY_TIMEOUT_MS } from '../support/fuzz.js';

type Zstd = { zstdCompressSync?: (b: Buffer) => Buffer; zstdDecompressSync?: unknown };
const zstd = zlib as unknown as Zstd;

const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const ip = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map((b) => [...b]);
const text = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
    maxLength,
  });

/** Property names without the separators; "__proto__" must survive like any other name. */
const propName = fc
  .oneof(
    text(10).filter((s) => s.length > 0),
    fc.constantFrom('KEYS', 'TAGS', 'UNIQ_KEY', '__proto__', 'constructor', 'toString'),
  )
  .map((s) => s.split('\u0001').join('_').split('\u0002').join('_'));
/** Values: non-empty, no property separator; the name/value separator may appear inside (Java 5 keeps it). */
const propValue = fc
  .oneof(text(20), fc.constantFrom(' a  b ', 'k1 k2', '\u0001x'))
  .map((s) => s.split('\u0002').join('_'))
  .filter((s) => s.length > 0);
const propsArb = fc.tuple(fc.array(fc.tuple(propName, propValue), { maxLength: 5 }), fc.boolean()).map(([pairs, trailingSep]) => {
  const seen = new Map<string, string>();
  for (const [k, v] of pairs) if (!seen.has(k)) seen.set(k, v);
  const s = [...seen].map(([k, v]) => `${k}\u0001${v}`).join('\u0002');
  return { map: seen, text: s + (trailingSep && s ? '\u0002' : '') };
});

type Compression = 'none' | 'zlib-legacy' | 'zlib' | 'lz4' | 'zstd';
const bodyArb = fc
  .tuple(
    fc.constantFrom<Compression>('none', 'zlib-legacy', 'zlib', 'lz4', 'zstd'),
    fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ maxLength: 80 }).map((s) => new TextEncoder().encode(s.repeat(3))),
    ),
  )
  .map(([c, raw]) => {
    const data = Buffer.from(raw);
    switch (c) {
      case 'none':
        return { c, data, stored: data, flag: 0, expectBody: data, decompressed: true };
      case 'zlib-legacy':
        return { c, data, stored: deflateSync(data), flag: 0x1, expectBody: data, decompressed: true };
      case 'zlib':
        return { c, data, stored: deflateSync(data), flag: 0x301, expectBody: data, decompressed: true };
      case 'lz4':
        return { c, data, stored: Buffer.from(lz4js.compress(data)), flag: 0x101, expectBody: data, decompressed: true };
      case 'zstd':
        // Without zstd in this runtime the decoder hands the stored bytes on, flagged not decompressed.
        if (zstd.zstdCompressSync && zstd.zstdDecompressSync)
          return { c, data, stored: zstd.zstdCompressSync(data), flag: 0x201, expectBody: data, decompressed: true };
        return { c, data, stored: data, flag: 0x201, expectBody: data, decompressed: data.length === 0 };
    }
  });

const recordArb = fc
  .record({
    queueId: int32,
    flag: int32,
    queueOffset: int64,
    commitLogOffset: int64,
    otherSysFlag: int32.map((f) => f & ~(0x1 | 0x10 | 0x20 | 0x700)),
    bornTimestamp: fc.maxSafeInteger(),
    bornIp: ip,
    bornPort: int32,
    storeTimestamp: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    storeIp: ip,
    storePort: int32,
    reconsumeTimes: int32,
    preparedTransactionOffset: int64,
    bodyCRC: int32,
    body: bodyArb,
    topic: fc.oneof(text(40), fc.string({ unit: 'binary', minLength: 40, maxLength: 90 })),
    props: propsArb,
    v2: fc.boolean(),
    trailer: fc.option(
      fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => Buffer.from(b)),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const rec: StoredRecord = {
      ...r,
      sysFlag: r.otherSysFlag | r.body.flag,
      body: r.body.stored,
      properties: r.props.text,
      // The V1 layout has a 1-byte topic length: longer topics need V2, as 5.x brokers write them.
      v2: r.v2 || Buffer.byteLength(r.topic, 'utf8') > 127,
    };
    return { r, rec, bytes: encodeStored(rec) };
  });

function hostString(ipBytes: number[], port: number): string {
  if (ipBytes.length === 4) return `${ipBytes.join('.')}:${port}`;
  const b = Buffer.from(ipBytes);
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return `[${groups.join(':')}]:${port}`;
}

/** Own-key view, so a "__proto__" property name that vanished into a prototype is caught. */
const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
/** Own-key view (sorted: integer-like names come first in an object), so a "__proto__" name that vanished into a prototype is caught. */
const ownEntries = (o: Record<string, string>) =>
  Object.keys(o)
    .map((k): [string, unknown] => [k, Object.getOwnPropertyDescriptor(o, k)?.value])
    .sort(byName);

function expectDecoded(m: StoredMessage, x: typeof recordArb extends fc.Arbitrary<infer T> ? T : never, size: number): void {
  const { r, rec } = x;
  const sysFlag = rec.sysFlag! | (r.bornIp.length === 16 ? 0x10 : 0) | (r.storeIp.length === 16 ? 0x20 : 0);
  const idBuf = Buffer.alloc(r.storeIp.length + 12);
  Buffer.from(r.storeIp).copy(idBuf);
  idBuf.writeInt32BE(r.storePort, r.storeIp.length);
  idBuf.writeBigInt64BE(r.commitLogOffset, r.storeIp.length + 4);
  const offsetMsgId = idBuf.toString('hex').toUpperCase();
  const props = r.props.map;
  expect({
    storeSize: m.storeSize,
    magicCode: m.magicCode,
    bodyCRC: m.bodyCRC,
    queueId: m.queueId,
    flag: m.flag,
    queueOffset: m.queueOffset,
    commitLogOffset: m.commitLogOffset,
    sysFlag: m.sysFlag,
    bornTimestamp: m.bornTimestamp,
    bornHost: m.bornHost,
    storeTimestamp: m.storeTimestamp,
    storeHost: m.storeHost,
    reconsumeTimes: m.reconsumeTimes,
    preparedTransactionOffset: m.preparedTransactionOffset,
    body: m.body.toString('hex'),
    compression: m.compression,
    bodyDecompressed: m.bodyDecompressed,
    topic: m.topic,
    properties: ownEntries(m.properties),
    offsetMsgId: m.offsetMsgId,
    msgId: m.msgId,
    tags: m.tags,
    keys: m.keys,
    transactionType: m.transactionType,
  }).toEqual({
    storeSize: size,
    magicCode: rec.v2 ? -626843477 : -626843481,
    bodyCRC: r.bodyCRC,
    queueId: r.queueId,
    flag: r.flag,
    queueOffset: r.queueOffset,
    commitLogOffset: r.commitLogOffset,
    sysFlag,
    bornTimestamp: r.bornTimestamp,
    bornHost: hostString(r.bornIp, r.bornPort),
    storeTimestamp: r.storeTimestamp,
    storeHost: hostString(r.storeIp, r.storePort),
    reconsumeTimes: r.reconsumeTimes,
    preparedTransactionOffset: r.preparedTransactionOffset,
    body: (r.body.decompressed ? r.body.expectBody : r.body.stored).toString('hex'),
    compression: { none: undefined, 'zlib-legacy': 'ZLIB', zlib: 'ZLIB', lz4: 'LZ4', zstd: 'ZSTD' }[r.body.c],
    bodyDecompressed: r.body.decompressed,
    topic: r.topic,
    properties: [...props].sort(byName),
    offsetMsgId,
    msgId: props.get('UNIQ_KEY') ?? offsetMsgId,
    tags: props.get('TAGS'),
    keys: (props.get('KEYS') ?? '').split(' ').filter((k) => k.length > 0),
    transactionType: (['NOT_TYPE', 'PREPARED', 'COMMIT', 'ROLLBACK'] as const)[(sysFlag & 0xc) >> 2],
  });
}

describe('stored-message decoder properties', () => {
  it(
    'decodes every field of records written by the test encoder, one or several back to back',
    () => {
      fc.assert(
        fc.property(fc.array(recordArb, { minLength: 1, maxLength: 3 }), (records) => {
          const all = Buffer.concat(records.map((x) => x.bytes));
          const out = decodeStoredMessages(all);
          expect(out).toHaveLength(records.length);
          out.forEach((m, i) => expectDecoded(m, records[i]!, records[i]!.bytes.length));
          // Decoding one record at an offset agrees, and `next` is the following record.
          const first = decodeStoredMessage(all, 0);
          expect(first.next).toBe(records[0]!.bytes.length);
        }),
        fuzzParams('stored message: encode → decode', 150),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('property strings keep every name, "__proto__" included, as own keys', () => {
    const p = decodeProperties('__proto__\u0001x\u0002KEYS\u0001a b');
    expect(Object.keys(p)).toEqual(['__proto__', 'KEYS']);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).toBe('x');
  });

  it(
    'random bytes and corrupted records give records that account for every byte, or exactly a StoredMessageDecodeError',
    () => {
      const bytesArb = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        fc
          .tuple(
            fc.array(recordArb, { minLength: 1, maxLength: 2 }),
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
            fc.nat(),
          )
          .map(([rs, edits, cut]) => {
            const b = Buffer.concat(rs.map((x) => x.bytes));
            for (const [at, v] of edits) b[at % b.length] = v;
            return cut % 3 === 0 ? b.subarray(0, cut % b.length) : b;
          }),
      );
      fc.assert(
        fc.property(bytesArb, (bytes) => {
          let out: StoredMessage[];
          try {
            out = decodeStoredMessages(bytes, { maxBodyBytes: 1 << 16 });
          } catch (e) {
            expect(e).toBeInstanceOf(StoredMessageDecodeError);
            expect(['StoredMessageDecodeError', 'UnknownCompressionTypeError']).toContain((e as Error).name);
            if (e instanceof UnknownCompressionTypeError) expect(e.compressionTypeValue).toBeGreaterThanOrEqual(4);
            return;
          }
          expect(out.reduce((n, m) => n + m.storeSize, 0)).toBe(bytes.length);
          for (const m of out) {
            expect(m.storeSize).toBeGreaterThanOrEqual(MIN_RECORD_SIZE);
            expect(m.body.length).toBeLessThanOrEqual(1 << 16);
          }
        }),
        fuzzParams('stored message: hostile bytes', 500),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
