/**
 * fast-check arbitraries for RemotingCommands, shared by the frame and header-codec properties.
 * `canonicalCommandArb` yields commands that survive encode → decode unchanged in the given
 * serialization, so the round trip can be compared field by field and byte by byte.
 */
import fc from 'fast-check';
import type { ExtFields, RemotingCommand, SerializeType } from '../../../core/remoting/command.js';

export const LANGUAGES = ['JAVA', 'CPP', 'DOTNET', 'PYTHON', 'DELPHI', 'ERLANG', 'RUBY', 'OTHER', 'HTTP', 'GO', 'PHP', 'OMS', 'RUST', 'NODE_JS'] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Strings with ASCII, control characters, quotes, backslashes, any code point and the property separators. */
const richUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '\\', '\u0000', '\u0001', '\u0002', '\n', '\u2028', '€', '😀', '\u007f', '\u0080') },
);

/** Well-formed UTF-16 (what survives UTF-8 encoding): the binary header carries these exactly. */
export function utf8String(opts: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: richUnit, minLength: opts.minLength ?? 0, maxLength: opts.maxLength ?? 24 });
}

/** Any UTF-16, lone surrogates included: the JSON header escapes them and gets them back. */
export function anyString(opts: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof({ weight: 8, arbitrary: richUnit }, { weight: 1, arbitrary: loneSurrogate }),
    minLength: opts.minLength ?? 0,
    maxLength: opts.maxLength ?? 24,
  });
}

/** Keys that are special on a plain object: a decoder that assigns them with `obj[k] = v` loses them. */
const trickyKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'topic', 'a b', '0', '1');

function extArb(key: fc.Arbitrary<string>, value: fc.Arbitrary<string>): fc.Arbitrary<ExtFields | undefined> {
  return fc.option(
    fc.array(fc.tuple(fc.oneof(key, trickyKey), value), { maxLength: 6 }).map((pairs) => {
      // Own properties even for '__proto__' (as JSON.parse creates them), first occurrence kept.
      const ext: ExtFields = {};
      for (const [k, v] of pairs) {
        if (!Object.prototype.hasOwnProperty.call(ext, k)) Object.defineProperty(ext, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return ext;
    }),
    { nil: undefined },
  );
}

/**
 * A command whose decode(encode(cmd, type)) equals it: the binary header cannot carry empty ext
 * values (Java reads them as null) nor an empty remark, and only well-formed strings survive
 * UTF-8; the JSON header carries any string.
 */
export function canonicalCommandArb(type: SerializeType): fc.Arbitrary<RemotingCommand> {
  const str = type === 'JSON' ? anyString : utf8String;
  const minValue = type === 'JSON' ? 0 : 1;
  return fc
    .record({
      code: fc.integer({ min: -32768, max: 32767 }),
      language: fc.constantFrom(...LANGUAGES),
      version: fc.integer({ min: -32768, max: 32767 }),
      opaque: fc.oneof(fc.constant(1), fc.integer()),
      flag: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer()),
      remark: fc.option(str({ minLength: type === 'JSON' ? 0 : 1, maxLength: 40 }), { nil: undefined }),
      extFields: extArb(str({ maxLength: 12 }), str({ minLength: minValue, maxLength: 30 })),
      body: fc.option(
        fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)),
        { nil: undefined },
      ),
    })
    .map((r) => ({ ...r, serializeType: type }));
}

/** A command in either serialization, with its frame type. */
export const anyCanonicalCommandArb: fc.Arbitrary<RemotingCommand> = fc.oneof(canonicalCommandArb('JSON'), canonicalCommandArb('ROCKETMQ'));

/** A comparable plain form: bodies as hex, undefined fields dropped, ext as sorted own entries. */
export function plain(cmd: RemotingCommand): Record<string, unknown> {
  const ext = cmd.extFields ? Object.entries(cmd.extFields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : undefined;
  return {
    code: cmd.code,
    language: cmd.language,
    version: cmd.version,
    opaque: cmd.opaque,
    flag: cmd.flag,
    remark: cmd.remark,
    ext: ext && ext.length > 0 ? ext : undefined,
    body: cmd.body && cmd.body.length > 0 ? cmd.body.toString('hex') : undefined,
    serializeType: cmd.serializeType,
  };
}
