/**
 * A JSON parser tolerant of what fastjson writes in NameServer and admin bodies:
 * bare numeric map keys (`{0:"127.0.0.1:10911"}`) and object-typed keys
 * (`{{"brokerName":"b","queueId":0,"topic":"t"}:{...}}`). Object keys become the canonical JSON
 * text of the key object; integers beyond 2^53 become bigint so 64-bit offsets stay exact.
 */
import { ProtocolError } from '../errors.js';

export type LenientValue = null | boolean | number | bigint | string | LenientValue[] | { [k: string]: LenientValue };

export function parseLenientJson(input: string | Buffer): LenientValue {
  const s = typeof input === 'string' ? input : input.toString('utf8');
  let i = 0;

  const fail = (what: string): never => {
    throw new ProtocolError(`malformed JSON body at offset ${i}: ${what}`);
  };
  const ws = () => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const parseString = (): string => {
    // s[i] === '"'
    const start = ++i;
    let out = '';
    let runStart = start;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        out += s.slice(runStart, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += s.slice(runStart, i);
        const e = s[i + 1];
        if (e === undefined) fail('unterminated escape');
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          const m = map[e!];
          if (m === undefined) fail(`bad escape \\${e}`);
          out += m;
          i += 2;
        }
        runStart = i;
        continue;
      }
      i++;
    }
    return fail('unterminated string');
  };

  const parseNumber = (): number | bigint => {
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 64));
    if (!m) return fail('bad number');
    i += m[0].length;
    if (!m[1] && !m[2]) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  };

  // `depth` is the enclosing object's: an object key nests like a value, so `{{{…` cannot overflow the stack.
  const parseKey = (depth: number): string => {
    ws();
    const c = s[i];
    if (c === '"') return parseString();
    if (c === '{' || c === '[') return canonical(parseValue(depth + 1));
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return String(parseNumber());
    // fastjson can also write bare identifiers as keys
    const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i, i + 256));
    if (!m) return fail('bad object key');
    i += m[0].length;
    return m[0];
  };

  const parseValue = (depth: number): LenientValue => {
    if (depth > 256) fail('nesting too deep');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      const obj: Record<string, LenientValue> = {};
      ws();
      if (s[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        const k = parseKey(depth);
        ws();
        if (s[i] !== ':') fail("expected ':'");
        i++;
        const v = parseValue(depth + 1);
        // As JSON.parse: "__proto__" is an own key, never the object's prototype.
        if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[k] = v;
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: LenientValue[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    if (s.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (s.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (s.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return parseNumber();
  };

  const v = parseValue(0);
  ws();
  if (i !== s.length) fail('trailing characters');
  return v;
}

/** Canonical text of an object key: sorted keys, so lookups do not depend on fastjson's order. */
function canonical(v: LenientValue): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`).join(',')}}`;
  }
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return JSON.stringify(v);
}

/** Helpers for reading loosely-typed bodies with clear errors. */
export function asObject(v: LenientValue | undefined, what: string): Record<string, LenientValue> {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) throw new ProtocolError(`${what}: expected an object`);
  return v as Record<string, LenientValue>;
}

export function asArray(v: LenientValue | undefined, what: string): LenientValue[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ProtocolError(`${what}: expected an array`);
  return v;
}

export function asString(v: LenientValue | undefined, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  throw new ProtocolError(`${what}: expected a string`);
}

export function asNumber(v: LenientValue | undefined, what: string, fallback?: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (v === undefined && fallback !== undefined) return fallback;
  throw new ProtocolError(`${what}: expected a number`);
}

export function asBigInt(v: LenientValue | undefined, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  throw new ProtocolError(`${what}: expected an integer`);
}
