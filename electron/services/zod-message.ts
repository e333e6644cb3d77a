/**
 * The one place where schema issues become the text a user reads. A form field gets its label and
 * the value that was refused ("NameServer address "127.0.0.1": has no port …"), never the internal
 * channel or the array index; fields without a label keep their dotted path, which is what a
 * script calling the API needs to find them.
 */
import type { z } from 'zod';

/** Labels as the forms show them; keys are paths without array indexes and without a wrapper (patch., draft.). */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  namesrvAddrs: 'NameServer address',
  accessKey: 'AccessKey',
  secretKey: 'SecretKey',
  namespace: 'Namespace',
  environment: 'Environment',
  'producer.group': 'Producer group',
  'producer.sendTimeoutMs': 'Send timeout (ms)',
  'producer.retries': 'Retries',
  'producer.behaviour': 'Producer behaviour',
};
/** Objects that wrap a profile's fields in some requests (profiles:update, profiles:test). */
const WRAPPERS = new Set(['patch', 'draft']);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(path: readonly PropertyKey[], input: unknown): string {
  const keys = path.filter((k) => typeof k === 'string') as string[];
  const start = keys.length > 1 && WRAPPERS.has(keys[0]!) ? 1 : 0;
  const label = FIELD_LABELS[keys.slice(start).join('.')];
  if (!label) return path.map(String).join('.');
  // An item of a list is named by its value: "the 1st address" means little in a one-line field.
  const v = typeof path[path.length - 1] === 'number' ? valueAt(input, path) : undefined;
  return typeof v === 'string' ? `${label} "${v.length > 80 ? `${v.slice(0, 80)}…` : v}"` : label;
}

/** "Label: message; other.path: message" — what the user needs to fix the input. `input` lets a list item be quoted. */
export function formatZodError(e: z.ZodError, input?: unknown): string {
  return e.issues
    .map((i) => {
      const path = i.path.length ? describe(i.path, input) : '';
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
