/**
 * Header serializations: JSON (type 0, fastjson-compatible) and ROCKETMQ binary (type 1).
 * We send JSON by default; we always decode both, because a server answers canned errors in its
 * own default type whatever the request used.
 */
import { ProtocolError } from '../errors.js';
import type { ExtFields, RemotingCommand } from './command.js';

const LANGUAGES = ['JAVA', 'CPP', 'DOTNET', 'PYTHON', 'DELPHI', 'ERLANG', 'RUBY', 'OTHER', 'HTTP', 'GO', 'PHP', 'OMS', 'RUST', 'NODE_JS'];

function languageCode(language: string): number {
  const i = LANGUAGES.indexOf(language);
  return i < 0 ? 0 : i;
}

/** Characters JSON must escape, plus surrogates (JSON.stringify escapes lone ones). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal: plain strings are quoted as they are, the rest go through JSON.stringify. */
function jsonString(v: string): string {
  return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
}

/** `"key":` fragments: ext keys are a small fixed vocabulary, so each is escaped once (bounded). */
const keyFragments = new Map<string, string>();

function keyFragment(k: string): string {
  let f = keyFragments.get(k);
  if (f === undefined) {
    f = `${jsonString(k)}:`;
    if (keyFragments.size < 4096) keyFragments.set(k, f);
  }
  return f;
}

/**
 * Builds the JSON header by hand: a fixed field order and no intermediate object, so the send hot
 * path never JSON.stringify()s a whole header; only strings that need escaping (e.g. the message
 * properties with their \u0001/\u0002 separators) go through JSON.stringify.
 */
export function encodeJsonHeaderString(cmd: RemotingCommand): string {
  // The language is escaped too: a decoded peer header may carry any string there.
  const language = cmd.language === 'JAVA' ? '"JAVA"' : jsonString(cmd.language);
  let s = `{"code":${cmd.code},"language":${language},"version":${cmd.version},"opaque":${cmd.opaque},"flag":${cmd.flag}`;
  if (cmd.remark != null) s += `,"remark":${JSON.stringify(cmd.remark)}`;
  const ext = cmd.extFields;
  if (ext) {
    s += ',"extFields":{';
    let first = true;
    for (const k in ext) {
      const v = ext[k];
      if (v == null) continue;
      s += `${first ? '' : ','}${keyFragment(k)}${jsonString(v)}`;
      first = false;
    }
    s += '}';
  }
  return s + ',"serializeTypeCurrentRPC":"JSON"}';
}

/**
 * Sets an own property even for the key "__proto__", which `obj[k] = v` on a plain object would
 * turn into a (silently ignored) prototype assignment, dropping a field the peer sent.
 */
function setExt(ext: ExtFields, k: string, v: string): void {
  if (k === '__proto__') Object.defineProperty(ext, k, { value: v, enumerable: true, writable: true, configurable: true });
  else ext[k] = v;
}

/** int32 header fields: a JSON number outside that (1.5, 1e400 = Infinity) is not a valid header. */
function int32Field(o: Record<string, unknown>, name: string, fallback: number): number {
  const v = o[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff)
    throw new ProtocolError(`JSON header field ${name} is not a 32-bit integer`);
  return v;
}

export function encodeJsonHeader(cmd: RemotingCommand): Buffer {
  return Buffer.from(encodeJsonHeaderString(cmd), 'utf8');
}

export function decodeJsonHeader(buf: Buffer): RemotingCommand {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ProtocolError(`malformed JSON header: ${(e as Error).message}`, e);
  }
  if (o === null || typeof o !== 'object' || typeof o.code !== 'number') throw new ProtocolError('JSON header has no numeric code');
  let extFields: ExtFields | undefined;
  if (o.extFields && typeof o.extFields === 'object') {
    // Servers send every ext value as a string: keep the parsed object unless one is not.
    const raw = o.extFields as Record<string, unknown>;
    let plain = true;
    for (const k in raw) {
      if (typeof raw[k] !== 'string') {
        plain = false;
        break;
      }
    }
    if (plain) extFields = raw as ExtFields;
    else {
      extFields = {};
      for (const [k, v] of Object.entries(raw)) if (v != null) setExt(extFields, k, String(v));
    }
  }
  return {
    code: int32Field(o, 'code', 0),
    language: typeof o.language === 'string' ? o.language : 'JAVA',
    version: int32Field(o, 'version', 0),
    opaque: int32Field(o, 'opaque', 0),
    flag: int32Field(o, 'flag', 0),
    remark: typeof o.remark === 'string' ? o.remark : undefined,
    extFields,
    serializeType: 'JSON',
  };
}

// eslint-disable-next-line no-control-regex -- a range starting at NUL: "any character outside ASCII"
const NON_ASCII = /[^\x00-\x7f]/;

function u16Chars(n: number): string {
  return String.fromCharCode((n >>> 8) & 0xff, n & 0xff);
}

