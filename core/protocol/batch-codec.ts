/**
 * SEND_BATCH_MESSAGE body: each member encoded as (MessageDecoder.encodeMessage)
 * TOTALSIZE(4) MAGICCODE(4)=0 BODYCRC(4)=0 FLAG(4) BODYLEN(4) BODY PROPSLEN(2) PROPS,
 * concatenated without a count. One buffer, sized up front, written once.
 *
 * PROPS differ by client version: 4.9.8's messageProperties2String drops the last property
 * separator, 5.x's keeps it (`…UNIQ_KEY\u0001…\u0002`). Brokers decode both the same and add the
 * separator themselves before appending the batch's own properties; `behaviour` picks the form
 * so the bytes match the Java client being mirrored.
 */
import { ValidationError } from '../errors.js';
import { DEFAULT_JAVA_BEHAVIOUR, type JavaBehaviour } from './java-behaviour.js';
import { PROPERTY_SEPARATOR } from './message-properties.js';
import { PROPERTIES_MAX_BYTES } from '../rules/index.js';

export interface BatchMember {
  flag: number;
  body: Buffer;
  /** Properties string without a trailing separator (as encodeProperties builds it). */
  properties: string;
  /** UTF-8 byte length of `properties`, when the caller already knows it. */
  propertiesLength?: number | undefined;
}

export interface BatchBodyOptions {
  /** 'java-5' (default) ends each member's properties with the separator, 'java-4.9' does not. */
  behaviour?: JavaBehaviour | undefined;
}

export function encodeBatchBody(members: BatchMember[], opts: BatchBodyOptions = {}): Buffer {
  const trailing = (opts.behaviour ?? DEFAULT_JAVA_BEHAVIOUR) === 'java-5';
  let total = 0;
  for (const m of members) {
    m.propertiesLength ??= Buffer.byteLength(m.properties, 'utf8');
    total += 22 + m.body.length + m.propertiesLength + (trailing && needsSeparator(m) ? 1 : 0);
  }
  const out = Buffer.allocUnsafe(total);
  let o = 0;
  for (const m of members) {
    const sep = trailing && needsSeparator(m) ? 1 : 0;
    const pl = m.propertiesLength! + sep;
    // Java 5.x would cast the length to short and corrupt the frame; refuse instead.
    if (pl > PROPERTIES_MAX_BYTES) throw new ValidationError(`A batch member's properties are ${pl} bytes, over the ${PROPERTIES_MAX_BYTES}-byte limit.`);
    o = out.writeInt32BE(22 + m.body.length + pl, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(0, o);
    o = out.writeInt32BE(m.flag, o);
    o = out.writeInt32BE(m.body.length, o);
    o += m.body.copy(out, o);
    o = out.writeInt16BE(pl, o);
    // Strings go straight into the frame: no per-member Buffer.
    o += out.write(m.properties, o, m.propertiesLength!, 'utf8');
    if (sep) o = out.writeUInt8(2, o); // PROPERTY_SEPARATOR
  }
  return out;
}

function needsSeparator(m: BatchMember): boolean {
  return m.properties.length > 0 && !m.properties.endsWith(PROPERTY_SEPARATOR);
}
