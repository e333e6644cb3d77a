/**
 * Stored-message decoding (MessageDecoder layout), as VIEW_MESSAGE_BY_ID, QUERY_MESSAGE and
 * CHECK_TRANSACTION_STATE bodies carry it. One record, all integers big-endian:
 *
 *   TOTALSIZE 4 | MAGICCODE 4 | BODYCRC 4 | QUEUEID 4 | FLAG 4 | QUEUEOFFSET 8 | PHYSICALOFFSET 8 |
 *   SYSFLAG 4 | BORNTIMESTAMP 8 | BORNHOST 4|16 + port 4 (sysFlag 0x10 = IPv6) | STORETIMESTAMP 8 |
 *   STOREHOST 4|16 + port 4 (sysFlag 0x20 = IPv6) | RECONSUMETIMES 4 | PREPARED_TRANSACTION_OFFSET 8 |
 *   BODY int32 len + bytes (compressed when sysFlag bit 0; algorithm in bits 8-10) |
 *   TOPIC len + bytes (1-byte len with magic V1 0xDAA320A7, 2-byte len with magic V2 0xDAA320AB,
 *   which 5.x brokers write for topics longer than 127 bytes) | PROPERTIES int16 len + bytes.
 *
 * Every read is bounds-checked; anything truncated or inconsistent throws StoredMessageDecodeError
 * (code PROTOCOL_ERROR) naming the field and offset; a compression type outside 0-3 throws its
 * subclass UnknownCompressionTypeError, as Java's CompressionType.findByValue does. A record is skipped by its TOTALSIZE, so fields a
 * newer broker appends after PROPERTIES are tolerated. Decoding never loops without progress.
 */
import { inflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { ClientErrorCode, MQClientError } from '../errors.js';
import { decodeProperties, MessageConst } from './message-properties.js';
import { decompressLz4Frame } from './lz4-frame.js';
import { decompressZstdWasm } from './compression.js';

export const MESSAGE_MAGIC_CODE_V1 = -626843481; // 0xDAA320A7
export const MESSAGE_MAGIC_CODE_V2 = -626843477; // 0xDAA320AB
export const BLANK_MAGIC_CODE = -875286124; // 0xCBD43194, end-of-file filler in a commit log

export const SysFlag = {
  COMPRESSED_FLAG: 0x1,
  MULTI_TAGS_FLAG: 0x2,
  TRANSACTION_PREPARED_TYPE: 0x4,
  TRANSACTION_COMMIT_TYPE: 0x8,
  TRANSACTION_ROLLBACK_TYPE: 0xc,
  BORNHOST_V6_FLAG: 0x10,
  STOREHOSTADDRESS_V6_FLAG: 0x20,
  NEED_UNWRAP_FLAG: 0x40,
  INNER_BATCH_FLAG: 0x80,
  COMPRESSION_TYPE_MASK: 0x700,
} as const;

export type CompressionType = 'ZLIB' | 'LZ4' | 'ZSTD';
export type TransactionType = 'NOT_TYPE' | 'PREPARED' | 'COMMIT' | 'ROLLBACK';

/** Upper bound on an inflated body, so a hostile "zip bomb" cannot exhaust memory. */
export const MAX_INFLATED_BODY = 64 * 1024 * 1024;

/** The fixed part before BODY with IPv4 hosts: 4+4+4+4+4+8+8+4+8+8+8+8+4+8. */
const MIN_FIXED = 84;
/** Smallest possible record: fixed part + body length + 1-byte topic length + properties length. */
export const MIN_RECORD_SIZE = MIN_FIXED + 4 + 1 + 2;

/** Truncated or corrupt stored-message bytes (code PROTOCOL_ERROR, like ProtocolError). */
export class StoredMessageDecodeError extends MQClientError {
  override readonly name: string = 'StoredMessageDecodeError';
  /** Byte offset in the buffer where decoding failed. */
  readonly offset: number;
  constructor(message: string, offset: number, cause?: unknown) {
    super(`cannot decode stored message: ${message} (at byte ${offset})`, { code: ClientErrorCode.PROTOCOL_ERROR, cause });
    this.offset = offset;
  }
}

/**
 * The sysFlag says the body is compressed with an algorithm number RocketMQ does not define
 * (bits 8-10 = 4..7). Java's CompressionType.findByValue throws "Unknown compress type value: N"
 * and MessageDecoder drops the record; handing the raw bytes on as if they were the body would
 * show garbage as the message, so this fails the record too, with the number in the error.
 */
export class UnknownCompressionTypeError extends StoredMessageDecodeError {
  override readonly name: string = 'UnknownCompressionTypeError';
  readonly compressionTypeValue: number;
  constructor(value: number, offset: number) {
    super(`Unknown compress type value: ${value} (sysFlag bits 8-10; RocketMQ defines 1 LZ4, 2 ZSTD, 3 ZLIB, 0 legacy zlib)`, offset);
    this.compressionTypeValue = value;
  }
}

export interface StoredMessage {
  storeSize: number;
  magicCode: number;
  bodyCRC: number;
  queueId: number;
  flag: number;
  queueOffset: bigint;
  commitLogOffset: bigint;
  /** sysFlag as stored (the Java decoder clears bit 0 after inflating; this one does not). */
  sysFlag: number;
  bornTimestamp: number;
  bornHost: string;
  storeTimestamp: number;
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: bigint;
  /** The body, inflated when it was stored compressed and the algorithm is supported. */
  body: Buffer;
  /** Compression algorithm of the stored body, if compressed. */
  compression: CompressionType | undefined;
  /** False only when the body is ZSTD-compressed and this runtime has no zstd (then `body` is the raw stored bytes). */
  bodyDecompressed: boolean;
  topic: string;
  properties: Record<string, string>;
  /** Broker id: store host + commit-log offset, hex (what SendResult.offsetMsgId holds). */
  offsetMsgId: string;
  /** Client id (UNIQ_KEY) when present, else the offsetMsgId — as the Java client's getMsgId(). */
  msgId: string;
  tags: string | undefined;
  /** KEYS split on spaces. */
  keys: string[];
  transactionType: TransactionType;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}
  need(n: number, field: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new StoredMessageDecodeError(`truncated ${field}: needs ${n} bytes, ${Math.max(0, this.end - this.pos)} left in the record`, this.pos);
    }
  }
  int(field: string): number {
    this.need(4, field);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  byte(field: string): number {
    this.need(1, field);
    return this.buf.readInt8(this.pos++);
  }
  short(field: string): number {
    this.need(2, field);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  long(field: string): bigint {
    this.need(8, field);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  bytes(n: number, field: string): Buffer {
    this.need(n, field);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

function hostToString(ip: Buffer, port: number): string {
  if (ip.length === 4) return `${ip[0]}.${ip[1]}.${ip[2]}.${ip[3]}:${port}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(ip.readUInt16BE(i).toString(16));
  return `[${groups.join(':')}]:${port}`;
}

/** Undefined when not compressed, or (bits 8-10 = 4..7) compressed with an unknown algorithm; see compressionTypeValueOf. */
export function compressionTypeOf(sysFlag: number): CompressionType | undefined {
  if ((sysFlag & SysFlag.COMPRESSED_FLAG) === 0) return undefined;
  switch (compressionTypeValueOf(sysFlag)) {
    case 0: // legacy clients set only bit 0: zlib
    case 3:
      return 'ZLIB';
    case 1:
      return 'LZ4';
    case 2:
      return 'ZSTD';
    default:
      return undefined;
  }
}

/** MessageSysFlag.getCompressionType's input: the algorithm number in bits 8-10. */
export function compressionTypeValueOf(sysFlag: number): number {
  return (sysFlag & SysFlag.COMPRESSION_TYPE_MASK) >> 8;
}

export function transactionTypeOf(sysFlag: number): TransactionType {
  switch (sysFlag & SysFlag.TRANSACTION_ROLLBACK_TYPE) {
    case SysFlag.TRANSACTION_PREPARED_TYPE:
      return 'PREPARED';
    case SysFlag.TRANSACTION_COMMIT_TYPE:
      return 'COMMIT';
    case SysFlag.TRANSACTION_ROLLBACK_TYPE:
      return 'ROLLBACK';
    default:
      return 'NOT_TYPE';
  }
}

type ZstdZlib = { zstdDecompressSync?: (b: Buffer, o?: { maxOutputLength?: number }) => Buffer };

/** Inflates a stored body; returns undefined when the runtime has no decoder for the algorithm. */
export function decompressBody(raw: Buffer, type: CompressionType, maxOutput = MAX_INFLATED_BODY): Buffer | undefined {
  switch (type) {
    case 'ZLIB':
      return inflateSync(raw, { maxOutputLength: maxOutput });
    case 'LZ4':
      return decompressLz4Frame(raw, maxOutput);
    case 'ZSTD': {
      // Typed as always present by @types/node 22, but only Node ≥ 22.15 has it (this may run on 20).
      const z: ZstdZlib['zstdDecompressSync'] = 'zstdDecompressSync' in zlib ? zlib.zstdDecompressSync : undefined;
      // Node ≥ 22.15 has zstd; elsewhere the producer's WebAssembly zstd, once prepareZstdDecoder() loaded it.
      return z ? z(raw, { maxOutputLength: maxOutput }) : decompressZstdWasm(raw, maxOutput);
    }
  }
}

export interface DecodeOptions {
  /** Cap on an inflated body (default MAX_INFLATED_BODY, 64 MiB). */
  maxBodyBytes?: number | undefined;
}

/** Decodes the record starting at `offset`; returns the message and the offset just after it. */
export function decodeStoredMessage(buf: Buffer, offset = 0, opts: DecodeOptions = {}): { message: StoredMessage; next: number } {
  if (offset < 0 || offset + 8 > buf.length) throw new StoredMessageDecodeError(`truncated header: ${Math.max(0, buf.length - offset)} bytes left`, offset);
  const storeSize = buf.readInt32BE(offset);
  const magicCode = buf.readInt32BE(offset + 4);
  if (magicCode === BLANK_MAGIC_CODE) throw new StoredMessageDecodeError('blank (end-of-file) record, not a message', offset + 4);
  if (magicCode !== MESSAGE_MAGIC_CODE_V1 && magicCode !== MESSAGE_MAGIC_CODE_V2) {
    throw new StoredMessageDecodeError(`bad magic code 0x${(magicCode >>> 0).toString(16).padStart(8, '0')} (expected 0xdaa320a7 or 0xdaa320ab)`, offset + 4);
  }
  if (storeSize < MIN_RECORD_SIZE) throw new StoredMessageDecodeError(`TOTALSIZE ${storeSize} is smaller than the ${MIN_RECORD_SIZE}-byte minimum`, offset);
  if (offset + storeSize > buf.length)
    throw new StoredMessageDecodeError(`TOTALSIZE ${storeSize} runs past the end of the data (${buf.length - offset} bytes left)`, offset);

  const r = new Reader(buf, offset + 8, offset + storeSize);
  const bodyCRC = r.int('BODYCRC');
  const queueId = r.int('QUEUEID');
  const flag = r.int('FLAG');
  const queueOffset = r.long('QUEUEOFFSET');
  const commitLogOffset = r.long('PHYSICALOFFSET');
  const sysFlag = r.int('SYSFLAG');
  const bornTimestamp = Number(r.long('BORNTIMESTAMP'));
  const bornIp = r.bytes((sysFlag & SysFlag.BORNHOST_V6_FLAG) === 0 ? 4 : 16, 'BORNHOST');
  const bornHost = hostToString(bornIp, r.int('BORNHOST port'));
  const storeTimestamp = Number(r.long('STORETIMESTAMP'));
  const storeIpAt = r.pos;
  const storeIp = r.bytes((sysFlag & SysFlag.STOREHOSTADDRESS_V6_FLAG) === 0 ? 4 : 16, 'STOREHOST');
  const storePort = r.int('STOREHOST port');
  const storeHostBytes = buf.subarray(storeIpAt, r.pos);
  const reconsumeTimes = r.int('RECONSUMETIMES');
  const preparedTransactionOffset = r.long('PREPARED_TRANSACTION_OFFSET');

  const bodyLenAt = r.pos;
  const bodyLen = r.int('BODY length');
  if (bodyLen < 0) throw new StoredMessageDecodeError(`negative BODY length ${bodyLen}`, bodyLenAt);
  const rawBody = r.bytes(bodyLen, 'BODY');
  const compression = compressionTypeOf(sysFlag);
  // Java decodes the type only for a non-empty compressed body (MessageDecoder: bodyLen > 0).
  if ((sysFlag & SysFlag.COMPRESSED_FLAG) !== 0 && !compression && bodyLen > 0) {
    throw new UnknownCompressionTypeError(compressionTypeValueOf(sysFlag), bodyLenAt + 4);
  }
  let body: Buffer = rawBody;
  let bodyDecompressed = true;
  if (compression && bodyLen > 0) {
    let inflated: Buffer | undefined;
    try {
      inflated = decompressBody(rawBody, compression, opts.maxBodyBytes ?? MAX_INFLATED_BODY);
    } catch (e) {
      throw new StoredMessageDecodeError(`${compression}-compressed BODY does not inflate: ${(e as Error).message}`, bodyLenAt + 4, e);
    }
    if (inflated) body = inflated;
    else bodyDecompressed = false;
  } else {
    body = Buffer.from(rawBody); // detach from the (possibly large) response buffer
  }

  const topicLenAt = r.pos;
  const topicLen = magicCode === MESSAGE_MAGIC_CODE_V2 ? r.short('TOPIC length') : r.byte('TOPIC length');
  if (topicLen < 0) throw new StoredMessageDecodeError(`negative TOPIC length ${topicLen}`, topicLenAt);
  const topic = r.bytes(topicLen, 'TOPIC').toString('utf8');

  const propsLenAt = r.pos;
  const propsLen = r.short('PROPERTIES length');
  if (propsLen < 0) throw new StoredMessageDecodeError(`negative PROPERTIES length ${propsLen}`, propsLenAt);
  const properties = decodeProperties(r.bytes(propsLen, 'PROPERTIES').toString('utf8'));

  const idBuf = Buffer.alloc(storeHostBytes.length + 8);
  storeHostBytes.copy(idBuf, 0);
  idBuf.writeBigInt64BE(commitLogOffset, storeHostBytes.length);
  const offsetMsgId = idBuf.toString('hex').toUpperCase();
  const keys = (properties[MessageConst.KEYS] ?? '').split(' ').filter((k) => k.length > 0);

  return {
    message: {
      storeSize,
      magicCode,
      bodyCRC,
      queueId,
      flag,
      queueOffset,
      commitLogOffset,
      sysFlag,
      bornTimestamp,
      bornHost,
      storeTimestamp,
      storeHost: hostToString(storeIp, storePort),
      reconsumeTimes,
      preparedTransactionOffset,
      body,
      compression,
      bodyDecompressed,
      topic,
      properties,
      offsetMsgId,
      msgId: properties[MessageConst.UNIQ_KEY] ?? offsetMsgId,
      tags: properties[MessageConst.TAGS],
      keys,
      transactionType: transactionTypeOf(sysFlag),
    },
    next: offset + storeSize,
  };
}

/** Decodes back-to-back records (a QUERY_MESSAGE body). Any bad record fails the whole body. */
export function decodeStoredMessages(buf: Buffer, opts: DecodeOptions = {}): StoredMessage[] {
  const out: StoredMessage[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const { message, next } = decodeStoredMessage(buf, offset, opts);
    out.push(message);
    offset = next; // next > offset: storeSize ≥ MIN_RECORD_SIZE was checked
  }
  return out;
}
