/**
 * Test-only encoder of the stored-message layout (MessageDecoder.encode), to build vectors the
 * real broker cannot be asked for on demand (IPv6 hosts, V2 magic, LZ4/ZSTD bodies, appended fields).
 */
export interface StoredRecord {
  queueId?: number;
  flag?: number;
  queueOffset?: bigint;
  commitLogOffset?: bigint;
  sysFlag?: number;
  bornTimestamp?: number;
  bornIp?: number[];
  bornPort?: number;
  storeTimestamp?: number;
  storeIp?: number[];
  storePort?: number;
  reconsumeTimes?: number;
  preparedTransactionOffset?: bigint;
  body: Buffer;
  topic: string;
  properties?: string;
  /** MessageVersion V2 (2-byte topic length). */
  v2?: boolean;
  /** Extra bytes after PROPERTIES, counted in TOTALSIZE (a newer broker's field). */
  trailer?: Buffer;
  bodyCRC?: number;
}

export function encodeStored(r: StoredRecord): Buffer {
  const bornIp = Buffer.from(r.bornIp ?? [127, 0, 0, 1]);
  const storeIp = Buffer.from(r.storeIp ?? [127, 0, 0, 1]);
  let sysFlag = r.sysFlag ?? 0;
  if (bornIp.length === 16) sysFlag |= 0x10;
  if (storeIp.length === 16) sysFlag |= 0x20;
  const topic = Buffer.from(r.topic, 'utf8');
  const props = Buffer.from(r.properties ?? '', 'utf8');
  const trailer = r.trailer ?? Buffer.alloc(0);
  const size =
    4 +
    4 +
    4 +
    4 +
    4 +
    8 +
    8 +
    4 +
    8 +
    bornIp.length +
    4 +
    8 +
    storeIp.length +
    4 +
    4 +
    8 +
    4 +
    r.body.length +
    (r.v2 ? 2 : 1) +
    topic.length +
    2 +
    props.length +
    trailer.length;
  const b = Buffer.alloc(size);
  let o = 0;
  o = b.writeInt32BE(size, o);
  o = b.writeInt32BE(r.v2 ? -626843477 : -626843481, o);
  o = b.writeInt32BE(r.bodyCRC ?? 0, o);
  o = b.writeInt32BE(r.queueId ?? 0, o);
  o = b.writeInt32BE(r.flag ?? 0, o);
  o = b.writeBigInt64BE(r.queueOffset ?? 0n, o);
  o = b.writeBigInt64BE(r.commitLogOffset ?? 0n, o);
  o = b.writeInt32BE(sysFlag, o);
  o = b.writeBigInt64BE(BigInt(r.bornTimestamp ?? 1_700_000_000_000), o);
  o += bornIp.copy(b, o);
  o = b.writeInt32BE(r.bornPort ?? 50000, o);
  o = b.writeBigInt64BE(BigInt(r.storeTimestamp ?? 1_700_000_000_001), o);
  o += storeIp.copy(b, o);
  o = b.writeInt32BE(r.storePort ?? 10911, o);
  o = b.writeInt32BE(r.reconsumeTimes ?? 0, o);
  o = b.writeBigInt64BE(r.preparedTransactionOffset ?? 0n, o);
  o = b.writeInt32BE(r.body.length, o);
  o += r.body.copy(b, o);
  o = r.v2 ? b.writeInt16BE(topic.length, o) : b.writeInt8(topic.length, o);
  o += topic.copy(b, o);
  o = b.writeInt16BE(props.length, o);
  o += props.copy(b, o);
  o += trailer.copy(b, o);
  if (o !== size) throw new Error(`encoder bug: ${o} != ${size}`);
  return b;
}
