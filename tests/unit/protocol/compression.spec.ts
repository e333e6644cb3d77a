/** LZ4 and ZSTD bodies as the Java producer writes them: sysFlag bits and frames our readers and libzstd decode. */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { compressBody, COMPRESSION_FLAG, prepareCompression, checkCompressionType } from '../../../core/protocol/compression.js';
import { decompressLz4Frame } from '../../../core/protocol/lz4-frame.js';
import { compressionTypeOf } from '../../../core/protocol/stored-message.js';
import { prepareBatch, prepareSingle, type PrepareOptions } from '../../../core/producer/prepare-message.js';
import { MessageIdGenerator } from '../../../core/protocol/message-id.js';
import { DefaultMQProducer } from '../../../core/producer/producer.js';

const zstdWasm = createRequire(import.meta.url)('@bokuweb/zstd-wasm') as { init(): Promise<void>; decompress(b: Uint8Array): Uint8Array };
const opts = (compressType: 'ZLIB' | 'LZ4' | 'ZSTD'): PrepareOptions => ({
  maxMessageSize: 4 << 20,
  compressMsgBodyOverHowmuch: 4096,
  compressLevel: 5,
  compressType,
  ids: new MessageIdGenerator(),
  wrapTopic: (t) => t,
});

describe('compression (Java CompressionType)', () => {
  it('flags each type in sysFlag bits 8-10 as getCompressionFlag does: LZ4 0x101, ZSTD 0x201, ZLIB 0x301', async () => {
    await prepareCompression('LZ4');
    await prepareCompression('ZSTD');
    await zstdWasm.init();
    const body = Buffer.concat([Buffer.from('order=42;'.repeat(2000)), randomBytes(3000)]);
    const expected = { ZLIB: 0x301, LZ4: 0x101, ZSTD: 0x201 } as const;
    for (const type of ['ZLIB', 'LZ4', 'ZSTD'] as const) {
      const p = prepareSingle({ topic: 'T', body }, opts(type));
      expect(p.sysFlag, type).toBe(expected[type]);
      expect(compressionTypeOf(p.sysFlag), type).toBe(type);
      expect(p.body.length, type).toBeLessThan(body.length);
      const back = type === 'ZLIB' ? inflateSync(p.body) : type === 'LZ4' ? decompressLz4Frame(p.body, 1 << 20) : Buffer.from(zstdWasm.decompress(p.body));
      expect(back.equals(body), type).toBe(true);
    }
  });

  it('writes an LZ4 frame LZ4FrameInputStream accepts: magic, independent blocks, content checksum', async () => {
    await prepareCompression('LZ4');
    const f = compressBody('LZ4', Buffer.alloc(200_000, 7), 5);
    expect(f.readUInt32LE(0)).toBe(0x184d2204);
    const flg = f[4]!;
    expect(flg >> 6).toBe(1); // version 01
    expect(flg & 0x20).toBe(0x20); // block independence: lz4-java refuses linked blocks
    expect(flg & 0x04).toBe(0x04); // content checksum
  });

  it('writes a zstd frame at the given level (magic 0xFD2FB528)', async () => {
    await prepareCompression('ZSTD');
    expect(compressBody('ZSTD', Buffer.from('x'.repeat(10_000)), 3).readUInt32LE(0)).toBe(0xfd2fb528);
  });

  it('never compresses a body below compressMsgBodyOverHowmuch, nor a batch, whatever the type', () => {
    for (const type of ['ZLIB', 'LZ4', 'ZSTD'] as const) {
      const small = prepareSingle({ topic: 'T', body: 'y'.repeat(4095) }, opts(type));
      expect(small.sysFlag, type).toBe(0);
      expect(small.body.toString(), type).toBe('y'.repeat(4095));
      const batch = prepareBatch([{ topic: 'T', body: 'z'.repeat(10_000) }], opts(type));
      expect(batch.sysFlag, type).toBe(0);
    }
    expect(COMPRESSION_FLAG).toEqual({ LZ4: 0x100, ZSTD: 0x200, ZLIB: 0x300 });
  });

  it('refuses an unknown type by name, at construction', () => {
    expect(() => checkCompressionType('SNAPPY')).toThrow("compressType must be ZLIB, LZ4 or ZSTD (got 'SNAPPY').");
    expect(() => new DefaultMQProducer({ namesrvAddr: '127.0.0.1:9876', producerGroup: 'g', compressType: 'gzip' as never })).toThrow(
      /compressType must be ZLIB, LZ4 or ZSTD \(got 'gzip'\)/,
    );
  });
});
