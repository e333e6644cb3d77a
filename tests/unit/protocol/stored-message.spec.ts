import { deflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStoredMessage, decodeStoredMessages, MIN_RECORD_SIZE, StoredMessageDecodeError } from '../../../core/protocol/stored-message.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';

// Captured from RocketMQ 5.5.0 (VIEW_MESSAGE_BY_ID, broker-b): a 5000-byte body the producer
// zlib-compressed (sysFlag 0x301), TAGS=TA, KEYS="k1 k2". mqadmin queryMsgById printed for it:
// Queue ID 1, Queue Offset 0, CommitLog Offset 545, Born 00:08:54,372 from 127.0.0.1:43424,
// Store 00:08:54,533 at 127.0.0.1:10921, System Flag 768 (Java clears bit 0 after inflating).
const REAL_5_5_0 = Buffer.from(
  '00000112DAA320A73E1D1D8F00000001000000000000000000000000000000000000022100000301000001A200959B64' +
    '7F0000010000A9A0000001A200959C057F00000100002AA90000000000000000000000000000001C785EEDC131010000' +
    '00C2A0DA8B6F0A3FA00000000080B70114162848164578706C6F7265545F3137393533303631333432383500854D5347' +
    '5F524547494F4E0144656661756C74526567696F6E02554E49515F4B4559014330303030323032314432324645373646' +
    '44444136433244423330463331364502434C55535445520144656661756C74436C75737465720254414753015441024B' +
    '455953016B31206B32025741495401747275650254524143455F4F4E017472756502',
  'hex',
);

const LZ4_TEXT = 'RocketMQ LZ4 body: hello hello hello hello hello, world world world! 0123456789 0123456789';
const LZ4_FRAME = Buffer.from(
  '04224D1860707340000000FF09526F636B65744D51204C5A3420626F64793A2068656C6C6F060005782C20776F726C640600F008212030313233343536373839203031323334353637383900000000',
  'hex',
);

describe('stored message decoding', () => {
  it('decodes a real 5.5.0 record: zlib body inflated, multi-key KEYS, hosts, offsets, ids', () => {
    const { message: m, next } = decodeStoredMessage(REAL_5_5_0);
    expect(next).toBe(274);
    expect(m.storeSize).toBe(274);
    expect(m.queueId).toBe(1);
    expect(m.queueOffset).toBe(0n);
    expect(m.commitLogOffset).toBe(545n);
    expect(m.sysFlag).toBe(0x301);
    expect(m.sysFlag & ~1).toBe(768);
    expect(m.compression).toBe('ZLIB');
    expect(m.bodyDecompressed).toBe(true);
    expect(m.body.equals(Buffer.alloc(5000, 'x'))).toBe(true);
    expect(m.bornHost).toBe('127.0.0.1:43424');
    expect(m.storeHost).toBe('127.0.0.1:10921');
    expect(m.bornTimestamp).toBe(1795306134372);
    expect(m.storeTimestamp).toBe(1795306134533);
    expect(m.topic).toBe('ExploreT_1795306134285');
    expect(m.tags).toBe('TA');
    expect(m.keys).toEqual(['k1', 'k2']);
    expect(m.properties).toEqual({
      MSG_REGION: 'DefaultRegion',
      UNIQ_KEY: 'C00002021D22FE76FDDA6C2DB30F316E',
      CLUSTER: 'DefaultCluster',
      TAGS: 'TA',
      KEYS: 'k1 k2',
      WAIT: 'true',
      TRACE_ON: 'true',
    });
    expect(m.offsetMsgId).toBe('7F00000100002AA90000000000000221');
    expect(m.msgId).toBe('C00002021D22FE76FDDA6C2DB30F316E');
    expect(m.transactionType).toBe('NOT_TYPE');
    expect(m.reconsumeTimes).toBe(0);
    expect(m.preparedTransactionOffset).toBe(0n);
  });

  it('decodes IPv6 born/store hosts and builds the 28-byte offsetMsgId', () => {
    const v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const rec = encodeStored({ body: Buffer.from('hi'), topic: 'T6', bornIp: v6, storeIp: v6, storePort: 10911, commitLogOffset: 0x1234n });
    const m = decodeStoredMessage(rec).message;
    expect(m.sysFlag & 0x30).toBe(0x30);
    expect(m.bornHost).toBe('[2001:db8:0:0:0:0:0:1]:50000');
    expect(m.storeHost).toBe('[2001:db8:0:0:0:0:0:1]:10911');
    expect(m.offsetMsgId).toBe('20010DB800000000000000000000000100002A9F0000000000001234');
    expect(m.msgId).toBe(m.offsetMsgId); // no UNIQ_KEY property
    expect(m.body.toString()).toBe('hi');
  });

  it('reads the 2-byte topic length of MessageVersion V2 (topics over 127 bytes)', () => {
    const topic = `%RETRY%${'g'.repeat(200)}`;
    const m = decodeStoredMessage(encodeStored({ body: Buffer.from('b'), topic, v2: true, properties: 'A\u0001b' })).message;
    expect(m.topic).toBe(topic);
    expect(m.properties).toEqual({ A: 'b' });
  });

  it('inflates legacy zlib (sysFlag 0x1) and LZ4 (0x101) bodies; keeps ZSTD raw when the runtime has no zstd', () => {
    const body = Buffer.from('compressible '.repeat(500));
    const legacy = decodeStoredMessage(encodeStored({ body: deflateSync(body), topic: 'T', sysFlag: 0x1 })).message;
    expect(legacy.compression).toBe('ZLIB');
    expect(legacy.body.equals(body)).toBe(true);

    const lz4 = decodeStoredMessage(encodeStored({ body: LZ4_FRAME, topic: 'T', sysFlag: 0x101 })).message;
    expect(lz4.compression).toBe('LZ4');
    expect(lz4.body.toString()).toBe(LZ4_TEXT);

    // An unknown algorithm number (0x701) throws: see unknown-compression.spec.ts (issue 17 item 6).

    const zstdCompress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
    const raw = zstdCompress ? zstdCompress(body) : Buffer.from('28b52ffd', 'hex');
    const zstd = decodeStoredMessage(encodeStored({ body: raw, topic: 'T', sysFlag: 0x201 })).message;
    expect(zstd.compression).toBe('ZSTD');
    if (zstdCompress) expect(zstd.body.equals(body)).toBe(true);
    else expect([zstd.bodyDecompressed, zstd.body.equals(raw)]).toEqual([false, true]);
  });

  it('reports transaction types and tolerates fields a newer broker appends inside TOTALSIZE', () => {
    const rec = encodeStored({
      body: Buffer.from('x'),
      topic: 'T',
      sysFlag: 0x4,
      trailer: Buffer.from('FUTUREFIELD'),
      properties: 'KEYS\u0001a  b\u0002TAGS\u0001t\u0002',
    });
    const { message: m, next } = decodeStoredMessage(rec);
    expect(next).toBe(rec.length);
    expect(m.transactionType).toBe('PREPARED');
    expect(m.keys).toEqual(['a', 'b']);
    expect(m.tags).toBe('t');
  });

  it('decodes back-to-back records (a QUERY_MESSAGE body)', () => {
    const a = encodeStored({ body: Buffer.from('one'), topic: 'T', queueOffset: 7n, commitLogOffset: 100n });
    const b = encodeStored({ body: Buffer.alloc(0), topic: 'T', queueOffset: 8n, commitLogOffset: 200n });
    const list = decodeStoredMessages(Buffer.concat([REAL_5_5_0, a, b]));
    expect(list.map((m) => m.queueOffset)).toEqual([0n, 7n, 8n]);
    expect(list[2]!.body.length).toBe(0);
    expect(decodeStoredMessages(Buffer.alloc(0))).toEqual([]);
  });

  it('keeps 64-bit offsets exact', () => {
    const big = (1n << 62n) + 12345n;
    const m = decodeStoredMessage(encodeStored({ body: Buffer.from('x'), topic: 'T', queueOffset: big, commitLogOffset: big })).message;
    expect(m.queueOffset).toBe(big);
    expect(m.commitLogOffset).toBe(big);
  });
});

