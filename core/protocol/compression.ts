/**
 * Body compression as the Java producer does it (5.x DefaultMQProducerImpl.tryToCompressMessage and
 * org.apache.rocketmq.common.compression): a single message whose body is at least
 * compressMsgBodyOverHowmuch bytes is compressed with the producer's compressType, and its sysFlag
 * gets COMPRESSED_FLAG (bit 0) plus the type in bits 8-10 (CompressionType.getCompressionFlag:
 * LZ4 1, ZSTD 2, ZLIB 3). The formats are the Java compressors':
 *   ZLIB: a zlib stream (java.util.zip.Deflater at compressLevel);
 *   LZ4:  an LZ4 *frame* (lz4-java LZ4FrameOutputStream; the level is ignored, as in Java);
 *   ZSTD: a zstd frame (zstd-jni ZstdOutputStream at compressLevel).
 * Node 20 has zlib only. LZ4 comes from `lz4-napi` (Rust lz4_flex through N-API, prebuilt per
 * platform as npm packages, so no build step, and one binary serves Node and Electron), ZSTD from
 * `@bokuweb/zstd-wasm` (the reference libzstd compiled to WebAssembly: no native build at all).
 * Both are loaded only when a producer asks for their type; zstd's WebAssembly module needs an
 * asynchronous start, which prepareCompression() does once per process.
 */
import { deflateSync } from 'node:zlib';
import { ValidationError } from '../errors.js';
import type { CompressionType } from './stored-message.js';

export type { CompressionType };
export const COMPRESSION_TYPES: readonly CompressionType[] = ['ZLIB', 'LZ4', 'ZSTD'];

export const COMPRESSED_FLAG = 0x1;
/** CompressionType.getCompressionFlag(): the type's value in sysFlag bits 8-10. */
export const COMPRESSION_FLAG: Readonly<Record<CompressionType, number>> = { LZ4: 0x100, ZSTD: 0x200, ZLIB: 0x300 };

interface Lz4Napi {
  compressFrameSync(data: Buffer, options?: { contentChecksum?: boolean; blockChecksums?: boolean }): Buffer;
}
interface ZstdWasm {
  init(): Promise<void>;
  compress(buf: Uint8Array, level?: number): Uint8Array;
}

let lz4: Lz4Napi | undefined;
let zstd: ZstdWasm | undefined;
let zstdReady: Promise<void> | undefined;

export function checkCompressionType(type: unknown): CompressionType {
  if (type === 'ZLIB' || type === 'LZ4' || type === 'ZSTD') return type;
  throw new ValidationError(`compressType must be ZLIB, LZ4 or ZSTD (got '${String(type)}').`);
}

function loadFailed(pkg: string, type: CompressionType, e: unknown): never {
  throw new ValidationError(
    `${type} compression needs the npm package '${pkg}', which could not be loaded (${(e as Error).message}); reinstall with npm install, or choose ZLIB.`,
  );
}

/** Loads the compressor of `type` (a no-op for ZLIB); call before the first compressBody of that type. */
export async function prepareCompression(type: CompressionType): Promise<void> {
  if (type === 'LZ4' && !lz4) {
    try {
      const m: Lz4Napi & { default?: Lz4Napi } = await import('lz4-napi');
      lz4 = m.default ?? m;
    } catch (e) {
      loadFailed('lz4-napi', type, e);
    }
  }
  if (type === 'ZSTD' && !zstd) {
    zstdReady ??= (async () => {
      let m: ZstdWasm;
      try {
        const mod: ZstdWasm & { default?: ZstdWasm } = await import('@bokuweb/zstd-wasm');
        m = mod.default ?? mod;
        await m.init();
      } catch (e) {
        zstdReady = undefined;
        loadFailed('@bokuweb/zstd-wasm', type, e);
      }
      zstd = m;
    })();
    await zstdReady;
  }
}

/** Compresses synchronously (the send path encodes before its first await); prepareCompression(type) first. */
export function compressBody(type: CompressionType, body: Buffer, level: number): Buffer {
  switch (type) {
    case 'ZLIB':
      // Synchronous on purpose: zlib's async API on libuv's pool cost ~70 % more CPU per 16 KiB body
      // (stream set-up per call) and was slower on two cores (measured with npm run bench:profile).
      return deflateSync(body, { level });
    case 'LZ4':
      if (!lz4) throw new ValidationError('LZ4 compression is not loaded: call prepareCompression("LZ4") (the producer does so at start).');
      // Independent 64 KiB blocks with a content checksum: what LZ4FrameInputStream reads.
      return lz4.compressFrameSync(body, { contentChecksum: true });
    case 'ZSTD': {
      if (!zstd) throw new ValidationError('ZSTD compression is not loaded: call prepareCompression("ZSTD") (the producer does so at start).');
      const out = zstd.compress(body, level);
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
  }
}
