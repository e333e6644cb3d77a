import { describe, expect, it } from 'vitest';
import { buildVariableItems, completionAt, variableAt } from '../../../renderer/src/lib/variables.js';

describe('buildVariableItems', () => {
  it("lists the host's variables, then the profile's environment values by name", () => {
    const items = buildVariableItems(
      [
        { name: 'uuid', detail: 'a UUID' },
        { name: 'randomInt 1 100', detail: 'an int', snippet: 'randomInt ${1:1} ${2:100}' },
      ],
      { REGION: 'eu', APP: 'shop' },
    );
    expect(items.map((i) => i.name)).toEqual(['uuid', 'randomInt 1 100', 'env.APP', 'env.REGION']);
    expect(items[1]).toMatchObject({ snippet: 'randomInt ${1:1} ${2:100}', kind: 'template' });
    expect(items[2]?.kind).toBe('profile');
  });
});

describe('completionAt', () => {
  it('completes right after {{, adding the closing braces that are missing', () => {
    expect(completionAt('id={{', 6)).toEqual({ startColumn: 6, endColumn: 6, closing: '}}' });
    // JSON mode auto-closes each brace: the line is {"a":"{{}}"} with the cursor between.
    expect(completionAt('{"a":"{{}}"}', 9)).toEqual({ startColumn: 9, endColumn: 9, closing: '' });
    expect(completionAt('x {{}', 5)).toMatchObject({ closing: '}' });
  });

  it('replaces what was typed after {{ (and skips leading spaces)', () => {
    expect(completionAt('k-{{ se', 8)).toEqual({ startColumn: 6, endColumn: 8, closing: '}}' });
  });

  it('does not complete outside an open variable', () => {
    expect(completionAt('no braces', 4)).toBeUndefined();
    expect(completionAt('{{uuid}} and ', 14)).toBeUndefined();
    expect(completionAt('{{"a": 1', 9)).toBeUndefined();
  });
});

describe('variableAt', () => {
  const line = '{"id":"{{uuid}}","n":{{ seq }}}';
  it('finds the variable under a column, its expression trimmed', () => {
    expect(variableAt(line, 8)).toEqual({ expr: 'uuid', startColumn: 8, endColumn: 16 });
    expect(variableAt(line, 15)).toMatchObject({ expr: 'uuid' });
    expect(variableAt(line, 25)).toEqual({ expr: 'seq', startColumn: 22, endColumn: 31 });
  });

  it('is undefined between variables and for empty braces', () => {
    expect(variableAt(line, 16)).toBeUndefined();
    expect(variableAt('{{}}', 2)).toBeUndefined();
  });
});
