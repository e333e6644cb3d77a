/**
 * Client-side checks of a message body in its chosen format, so bad input is caught before a send:
 * byte count (against the profile's max message size), JSON validity, hex and base64 syntax.
 * The host validates again; this only makes the errors immediate and specific.
 */
import type { BodyFormat } from '../../../electron/common/api.js';
// The same rules the host and core apply, loaded at runtime from the one pure module.
import {
  base64DecodedLength,
  base64SyntaxError,
  compactBase64,
  compactHex,
  DEFAULT_MAX_MESSAGE_SIZE,
  hexSyntaxError,
  NAME_CHARS_TEXT,
  NAME_PATTERN,
  TOPIC_MAX_LENGTH,
} from '../../../core/rules/index.js';
import { jsonProblem } from './json-syntax.js';

export { DEFAULT_MAX_MESSAGE_SIZE };
const encoder = new TextEncoder();

export interface BodyCheck {
  bytes: number;
  error?: string;
}

export function checkBody(body: string, format: BodyFormat): BodyCheck {
  switch (format) {
    case 'hex': {
      const bytes = Math.floor(compactHex(body).length / 2);
      const error = hexSyntaxError(body);
      return error ? { bytes, error: `Hex body: ${error}.` } : { bytes };
    }
    case 'base64': {
      const bytes = base64DecodedLength(compactBase64(body));
      const error = base64SyntaxError(body);
      return error ? { bytes, error: `Base64 body: ${error}.` } : { bytes };
    }
    case 'json': {
      const bytes = encoder.encode(body).length;
      const error = jsonError(body);
      return error ? { bytes, error } : { bytes };
    }
    default:
      return { bytes: encoder.encode(body).length };
  }
}

/**
 * JSON validity, judged as the host will see it after expansion (template variables such as
 * {"id":"{{uuid}}"} or {"n":{{seq}}} count as values), with the line and column of the first error.
 */
export function jsonError(body: string): string | undefined {
  if (body.trim() === '') return 'JSON body: the body is empty.';
  const p = jsonProblem(body);
  return p ? `The body is not valid JSON at line ${p.line}, column ${p.column}: ${p.message}.` : undefined;
}

/** Pretty-prints JSON (variables kept in place when they sit inside strings). */
export function formatJson(body: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return undefined;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** RocketMQ's topic rule (Validators.checkTopic), from core/rules. */
export function topicError(topic: string): string | undefined {
  const t = topic.trim();
  if (t === '') return 'Choose a topic.';
  if (t.includes('{{')) return undefined; // a template; the host checks the expanded name
  if (t.length > TOPIC_MAX_LENGTH) return `Topic names are at most ${TOPIC_MAX_LENGTH} characters.`;
  if (!NAME_PATTERN.test(t)) return `"${t}" is not a valid topic name: use ${NAME_CHARS_TEXT} only.`;
  return undefined;
}
