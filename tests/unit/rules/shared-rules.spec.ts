/**
 * core/rules is the one place the renderer, the host and core take their shared rules from. These
 * tests hold the three to it: the host's encoder accepts exactly the bodies the rules accept (the
 * composer's check is held to the rules in tests/unit/renderer/body-codec.spec.ts: this project
 * cannot compile renderer files), the topic rule is the same in core and the contract, and no layer
 * writes a rule out again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTopic } from '../../../core/producer/validators.js';
import {
  base64DecodedLength,
  base64SyntaxError,
  compactBase64,
  compactHex,
  DEFAULT_MAX_MESSAGE_SIZE,
  hasTemplateVariables,
  hexSyntaxError,
  isValidTopicName,
  NAME_PATTERN,
  templateVariablePattern,
  TOPIC_MAX_LENGTH,
  utf8Length,
} from '../../../core/rules/index.js';
import { OpsCreateTopic } from '../../../electron/common/contract-schemas.js';
import { encodeBody } from '../../../electron/services/body-codec.js';
import { DEFAULT_PRODUCER_OPTIONS } from '../../../electron/services/profiles.js';

const REPO = resolve(import.meta.dirname, '../../..');

const hostAccepts = (text: string, format: 'hex' | 'base64'): boolean => {
  try {
    encodeBody(text, format);
    return true;
  } catch {
    return false;
  }
};

describe('bodies: the host encodes exactly what the shared syntax accepts', () => {
  it('on base64, standard and URL-safe (they used to differ on -_)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09+/-_= \n$'.split('')), maxLength: 16 }), (s) => {
        expect(base64SyntaxError(s) === undefined).toBe(hostAccepts(s, 'base64'));
      }),
      { numRuns: 2000 },
    );
    expect(hostAccepts('_-8', 'base64')).toBe(true);
  });

  it('on hex, with spaces and a leading 0x (the composer used to refuse 0x)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0aFgx \t'.split('')), maxLength: 12 }), (s) => {
        expect(hexSyntaxError(s) === undefined).toBe(hostAccepts(s, 'hex'));
      }),
      { numRuns: 2000 },
    );
    expect(encodeBody('0xCA FE', 'hex')).toEqual(Buffer.from([0xca, 0xfe]));
  });

  it('counts the decoded bytes the host will send', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(base64DecodedLength(compactBase64(b.toString('base64')))).toBe(b.length);
        expect(base64DecodedLength(compactBase64(b.toString('base64url')))).toBe(b.length);
        expect(compactHex(`0x${b.toString('hex')}`).length / 2).toBe(b.length);
      }),
    );
  });
});

describe('names: one topic rule in every layer', () => {
  it('core and the contract accept the same topic names', () => {
    const names = ['Orders_v2-%|x', 'bad topic', 'a'.repeat(TOPIC_MAX_LENGTH), 'a'.repeat(TOPIC_MAX_LENGTH + 1), 'topic.with.dots', 'ok', 'é'];
    for (const t of names) {
      const core = (() => {
        try {
          checkTopic(t);
          return true;
        } catch {
          return false;
        }
      })();
      const contract = OpsCreateTopic.shape.topic.safeParse(t).success;
      expect({ t, core, contract }).toEqual({ t, core: isValidTopicName(t), contract: isValidTopicName(t) });
    }
  });
});

describe('limits and syntax', () => {
  it('the profile default is the broker default', () => {
    expect(DEFAULT_PRODUCER_OPTIONS.maxMessageSize).toBe(DEFAULT_MAX_MESSAGE_SIZE);
    expect(DEFAULT_MAX_MESSAGE_SIZE).toBe(4 * 1024 * 1024);
  });

  it('utf8Length counts what Buffer counts, surrogate pairs and lone surrogates too', () => {
    const samples = ['', 'a', 'é', '€', '😀', '\ud800', '\udc00', 'a\ud800b', '\ud83d\ude00\ud83d', 'x\udc00\ud800y'];
    for (let c = 0; c <= 0xffff; c += 61) samples.push(String.fromCharCode(c) + 'z' + String.fromCharCode(0xffff - c));
    for (const s of samples) expect([s, utf8Length(s)]).toEqual([s, Buffer.byteLength(s, 'utf8')]);
  });

  it('the variable pattern is fresh per call (no lastIndex carried between callers)', () => {
    const a = templateVariablePattern();
    expect(a.test('{{uuid}} x')).toBe(true);
    expect(templateVariablePattern().lastIndex).toBe(0);
    expect('{{ seq }}-{{uuid}}'.replace(templateVariablePattern(), (_m, e: string) => `<${e}>`)).toBe('<seq>-<uuid>');
    expect(hasTemplateVariables('no vars')).toBe(false);
    expect(hasTemplateVariables('{{now:iso}}')).toBe(true);
  });
});

describe('no layer writes a shared rule out again', () => {
  function* sources(dir: string): Generator<string> {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'out') yield* sources(p);
      } else if (/\.(ts|vue|mjs)$/.test(e.name)) yield p;
    }
  }
  /** Same number, another rule: LZ4's frame format has its own 4 MiB maximum block size. */
  const OTHER_RULES = new Set(['core/protocol/lz4-frame.ts']);
  const COPIES: [string, RegExp][] = [
    ['the topic/group character rule', new RegExp(NAME_PATTERN.source.replace(/[\\^$|[\]()+*?]/g, '\\$&'))],
    ['the 4 MiB body limit', /(?<![\d.])4\s*\*\s*1024\s*\*\s*1024(?!\s*\*)|\b4194304\b/],
    ['the properties limit', /\b32767\b/],
    ['the template-variable syntax', /\\\{\\\{/],
  ];
  it.each(COPIES)('%s appears only in core/rules', (_what, pattern) => {
    const hits: string[] = [];
    for (const dir of ['core', 'electron', 'renderer/src']) {
      for (const file of sources(join(REPO, dir))) {
        const rel = relative(REPO, file);
        if (rel.startsWith('core/rules/') || OTHER_RULES.has(rel)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (pattern.test(line)) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(hits).toEqual([]);
  });
});
