/**
 * SEND_BATCH_MESSAGE body: each member encoded as (MessageDecoder.encodeMessage)
 * TOTALSIZE(4) MAGICCODE(4)=0 BODYCRC(4)=0 FLAG(4) BODYLEN(4) BODY PROPSLEN(2) PROPS,
 * concatenated without a count. One buffer, sized up front, written once.
 */
export interface BatchMember {
  flag: number;
  body: Buffer;
  properties: string;
}

export function encodeBatchBody(members: BatchMember[]): Buffer {
  const props = members.map((m) => Buffer.from(m.properties, 'utf8'));
  let total = 0;
  for (let i = 0; i < members.length; i++) total += 22 + members[i]!.body.length + props[i]!.length;
  const out = Buffer.allocUnsafe(total);
  let o = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const p = props[i]!;
    o = out.writeInt32BE(22 + m.body.length + p.length, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(m.flag, o);
    o = out.writeInt32BE(m.body.length, o);
    o += m.body.copy(out, o);
    o = out.writeInt16BE(p.length, o);
    o += p.copy(out, o);
  }
  return out;
}