function u32Chars(n: number): string {
  return String.fromCharCode((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/**
 * ROCKETMQ binary header, written `headroom` bytes into a new buffer (the frame encoder puts its
 * length words there, so the header is never copied). When every string is ASCII — the normal
 * case — characters are bytes, so the ext map is one latin1 string with its length prefixes inline
 * and a single write; otherwise each key and value is encoded as UTF-8 on its own.
 */
export function encodeRocketMQHeader(cmd: RemotingCommand, headroom = 0): Buffer {
  const remark = cmd.remark ?? undefined;
  let map = '';
  let content = remark ?? '';
  const ext = cmd.extFields;
  if (ext) {
    for (const k in ext) {
      const v = ext[k];
      if (v == null) continue;
      map += u16Chars(k.length) + k + u32Chars(v.length) + v;
      content += k + v;
    }
  }
  if (NON_ASCII.test(content)) return encodeRocketMQHeaderUtf8(cmd, headroom);
  const remarkLen = remark?.length ?? 0;
  const out = Buffer.allocUnsafe(headroom + 17 + remarkLen + 4 + map.length);
  let o = writeFixedPart(out, headroom, cmd, remarkLen);
  if (remark) o += out.write(remark, o, remarkLen, 'latin1');
  o = out.writeInt32BE(map.length, o);
  out.write(map, o, map.length, 'latin1');
  return out;
}

function writeFixedPart(out: Buffer, at: number, cmd: RemotingCommand, remarkLen: number): number {
  let o = out.writeInt16BE(cmd.code, at);
  o = out.writeUInt8(languageCode(cmd.language), o);
  o = out.writeInt16BE(cmd.version, o);
  o = out.writeInt32BE(cmd.opaque, o);
  o = out.writeInt32BE(cmd.flag, o);
  return out.writeInt32BE(remarkLen, o);
}

function encodeRocketMQHeaderUtf8(cmd: RemotingCommand, headroom: number): Buffer {
  const remark = cmd.remark != null ? Buffer.from(cmd.remark, 'utf8') : undefined;
  const entries: [Buffer, Buffer][] = [];
  let mapLen = 0;
  if (cmd.extFields) {
    for (const k in cmd.extFields) {
      const v = cmd.extFields[k];
      if (v == null) continue;
      const kb = Buffer.from(k, 'utf8');
      const vb = Buffer.from(v, 'utf8');
      entries.push([kb, vb]);
      mapLen += 2 + kb.length + 4 + vb.length;
    }
  }
  const out = Buffer.allocUnsafe(headroom + 17 + (remark?.length ?? 0) + 4 + mapLen);
  let o = writeFixedPart(out, headroom, cmd, remark?.length ?? 0);
  if (remark) o += remark.copy(out, o);
  o = out.writeInt32BE(mapLen, o);
  for (const [kb, vb] of entries) {
    o = out.writeInt16BE(kb.length, o);
    o += kb.copy(out, o);
    o = out.writeInt32BE(vb.length, o);
    o += vb.copy(out, o);
  }
  return out;
}

export function decodeRocketMQHeader(buf: Buffer): RemotingCommand {
  const need = (off: number, n: number, what: string) => {
    if (off + n > buf.length) throw new ProtocolError(`truncated ROCKETMQ header: ${what} needs ${n} bytes at ${off}, header has ${buf.length}`);
  };
  need(0, 17, 'fixed part');
  const code = buf.readInt16BE(0);
  const language = LANGUAGES[buf.readUInt8(2)] ?? 'OTHER';
  const version = buf.readInt16BE(3);
  const opaque = buf.readInt32BE(5);
  const flag = buf.readInt32BE(9);
  const remarkLen = buf.readInt32BE(13);
  if (remarkLen < 0) throw new ProtocolError(`negative remark length ${remarkLen}`);
  let o = 17;
  need(o, remarkLen, 'remark');
  const remark = remarkLen > 0 ? buf.toString('utf8', o, o + remarkLen) : undefined;
  o += remarkLen;
  need(o, 4, 'extFields length');
  const mapLen = buf.readInt32BE(o);
  o += 4;
  if (mapLen < 0) throw new ProtocolError(`negative extFields length ${mapLen}`);
  need(o, mapLen, 'extFields');
  const end = o + mapLen;
  let extFields: ExtFields | undefined;
  if (mapLen > 0) {
    extFields = {};
    while (o < end) {
      need(o, 2, 'ext key length');
      const kl = buf.readInt16BE(o);
      o += 2;
      if (kl < 0 || o + kl > end) throw new ProtocolError('ext key overruns the header');
      const k = buf.toString('utf8', o, o + kl);
      o += kl;
      if (o + 4 > end) throw new ProtocolError('ext value length overruns the header');
      const vl = buf.readInt32BE(o);
      o += 4;
      if (vl < 0 || o + vl > end) throw new ProtocolError('ext value overruns the header');
      // A zero-length value decodes to null in Java; we drop it the same way.
      if (vl > 0) setExt(extFields, k, buf.toString('utf8', o, o + vl));
      o += vl;
    }
  }
  return { code, language, version, opaque, flag, remark, extFields, serializeType: 'ROCKETMQ' };
}
