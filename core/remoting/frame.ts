/**
 * Length-prefixed frames: int32 length (excluding itself) | int32 (serializeType<<24 | headerLen) |
 * header | body. Encoding allocates one buffer for the prefix+header and passes the body through
 * untouched (the socket writes both with one writev); decoding is chunk-agnostic and copies only
 * when a frame spans several TCP chunks.
 */
import { ProtocolError } from '../errors.js';
import { SERIALIZE_TYPE_CODE, type RemotingCommand, type SerializeType } from './command.js';
import { decodeJsonHeader, decodeRocketMQHeader, encodeJsonHeaderString, encodeRocketMQHeader } from './header-codec.js';

/** Default peer limit (com.rocketmq.remoting.frameMaxLength). */
export const MAX_FRAME_LENGTH = 16 * 1024 * 1024;

/**
 * The first four bytes of an HTTP response ("HTTP/1.1 400 …") read as a length word: 0x48545450 =
 * 1213486160. A remoting frame that long is over any limit, so this value can only be a web server
 * (the Dashboard, the 5.x proxy's HTTP port) answering the request we wrote: say so, not "frame too long".
 */
export const HTTP_LENGTH_WORD = 0x48545450;
export const HTTP_ANSWER = 'this address answered with HTTP, not the RocketMQ remoting protocol — is it the dashboard or proxy port?';

/** Encodes a command into one or two buffers: [length|headerWord|header] and the body, if any. */
export function encodeCommand(cmd: RemotingCommand, serializeType: SerializeType = cmd.serializeType ?? 'JSON'): Buffer[] {
  const bodyLen = cmd.body?.length ?? 0;
  let prefix: Buffer;
  let headerLen: number;
  if (serializeType === 'ROCKETMQ') {
    prefix = encodeRocketMQHeader(cmd, 8);
    headerLen = prefix.length - 8;
  } else {
    // The JSON header is written straight into the frame buffer: no intermediate Buffer + copy.
    const header = encodeJsonHeaderString(cmd);
    headerLen = Buffer.byteLength(header, 'utf8');
    prefix = Buffer.allocUnsafe(8 + headerLen);
    prefix.write(header, 8, headerLen, 'utf8');
  }
  prefix.writeUInt32BE(4 + headerLen + bodyLen, 0);
  prefix.writeUInt32BE(((SERIALIZE_TYPE_CODE[serializeType] << 24) | headerLen) >>> 0, 4);
  return bodyLen > 0 ? [prefix, cmd.body!] : [prefix];
}

/** Convenience for tests and tools: the whole frame in one buffer. */
export function encodeFrame(cmd: RemotingCommand, serializeType?: SerializeType): Buffer {
  return Buffer.concat(encodeCommand(cmd, serializeType));
}

/** Decodes one frame's content (after the length word): header word, header, body. */
export function decodeFrameContent(buf: Buffer, start: number, length: number): RemotingCommand {
  if (length < 4) throw new ProtocolError(`frame length ${length} is smaller than the header-length word`);
  const word = buf.readUInt32BE(start);
  const type = word >>> 24;
  const headerLen = word & 0xffffff;
  if (headerLen > length - 4) throw new ProtocolError(`header length ${headerLen} exceeds frame length ${length}`);
  const header = buf.subarray(start + 4, start + 4 + headerLen);
  let cmd: RemotingCommand;
  if (type === 0) cmd = decodeJsonHeader(header);
  else if (type === 1) cmd = decodeRocketMQHeader(header);
  else throw new ProtocolError(`unknown header serialize type ${type}`);
  const bodyLen = length - 4 - headerLen;
  if (bodyLen > 0) cmd.body = buf.subarray(start + 4 + headerLen, start + length);
  return cmd;
}

/**
 * Incremental decoder. `push` returns the complete commands in the chunk (possibly none) or throws
 * a ProtocolError; after an error the decoder stays failed, since the stream has lost framing.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Total bytes of the frame being buffered, once its length word has arrived. */
  private need = -1;
  private failed: ProtocolError | undefined;

  constructor(private readonly maxFrameLength = MAX_FRAME_LENGTH) {}

  push(chunk: Buffer): RemotingCommand[] {
    if (this.failed) throw this.failed;
    try {
      return this.pushUnchecked(chunk);
    } catch (e) {
      this.failed = e instanceof ProtocolError ? e : new ProtocolError(`undecodable frame: ${(e as Error).message}`, e);
      this.chunks = [];
      this.buffered = 0;
      this.need = -1;
      throw this.failed;
    }
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private checkLength(length: number): void {
    if (length === HTTP_LENGTH_WORD) throw new ProtocolError(HTTP_ANSWER);
    if (length < 4) throw new ProtocolError(`frame length ${length} is smaller than the header-length word`);
    if (length + 4 > this.maxFrameLength) throw new ProtocolError(`frame of ${length + 4} bytes exceeds the ${this.maxFrameLength}-byte limit`);
  }

  private pushUnchecked(chunk: Buffer): RemotingCommand[] {
    const out: RemotingCommand[] = [];
    if (this.buffered > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.need < 0) {
        if (this.buffered < 4) return out;
        const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
        const length = head.readUInt32BE(0);
        this.checkLength(length);
        this.need = 4 + length;
      }
      if (this.buffered < this.need) return out;
      // The frame is complete: join once, then continue on the fast path.
      chunk = Buffer.concat(this.chunks, this.buffered);
      this.chunks = [];
      this.buffered = 0;
      this.need = -1;
    }
    let off = 0;
    while (chunk.length - off >= 4) {
      const length = chunk.readUInt32BE(off);
      this.checkLength(length);
      if (chunk.length - off - 4 < length) break;
      out.push(decodeFrameContent(chunk, off + 4, length));
      off += 4 + length;
    }
    if (off < chunk.length) {
      this.chunks.push(chunk.subarray(off));
      this.buffered = chunk.length - off;
    }
    return out;
  }
}
