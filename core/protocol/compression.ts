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
import * as zlib from 'node:zlib';
import { deflateSync } from 'node:zlib';
import { ValidationError } from '../errors.js';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../rules/limits.js';
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
  decompress(buf: Uint8Array, opts?: { defaultHeapSize?: number }): Uint8Array;
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

/** Whether this runtime's zlib has zstd (Node ≥ 22.15); Node 20 and Electron's older Nodes do not. */
export function nodeHasZstd(): boolean {
  return 'zstdDecompressSync' in zlib;
}

/**
 * Makes ZSTD-compressed stored bodies decodable where Node's zlib has no zstd: loads the same
 * WebAssembly zstd the producer compresses with. Resolves false (never rejects) when it cannot be
 * loaded — the body then stays compressed and is shown as such (bodyDecompressed=false).
 */
export async function prepareZstdDecoder(): Promise<boolean> {
  if (zstd || nodeHasZstd()) return true;
  try {
    await prepareCompression('ZSTD');
    return true;
  } catch {
    return false;
  }
}

/** A frame body written by the Java client is at most its maxMessageSize (4 MiB by default): try that first, then the cap. */
const ZSTD_FIRST_TRY = DEFAULT_MAX_MESSAGE_SIZE + 1024;

/**
 * Inflates a zstd frame with the WebAssembly decoder; undefined when it is not loaded. A frame
 * without its content size (zstd-jni's streaming output) is decoded into a buffer of at most
 * `maxOutput` bytes; a larger body fails rather than exhausting memory.
 */
export function decompressZstdWasm(raw: Buffer, maxOutput: number): Buffer | undefined {
  if (!zstd) return undefined;
  // The decoder allocates what the frame header claims: refuse a claim over the cap before it does.
  const claimed = zstdFrameContentSize(raw);
  if (claimed !== undefined && claimed > BigInt(maxOutput)) throw new Error(`zstd frame claims ${claimed} bytes, more than the ${maxOutput}-byte limit`);
  try {
    const out = zstd.decompress(raw, { defaultHeapSize: Math.min(ZSTD_FIRST_TRY, maxOutput) });
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    if (maxOutput <= ZSTD_FIRST_TRY) throw e;
    const out = zstd.decompress(raw, { defaultHeapSize: maxOutput });
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }
}

/**
 * Frame_Content_Size from a zstd frame header (RFC 8878 §3.1.1.1), or undefined when the frame
 * does not say (or this is not a zstd frame: the decoder reports that).
 */
export function zstdFrameContentSize(b: Buffer): bigint | undefined {
  if (b.length < 6 || b.readUInt32LE(0) !== 0xfd2fb528) return undefined;
  const fhd = b[4]!;
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const dictIdSize = [0, 1, 2, 4][fhd & 3]!;
  const fcsSize = fcsFlag === 0 ? singleSegment : [0, 2, 4, 8][fcsFlag]!;
  if (fcsSize === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + dictIdSize;
  if (b.length < at + fcsSize) return undefined;
  switch (fcsSize) {
    case 1:
      return BigInt(b[at]!);
    case 2:
      return BigInt(b.readUInt16LE(at) + 256);
    case 4:
      return BigInt(b.readUInt32LE(at));
    default:
      return b.readBigUInt64LE(at);
  }
}
