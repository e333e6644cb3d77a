import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonProblem, lineColumn, maskVariables } from '../../../renderer/src/lib/json-syntax.js';

describe('jsonProblem', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9\\n"', 'true', ' null ', '{"a":[1,{"b":false}],"c":"x"}']) {
      expect(jsonProblem(ok), ok).toBeUndefined();
      expect(() => JSON.parse(ok)).not.toThrow();
    }
  });

  it('agrees with JSON.parse on arbitrary JSON values and on truncations of them', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), (json, cut) => {
        expect(jsonProblem(json)).toBeUndefined();
        const truncated = json.slice(0, cut % (json.length + 1));
        let parses = true;
        try {
          JSON.parse(truncated);
        } catch {
          parses = false;
        }
        expect(jsonProblem(truncated) === undefined).toBe(parses);
      }),
    );
  });

  it('treats template variables as values, in strings and outside them', () => {
    expect(jsonProblem('{"id":"{{uuid}}","n":{{seq}},"r":{{randomInt 1 9}}}')).toBeUndefined();
  });

  it('names the line and column of the first error', () => {
    expect(jsonProblem('{\n  "a": 1,\n  "b" 2\n}')).toEqual({ offset: 18, line: 3, column: 7, message: "expected ':' after the property name but found '2'" });
    expect(jsonProblem('{"orderId": 42,')).toMatchObject({
      line: 1,
      column: 16,
      message: 'expected a property name in double quotes but found the end of the text',
    });
    expect(jsonProblem('{"a": 1,}')).toMatchObject({ line: 1, column: 9, message: 'a trailing comma is not allowed before }' });
    expect(jsonProblem("{'a': 1}")).toMatchObject({ column: 2 });
    expect(jsonProblem('[1 2]')).toMatchObject({ column: 4, message: "expected ',' or ']' after an array element but found '2'" });
    expect(jsonProblem('{"a": "x}')).toMatchObject({ column: 7, message: 'this string is never closed with "' });
    expect(jsonProblem('{} x')).toMatchObject({ column: 4, message: "unexpected 'x' after the end of the JSON value" });
  });

  it('keeps offsets of the original text when variables are masked', () => {
    const text = '{"a": {{uuid}} ,, }';
    expect(maskVariables(text)).toHaveLength(text.length);
    expect(jsonProblem(text)).toMatchObject({ offset: 16, column: 17 });
  });

  it('converts offsets to 1-based line and column', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
