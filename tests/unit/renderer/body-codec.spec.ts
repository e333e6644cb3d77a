import { describe, expect, it } from 'vitest';
import { checkBody, formatJson, topicError } from '../../../renderer/src/lib/body-codec.js';

describe('checkBody', () => {
  it('counts UTF-8 bytes of text', () => {
    expect(checkBody('héllo', 'text')).toEqual({ bytes: 6 });
  });

  it('judges JSON after template variables are expanded', () => {
    expect(checkBody('{"id":"{{uuid}}","n":{{seq}}}', 'json').error).toBeUndefined();
    expect(checkBody('{"id": 1,', 'json').error).toMatch(/not valid JSON/);
    expect(checkBody('   ', 'json').error).toMatch(/empty/);
  });

  it('checks hex digits and pairs', () => {
    expect(checkBody('de ad be ef', 'hex')).toEqual({ bytes: 4 });
    expect(checkBody('abc', 'hex').error).toMatch(/odd number/);
    expect(checkBody('zz', 'hex').error).toMatch(/only 0-9/);
  });

  it('checks base64 and counts decoded bytes', () => {
    expect(checkBody('aGVsbG8=', 'base64')).toEqual({ bytes: 5 });
    expect(checkBody('a$b=', 'base64').error).toMatch(/not base64/);
    // URL-safe base64 and a 0x prefix are accepted here as the host's encoder accepts them (one rule, core/rules;
    // tests/unit/rules/shared-rules.spec.ts holds the encoder to the same rule).
    expect(checkBody('_-8', 'base64')).toEqual({ bytes: 2 });
    expect(checkBody('0x00ff', 'hex')).toEqual({ bytes: 2 });
  });
});

describe('topicError', () => {
  it('accepts RocketMQ topic characters and templates, refuses the rest with the reason', () => {
    expect(topicError('Orders_v2-%|x')).toBeUndefined();
    expect(topicError('orders-{{env.SUFFIX}}')).toBeUndefined();
    expect(topicError('')).toMatch(/Choose a topic/);
    expect(topicError('bad topic')).toMatch(/letters, digits/);
    expect(topicError('x'.repeat(128))).toMatch(/127/);
  });
});

describe('formatJson', () => {
  it('pretty-prints valid JSON and refuses the rest', () => {
    expect(formatJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(formatJson('{')).toBeUndefined();
  });
});
