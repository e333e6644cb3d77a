/** The part of lz4js (devDependency, the LZ4 reference in the lz4-frame properties) the tests use. */
declare module 'lz4js' {
  /** A whole LZ4 frame (4 MiB max block size, linked blocks, no checksums). */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** One raw LZ4 block of src[sIndex, sIndex + sLength) into dst; returns its size, 0 when it did not compress. */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  export function compressBound(n: number): number;
}
