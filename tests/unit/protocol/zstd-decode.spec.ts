/**
 * ZSTD-compressed stored bodies decode where Node's zlib has no zstd (Node 20): with the producer's
 * own WebAssembly zstd, loaded by prepareZstdDecoder() (the admin's lookups and pulls call it). A
 * frame header claiming more than the cap is refused before anything is allocated.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compressBody, decompressZstdWasm, prepareZstdDecoder, zstdFrameContentSize } from '../../../core/protocol/compression.js';
import { decodeStoredMessage } from '../../../core/protocol/stored-message.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';

describe('ZSTD stored bodies', () => {
  it('decode to the exact body after prepareZstdDecoder()', async () => {
    expect(await prepareZstdDecoder()).toBe(true);
    const body = Buffer.from('{"order":42,"items":["a","b"]}\n'.repeat(2000));
    const raw = compressBody('ZSTD', body, 3);
    const m = decodeStoredMessage(encodeStored({ body: raw, topic: 'T', sysFlag: 0x201 })).message;
    expect(m.compression).toBe('ZSTD');
    expect(m.bodyDecompressed).toBe(true);
    expect(m.body.equals(body)).toBe(true);
  });

  it('decodes a streaming frame without a content size (as zstd-jni ZstdOutputStream writes), made by the zstd tool', async () => {
    await prepareZstdDecoder();
    const body = Buffer.from('streamed '.repeat(50_000));
    const z = spawnSync('zstd', ['-q', '-c', '--no-content-size'], { input: body });
    expect(z.status, `zstd tool (Debian package zstd): ${String(z.error ?? z.stderr)}`).toBe(0);
    expect(zstdFrameContentSize(z.stdout)).toBeUndefined();
    expect(decompressZstdWasm(z.stdout, 64 * 1024 * 1024)!.equals(body)).toBe(true);
  });

  it('reads Frame_Content_Size from the header, and refuses a claim over the cap', async () => {
    await prepareZstdDecoder();
    const raw = compressBody('ZSTD', Buffer.alloc(70_000, 7), 3);
    expect(zstdFrameContentSize(raw)).toBe(70_000n);
    expect(() => decompressZstdWasm(raw, 1000)).toThrow(/claims 70000 bytes, more than the 1000-byte limit/);
    // A crafted header: single segment, 8-byte content size of 2^40.
    const bomb = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0]), Buffer.from('0000000000010000', 'hex'), Buffer.alloc(8)]);
    expect(zstdFrameContentSize(bomb)).toBe(2n ** 40n);
    expect(() => decompressZstdWasm(bomb, 64 * 1024 * 1024)).toThrow(/more than the 67108864-byte limit/);
    expect(zstdFrameContentSize(Buffer.from('not zstd at all'))).toBeUndefined();
  });
});
