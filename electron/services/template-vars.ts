/**
 * Template variables, usable in every string field of a send:
 *   {{uuid}}                a fresh UUID v4 (each occurrence differs)
 *   {{now}} / {{now:iso}}   the message's time, epoch ms / ISO-8601 (same within one message)
 *   {{seq}}                 the profile's message counter (one value per message)
 *   {{randomInt a b}}       an integer in [a, b]
 *   {{randomString n}}      n random letters and digits
 *   {{env.NAME}}            the profile's environment value NAME
 *   {{col.NAME}}            the data-file row's column or field (dotted paths in NDJSON)
 * An unknown variable is an error naming the field, never left in the message silently.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { TemplateVariableDoc } from '../common/contract.js';
import { hasTemplateVariables, templateVariablePattern } from '../../core/rules/index.js';
import { invalidInput } from './errors.js';

/** Served by send:variables; kept next to `evaluate` so a new variable gets its documentation here. */
export const TEMPLATE_VARIABLES: TemplateVariableDoc[] = [
  { name: 'uuid', detail: 'a fresh UUID v4 (each occurrence differs)' },
  { name: 'now', detail: "the message's time, epoch ms (same within one message)" },
  { name: 'now:iso', detail: "the message's time, ISO-8601" },
  { name: 'seq', detail: "the profile's message counter (advances with every message sent)" },
  { name: 'randomInt 1 100', detail: 'a random integer between two bounds, inclusive', snippet: 'randomInt ${1:1} ${2:100}' },
  { name: 'randomString 8', detail: 'n random letters and digits', snippet: 'randomString ${1:8}' },
  { name: 'env.NAME', detail: "a value of the profile's environment (Profiles → environment values)", snippet: 'env.${1:NAME}' },
  { name: 'col.NAME', detail: "a data-file row's column or field (data-file runs only)", snippet: 'col.${1:NAME}' },
];

export interface ExpandContext {
  /** Value of {{seq}} for this message. */
  seq: number;
  /** Value of {{now}} for this message. */
  now: number;
  env: Readonly<Record<string, string>>;
  row?: Readonly<Record<string, unknown>> | undefined;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Module-wide: String.replace resets a global pattern's lastIndex, so one instance serves every call. */
const VAR = templateVariablePattern();

export function hasVariables(s: string): boolean {
  return hasTemplateVariables(s);
}

function lookupPath(obj: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in obj) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function evaluate(expr: string, ctx: ExpandContext, field: string): string {
  const [head = '', ...args] = expr.split(/\s+/);
  const bad = (why: string) => invalidInput(`${field}: {{${expr}}} ${why}`);
  switch (head) {
    case 'uuid':
      return randomUUID();
    case 'now':
      return String(ctx.now);
    case 'now:iso':
      return new Date(ctx.now).toISOString();
    case 'seq':
      return String(ctx.seq);
    case 'randomInt': {
      const [a, b] = args.map(Number);
      if (args.length !== 2 || !Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a! > b!) throw bad('needs two integers a ≤ b, e.g. {{randomInt 1 100}}');
      return String(a === b ? a : randomInt(a!, b! + 1));
    }
    case 'randomString': {
      const n = Number(args[0] ?? 16);
      if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw bad('needs a length between 0 and 1000000, e.g. {{randomString 12}}');
      let s = '';
      for (let i = 0; i < n; i++) s += ALNUM[randomInt(ALNUM.length)];
      return s;
    }
  }
  if (head.startsWith('env.') && args.length === 0) {
    const name = head.slice(4);
    if (!(name in ctx.env)) throw bad(`is not defined: add ${name} to the profile's environment values`);
    return ctx.env[name]!;
  }
  if (head.startsWith('col.') && args.length === 0) {
    if (!ctx.row) throw bad('only works in a data-file run');
    const v = lookupPath(ctx.row, head.slice(4));
    if (v === undefined) throw bad(`names no column of this row`);
    return asText(v);
  }
  throw bad('is not a known variable (uuid, now, now:iso, seq, randomInt a b, randomString n, env.NAME, col.NAME)');
}

/** Expands every {{…}} in `template`; `field` names the field in error messages. */
export function expand(template: string, ctx: ExpandContext, field: string): string {
  if (!template.includes('{{')) return template;
  return template.replace(VAR, (_m, expr: string) => evaluate(expr, ctx, field));
}

/** {{seq}} counters, one per profile; preview reads without advancing. */
export class SequenceCounters {
  private readonly next = new Map<string, number>();
  peek(profileId: string, offset = 0): number {
    return (this.next.get(profileId) ?? 1) + offset;
  }
  take(profileId: string): number {
    const v = this.peek(profileId);
    this.next.set(profileId, v + 1);
    return v;
  }
}
