/**
 * Template variables in the editor: which ones to offer (the host's documented list from
 * `send:variables`, plus one entry per environment value of the active profile), where a `{{`
 * completion applies on a line, and which variable sits under the mouse. Pure functions; the
 * Monaco providers in components/monaco-setup.ts call them. Columns are 1-based, as in Monaco.
 */
import { templateVariablePattern } from '../../../core/rules/index.js';
import type { TemplateVariableDoc } from '../../../electron/common/api.js';

export interface VariableItem {
  /** What goes between the braces. */
  name: string;
  detail: string;
  snippet?: string | undefined;
  kind: 'template' | 'profile';
}

/** The host's variables, then the profile's own `env.<NAME>` values by name. */
export function buildVariableItems(docs: readonly TemplateVariableDoc[], env: Readonly<Record<string, string>>): VariableItem[] {
  const names = Object.keys(env).sort();
  const out: VariableItem[] = docs.map((d) => ({ name: d.name, detail: d.detail, snippet: d.snippet, kind: 'template' }));
  for (const n of names) out.push({ name: `env.${n}`, detail: "this profile's environment value", kind: 'profile' });
  return out;
}

/** What an editor offers inside `{{ }}`: the variables to complete and a way to resolve one. */
export interface VariableSource {
  list(): Promise<VariableItem[]>;
  /** The value the host would put in place of `{{expr}}` now, or why it cannot. */
  resolve(expr: string): Promise<{ value: string } | { error: string }>;
}

export interface CompletionContext {
  /** Replace from here (just after `{{` and any spaces) … */
  startColumn: number;
  /** … to the cursor. */
  endColumn: number;
  /** What must follow the inserted name so the variable is closed exactly once. */
  closing: '' | '}' | '}}';
}

/** When the cursor is inside an unclosed `{{` on this line, where a variable name goes. */
export function completionAt(line: string, column: number): CompletionContext | undefined {
  const before = line.slice(0, column - 1);
  const open = before.lastIndexOf('{{');
  if (open < 0) return undefined;
  const typed = before.slice(open + 2);
  // Already closed before the cursor, or not a name being typed (a JSON object, say).
  if (typed.includes('}') || typed.includes('{') || !/^\s*[\w.:\- ]*$/.test(typed)) return undefined;
  const lead = typed.length - typed.trimStart().length;
  const after = line.slice(column - 1);
  return { startColumn: open + 3 + lead, endColumn: column, closing: after.startsWith('}}') ? '' : after.startsWith('}') ? '}' : '}}' };
}

export interface VariableSpan {
  expr: string;
  startColumn: number;
  /** Exclusive. */
  endColumn: number;
}

/** The `{{…}}` that contains the column, with its expression trimmed as the host reads it. */
export function variableAt(line: string, column: number): VariableSpan | undefined {
  const re = templateVariablePattern();
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + 1;
    const end = m.index + m[0].length + 1;
    if (column >= start && column < end) return m[1] ? { expr: m[1], startColumn: start, endColumn: end } : undefined;
    if (start > column) break;
  }
  return undefined;
}
