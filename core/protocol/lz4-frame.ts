/**
 * LZ4 frame decompression (the format of lz4-java's LZ4FrameOutputStream, which the Java client
 * uses for `compressType=LZ4`, sysFlag compression bits 0x100). Pure and bounds-checked: corrupt
 * input throws a ProtocolError, output is capped. Header, block and content checksums are skipped,
 * not verified.
 *
 * Frame: magic 0x184D2204 (LE) | FLG | BD | [content size 8] | [dict id 4] | HC |
 *        blocks: uint32 LE size (bit 31 = stored uncompressed) + data [+ 4-byte checksum] … |
 *        end mark 0 | [content checksum 4]. Frames may be concatenated; skippable frames
 *        (magic 0x184D2A50..5F) are skipped.
 */
import { ProtocolError } from '../errors.js';

const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];

class Output {
  buf: Buffer;
  len = 0;
  constructor(
    initial: number,
    private readonly max: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(64, Math.min(initial, max)));
  }
  ensure(extra: number): void {
    const need = this.len + extra;
    if (need > this.max) throw new ProtocolError(`LZ4 data inflates beyond the ${this.max}-byte limit`);
    if (need <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.min(this.max, Math.max(need, this.buf.length * 2)));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

function fail(what: string, at: number): never {
  throw new ProtocolError(`corrupt LZ4 data: ${what} (at byte ${at})`);
}

/** Decodes one LZ4 block (src[start, end)) appending to out; back references may reach earlier blocks. */
function decodeBlock(src: Buffer, start: number, end: number, out: Output): void {
  let ip = start;
  while (ip < end) {
    const token = src[ip++]!;
    let litLen = token >>> 4;
    if (litLen === 15) {
      let b: number;
      do {
        if (ip >= end) fail('truncated literal length', ip);
        b = src[ip++]!;
        litLen += b;
      } while (b === 255);
    }
    if (ip + litLen > end) fail(`literal run of ${litLen} bytes overruns the block`, ip);
    out.ensure(litLen);
    src.copy(out.buf, out.len, ip, ip + litLen);
    out.len += litLen;
    ip += litLen;
    if (ip === end) return; // the last sequence carries literals only
    if (ip + 2 > end) fail('truncated match offset', ip);
    const offset = src[ip]! | (src[ip + 1]! << 8);
    ip += 2;
    if (offset === 0 || offset > out.len) fail(`match offset ${offset} points before the start of the output`, ip - 2);
    let matchLen = token & 15;
    if (matchLen === 15) {
      let b: number;
      do {
        if (ip >= end) fail('truncated match length', ip);
        b = src[ip++]!;
        matchLen += b;
      } while (b === 255);
    }
    matchLen += 4;
    out.ensure(matchLen);
    const o = out.buf;
    let from = out.len - offset;
    let to = out.len;
    if (offset >= matchLen) {
      o.copy(o, to, from, from + matchLen);
    } else {
      for (let i = 0; i < matchLen; i++) o[to++] = o[from++]!; // overlapping copy repeats the pattern
    }
    out.len += matchLen;
  }
}

export function decompressLz4Frame(src: Buffer, maxOutput: number): Buffer {
  const out = new Output(src.length * 4, maxOutput);
  let p = 0;
  let frames = 0;
  while (p < src.length) {
    if (p + 4 > src.length) fail('truncated frame magic', p);
    const magic = src.readUInt32LE(p);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      if (p + 8 > src.length) fail('truncated skippable frame', p);
      const n = src.readUInt32LE(p + 4);
      p += 8 + n;
      if (p > src.length) fail('skippable frame overruns the data', p);
      continue;
    }
    if (magic !== MAGIC) {
      if (frames > 0) fail('trailing bytes after the last frame', p);
      fail(`bad magic 0x${magic.toString(16)}`, p);
    }
    p += 4;
    if (p + 3 > src.length) fail('truncated frame descriptor', p);
    const flg = src[p]!;
    const bd = src[p + 1]!;
    if (flg >>> 6 !== 1) fail(`unsupported frame version ${flg >>> 6}`, p);
    const blockChecksum = (flg & 0x10) !== 0;
    const hasContentSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const hasDictId = (flg & 0x01) !== 0;
    const blockMax = BLOCK_MAX[(bd >>> 4) & 7]!;
    if (blockMax === 0) fail(`bad block max size code ${(bd >>> 4) & 7}`, p + 1);
    p += 2 + (hasContentSize ? 8 : 0) + (hasDictId ? 4 : 0) + 1; // + header checksum byte
    if (p > src.length) fail('truncated frame descriptor', src.length);
    for (;;) {
      if (p + 4 > src.length) fail('truncated block size', p);
      const word = src.readUInt32LE(p);
      p += 4;
      if (word === 0) break; // end mark
      const size = word & 0x7fffffff;
      if (size > blockMax) fail(`block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum`, p - 4);
      if (p + size > src.length) fail(`block of ${size} bytes overruns the data`, p);
      if ((word & 0x80000000) !== 0) {
        out.ensure(size);
        src.copy(out.buf, out.len, p, p + size);
        out.len += size;
      } else {
        decodeBlock(src, p, p + size, out);
      }
      p += size + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum) p += 4;
    if (p > src.length) fail('truncated content checksum', src.length);
    frames++;
  }
  if (frames === 0) fail('no LZ4 frame', 0);
  return Buffer.from(out.buf.subarray(0, out.len));
}
