/**
 * Client-side checks of a message body in its chosen format, so bad input is caught before a send:
 * byte count (against the profile's max message size), JSON validity, hex and base64 syntax.
 * The host validates again; this only makes the errors immediate and specific.
 */
import type { BodyFormat } from '../../../electron/common/api.js';
import { jsonProblem } from './json-syntax.js';

export const DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
const encoder = new TextEncoder();

export interface BodyCheck {
  bytes: number;
  error?: string;
}

const HEX = /^[0-9a-fA-F\s]*$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export function checkBody(body: string, format: BodyFormat): BodyCheck {
  switch (format) {
    case 'hex': {
      const compact = body.replace(/\s+/g, '');
      if (!HEX.test(body)) return { bytes: Math.floor(compact.length / 2), error: 'Hex body: only 0-9 and a-f are allowed (spaces are ignored).' };
      if (compact.length % 2 !== 0) return { bytes: Math.floor(compact.length / 2), error: 'Hex body: an odd number of digits — every byte needs two.' };
      return { bytes: compact.length / 2 };
    }
    case 'base64': {
      const compact = body.replace(/\s+/g, '');
      const bytes = Math.floor((compact.length * 3) / 4) - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
      if (!BASE64.test(body) || compact.length % 4 === 1) return { bytes: Math.max(0, bytes), error: 'Base64 body: not valid base64 (A–Z, a–z, 0–9, +, / and = padding).' };
      return { bytes: Math.max(0, bytes) };
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

/** RocketMQ's topic rule (Validators.checkTopic): letters, digits, %, |, _ and -, at most 127 chars. */
export function topicError(topic: string): string | undefined {
  const t = topic.trim();
  if (t === '') return 'Choose a topic.';
  if (t.includes('{{')) return undefined; // a template; the host checks the expanded name
  if (t.length > 127) return 'Topic names are at most 127 characters.';
  if (!/^[%|a-zA-Z0-9_-]+$/.test(t)) return `"${t}" is not a valid topic name: use letters, digits, %, |, _ and - only.`;
  return undefined;
}