describe('stored message decoding fails clearly on bad data', () => {
  const fails = (b: Buffer, re?: RegExp) => {
    let err: unknown;
    try {
      decodeStoredMessages(b);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoredMessageDecodeError);
    if (re) expect((err as Error).message).toMatch(re);
    return err as StoredMessageDecodeError;
  };

  it('throws a typed error for every truncation of a real record', () => {
    for (let n = 1; n < REAL_5_5_0.length; n++) fails(REAL_5_5_0.subarray(0, n));
  });

  it('names the problem: magic, sizes, lengths, corrupt compressed body', () => {
    const bad = Buffer.from(REAL_5_5_0);
    bad.writeInt32BE(0x12345678, 4);
    expect(fails(bad, /bad magic code 0x12345678/).offset).toBe(4);

    const blank = Buffer.from(REAL_5_5_0);
    blank.writeInt32BE(-875286124, 4);
    fails(blank, /blank/);

    const small = Buffer.from(REAL_5_5_0);
    small.writeInt32BE(10, 0);
    fails(small, /smaller than/);

    const huge = Buffer.from(REAL_5_5_0);
    huge.writeInt32BE(0x7fffffff, 0);
    fails(huge, /runs past the end/);

    const negBody = encodeStored({ body: Buffer.from('x'), topic: 'T' });
    negBody.writeInt32BE(-5, 84);
    fails(negBody, /negative BODY length/);

    const longBody = encodeStored({ body: Buffer.from('x'), topic: 'T' });
    longBody.writeInt32BE(1 << 30, 84);
    fails(longBody, /truncated BODY/);

    const corrupt = Buffer.from(REAL_5_5_0);
    corrupt.writeUInt32BE(0xdeadbeef, 92); // inside the zlib stream
    fails(corrupt, /ZLIB-compressed BODY does not inflate/);

    // A "zip bomb": 4 MiB of zeros in a few KB, refused past the cap instead of exhausting memory.
    const bomb = encodeStored({ body: deflateSync(Buffer.alloc(4 * 1024 * 1024)), topic: 'T', sysFlag: 0x301 });
    expect(() => decodeStoredMessage(bomb, 0, { maxBodyBytes: 1024 * 1024 })).toThrow(/does not inflate/);
    expect(decodeStoredMessage(bomb).message.body.length).toBe(4 * 1024 * 1024);
  });

  it('never loops or throws anything but StoredMessageDecodeError on random bytes', () => {
    const valid = encodeStored({ body: Buffer.from('body'), topic: 'Topic', properties: 'K\u0001v' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(valid.length), fc.uint8Array({ minLength: 1, maxLength: 8 }), (junk, at, patch) => {
        const candidates = [Buffer.from(junk), Buffer.concat([valid.subarray(0, at), Buffer.from(patch), valid.subarray(at + patch.length)])];
        for (const c of candidates) {
          try {
            const out = decodeStoredMessages(c);
            expect(out.length).toBeLessThanOrEqual(Math.floor(c.length / MIN_RECORD_SIZE));
            // A successful decode accounts for every byte (no record skipped or overrun).
            expect(out.reduce((n, m) => n + m.storeSize, 0)).toBe(c.length);
          } catch (e) {
            expect(e).toBeInstanceOf(StoredMessageDecodeError);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
