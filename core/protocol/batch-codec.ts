/**
 * SEND_BATCH_MESSAGE body: each member encoded as (MessageDecoder.encodeMessage)
 * TOTALSIZE(4) MAGICCODE(4)=0 BODYCRC(4)=0 FLAG(4) BODYLEN(4) BODY PROPSLEN(2) PROPS,
 * concatenated without a count. One buffer, sized up front, written once.
 */
export interface BatchMember {
  flag: number;
  body: Buffer;
  properties: string;
  /** UTF-8 byte length of `properties`, when the caller already knows it. */
  propertiesLength?: number | undefined;
}

export function encodeBatchBody(members: BatchMember[]): Buffer {
  let total = 0;
  for (const m of members) {
    m.propertiesLength ??= Buffer.byteLength(m.properties, 'utf8');
    total += 22 + m.body.length + m.propertiesLength;
  }
  const out = Buffer.allocUnsafe(total);
  let o = 0;
  for (const m of members) {
    const pl = m.propertiesLength!;
    o = out.writeInt32BE(22 + m.body.length + pl, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(m.flag, o);
    o = out.writeInt32BE(m.body.length, o);
    o += m.body.copy(out, o);
    o = out.writeInt16BE(pl, o);
    // Strings go straight into the frame: no per-member Buffer.
    o += out.write(m.properties, o, pl, 'utf8');
  }
  return out;
}
