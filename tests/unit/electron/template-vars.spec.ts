import { describe, expect, it } from 'vitest';
import { bodyAsText, encodeBody } from '../../../electron/services/body-codec.js';
import { expand, SequenceCounters } from '../../../electron/services/template-vars.js';

const ctx = { seq: 7, now: Date.UTC(2024, 0, 2, 3, 4, 5, 6), env: { REGION: 'eu-1' } };

describe('template variables', () => {
  it('expands every variable kind', () => {
    expect(expand('{{seq}}-{{now}}-{{now:iso}}-{{env.REGION}}', ctx, 'f')).toBe(`7-${ctx.now}-2024-01-02T03:04:05.006Z-eu-1`);
    expect(expand('{{uuid}}', ctx, 'f')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(expand('{{uuid}} {{uuid}}', ctx, 'f').split(' ')).toSatisfy((a: string[]) => a[0] !== a[1]);
    for (let i = 0; i < 200; i++) {
      const n = Number(expand('{{randomInt 3 5}}', ctx, 'f'));
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(expand('{{randomString 12}}', ctx, 'f')).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(expand('{{ seq }}', ctx, 'f')).toBe('7');
    expect(expand('{{col.user.id}}/{{col.name}}', { ...ctx, row: { name: 'n', user: { id: 42 } } }, 'f')).toBe('42/n');
    expect(expand('{"a": {{col.obj}}}', { ...ctx, row: { obj: { b: [1] } } }, 'f')).toBe('{"a": {"b":[1]}}');
  });

  it('never re-expands substituted values (message content is data, not templates)', () => {
    expect(expand('{{col.x}}', { ...ctx, row: { x: '{{env.REGION}}' } }, 'f')).toBe('{{env.REGION}}');
  });

  it('names the field and the fix for a bad variable', () => {
    expect(() => expand('{{nope}}', ctx, 'message.body')).toThrow(/message\.body: \{\{nope\}\} is not a known variable/);
    expect(() => expand('{{env.MISSING}}', ctx, 'message.tags')).toThrow(/message\.tags: .*add MISSING to the profile/);
    expect(() => expand('{{randomInt 5 1}}', ctx, 'f')).toThrow(/two integers a ≤ b/);
    expect(() => expand('{{col.x}}', ctx, 'f')).toThrow(/only works in a data-file run/);
  });

  it('counts {{seq}} per profile; peek does not advance', () => {
    const s = new SequenceCounters();
    expect(s.peek('a')).toBe(1);
    expect(s.peek('a', 2)).toBe(3);
    expect(s.take('a')).toBe(1);
    expect(s.take('a')).toBe(2);
    expect(s.take('b')).toBe(1);
  });
});

describe('body formats', () => {
  it('encodes text, JSON, hex and base64', () => {
    expect(encodeBody('héllo', 'text')).toEqual(Buffer.from('héllo', 'utf8'));
    expect(encodeBody('{"a":1}', 'json').toString()).toBe('{"a":1}');
    expect(encodeBody('00 ff 10', 'hex')).toEqual(Buffer.from([0, 255, 16]));
    expect(encodeBody('0xCAFE', 'hex')).toEqual(Buffer.from([0xca, 0xfe]));
    expect(encodeBody('AP8Q', 'base64')).toEqual(Buffer.from([0, 255, 16]));
    expect(encodeBody('_-8', 'base64')).toEqual(Buffer.from('_-8', 'base64url'));
  });

  it('refuses malformed bodies with a message', () => {
    expect(() => encodeBody('{a:1}', 'json')).toThrow(/body: not valid JSON/);
    expect(() => encodeBody('abc', 'hex')).toThrow(/not hex/);
    expect(() => encodeBody('zz', 'hex')).toThrow(/not hex/);
    expect(() => encodeBody('a$b=', 'base64')).toThrow(/not base64/);
  });

  it('shows bodies as text only when they are UTF-8', () => {
    expect(bodyAsText(Buffer.from('ok ✓'))).toBe('ok ✓');
    expect(bodyAsText(Buffer.from([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});
