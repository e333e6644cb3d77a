import { describe, expect, it } from 'vitest';
import { detectFormat, parseCsv, parseNdjson } from '../../../electron/services/data-file-parse.js';
import { rowRequest } from '../../../electron/services/data-file.js';

describe('CSV', () => {
  it('parses quoted fields, escaped quotes and newlines inside quotes, with line numbers', () => {
    const f = parseCsv('\ufefftopic,body,keys\r\nT1,"a, ""quoted"" body",k1\nT2,"two\nlines",k2\n\nT3,plain,k3\n');
    expect(f.columns).toEqual(['topic', 'body', 'keys']);
    expect(f.issues).toEqual([]);
    expect(f.rows).toEqual([
      { line: 2, values: { topic: 'T1', body: 'a, "quoted" body', keys: 'k1' } },
      { line: 3, values: { topic: 'T2', body: 'two\nlines', keys: 'k2' } },
      { line: 6, values: { topic: 'T3', body: 'plain', keys: 'k3' } },
    ]);
  });

  it('reports malformed rows by line and keeps the others', () => {
    const f = parseCsv('topic,body\nT1,ok\nT2\nT3,"x"y\nT4,fine\nT5,"never closed\n');
    expect(f.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(f.issues).toEqual([
      { line: 3, message: 'expected 2 fields (as the header), found 1' },
      { line: 4, message: 'characters after a closing quote' },
      { line: 6, message: 'unterminated quoted field' },
    ]);
  });

  it('refuses an empty file', () => {
    expect(parseCsv('').issues[0]!.message).toMatch(/header row is required/);
  });
});

describe('NDJSON', () => {
  it('parses objects per line and reports bad lines', () => {
    const f = parseNdjson('{"topic":"T","body":{"a":1}}\n\nnot json\n[1,2]\n{"topic":"U","body":"x","properties":{"p":"1"}}\n');
    expect(f.rows.map((r) => r.line)).toEqual([1, 5]);
    expect(f.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(f.columns).toEqual(['topic', 'body', 'properties']);
  });

  it('detects the format', () => {
    expect(detectFormat('{"a":1}')).toBe('ndjson');
    expect(detectFormat('a,b')).toBe('csv');
    expect(detectFormat('a,b', 'x.jsonl')).toBe('ndjson');
  });
});

describe('row mapping', () => {
  it('uses conventional columns when there is no mapping', () => {
    const r = rowRequest({ line: 2, values: { topic: 'T', tags: 'A', keys: 'k', body: 'b', 'prop.color': 'red', 'prop.empty': '' } }, {}, 'p', 'sync');
    expect(r.message).toMatchObject({
      topic: '{{col.topic}}',
      tags: '{{col.tags}}',
      keys: '{{col.keys}}',
      body: '{{col.body}}',
      bodyFormat: 'text',
      properties: { color: '{{col.prop.color}}' },
    });
    const j = rowRequest({ line: 1, values: { topic: 'T', body: { a: 1 }, properties: { x: '1' } } }, {}, 'p', 'async');
    expect(j.message).toMatchObject({ bodyFormat: 'json', properties: { x: '{{col.properties.x}}' } });
  });

  it('prefers the explicit mapping and explains a missing topic or body', () => {
    const r = rowRequest({ line: 2, values: { t: 'X', payload: 'p' } }, { topic: 'ORDERS_{{col.t}}', body: '{{col.payload}}-{{seq}}' }, 'p', 'sync');
    expect(r.message).toMatchObject({ topic: 'ORDERS_{{col.t}}', body: '{{col.payload}}-{{seq}}' });
    expect(() => rowRequest({ line: 2, values: { body: 'b' } }, {}, 'p', 'sync')).toThrow(/no topic/);
    expect(() => rowRequest({ line: 2, values: { topic: 't' } }, {}, 'p', 'sync')).toThrow(/no body/);
  });
});
