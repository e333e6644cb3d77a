/**
 * A strict JSON syntax check that says where the first error is (line and column, 1-based) in
 * words a user can act on. JSON.parse's messages differ between engines and carry only a character
 * position; Monaco's JSON worker flags template variables such as {"n": {{seq}}} that are valid
 * once the host expands them. So the composer validates with this and sets one marker itself.
 */
import { templateVariablePattern } from '../../../core/rules/index.js';

export interface JsonProblem {
  /** 0-based offset into the text. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

// The host's variable syntax (core/rules); one instance is safe with String.replace, which resets lastIndex.
const VARIABLE = templateVariablePattern();

/**
 * Template variables replaced by a same-length stand-in, so offsets still point into the user's
 * text: `0` then spaces — a number outside strings, harmless characters inside them.
 */
export function maskVariables(text: string): string {
  return text.replace(VARIABLE, (v) => '0'.padEnd(v.length, ' '));
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Fail extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const describe = (c: string | undefined): string => (c === undefined ? 'the end of the text' : c === '\n' ? 'a line break' : `'${c}'`);

/** The first syntax error of `text` as JSON (after masking variables), or undefined when it parses. */
export function jsonProblem(raw: string): JsonProblem | undefined {
  const s = maskVariables(raw);
  let i = 0;

  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new Fail(at, message);
  };

  const string = (): void => {
    const start = i;
    i++; // opening quote
    while (i < s.length) {
      const c = s[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) fail('\\u needs four hex digits', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`invalid escape \\${e ?? ''} in a string`, i);
      } else if (c.charCodeAt(0) < 0x20)
        fail(c === '\n' ? 'a string cannot span lines: close it with " or write \\n' : 'control characters must be escaped in a string', i);
      else i++;
    }
    fail('this string is never closed with "', start);
  };

  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m) fail(`${describe(s[i])} is not a valid number`);
    i += m![0].length;
  };

  const literal = (word: string): void => {
    if (s.startsWith(word, i)) i += word.length;
    else fail(`expected a value but found ${describe(s[i])}${s[i] === "'" ? ' (JSON strings use double quotes)' : ''}`);
  };

  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"')
          fail(s[i] === '}' ? 'a trailing comma is not allowed before }' : `expected a property name in double quotes but found ${describe(s[i])}`);
        string();
        ws();
        if (s[i] !== ':') fail(`expected ':' after the property name but found ${describe(s[i])}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a property value but found ${describe(s[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] === ']') fail('a trailing comma is not allowed before ]');
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after an array element but found ${describe(s[i])}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail(
      c === undefined
        ? 'the text ends where a value is expected'
        : `expected a value but found ${describe(c)}${c === "'" ? ' (JSON strings use double quotes)' : ''}`,
    );
  };

  try {
    ws();
    if (i === s.length) fail('the body is empty');
    value(0);
    ws();
    if (i < s.length) fail(`unexpected ${describe(s[i])} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const at = Math.min(e.at, raw.length);
    return { offset: at, ...lineColumn(raw, at), message: e.message };
  }
}
