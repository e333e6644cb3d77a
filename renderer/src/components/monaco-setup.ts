/**
 * Monaco, loaded once: the editor API with ALL of Monaco's standard editor contributions
 * (`features/register.all`: suggest, hover, code lens, inlay hints, drop-into-editor, code actions…)
 * but none of the ~80 language bundles; JSON language support; explicit workers (editor + json)
 * that Vite builds as same-origin worker files (`?worker`, allowed by the CSP's worker-src).
 * Importing only `editor.api` left those contributions unregistered, so a JSON model's providers
 * asked for services nobody had created ("… service unknown") on every later mount.
 *
 * Template variables: one completion and one hover provider per language, registered while any
 * editor is mounted; each editor attaches a VariableSource to its own model, so providers answer
 * only for editors that asked for variables.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { completionAt, variableAt, type VariableSource } from '../lib/variables.js';

export type { VariableSource } from '../lib/variables.js';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// The composer checks JSON itself (template variables such as {"n": {{seq}}} are valid once
// expanded, which the JSON worker cannot know) and sets one marker with line and column: the
// worker's own diagnostics would mark the same error a second time, in other words.
jsonDefaults.setDiagnosticsOptions({ validate: false });

const sources = new Map<string, VariableSource>();
let users = 0;
let providers: monaco.IDisposable[] = [];

/** A fence longer than any backtick run in `s`, so a value cannot end the code block early. */
function codeBlock(s: string): string {
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${s}\n${fence}`;
}

function registerProviders(language: string): monaco.IDisposable[] {
  return [
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ['{'],
      async provideCompletionItems(model, position) {
        const source = sources.get(model.uri.toString());
        if (!source) return { suggestions: [] };
        const line = model.getLineContent(position.lineNumber);
        const ctx = completionAt(line, position.column);
        if (!ctx) return { suggestions: [] };
        const items = await source.list();
        if (model.isDisposed()) return { suggestions: [] };
        const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: ctx.startColumn, endColumn: ctx.endColumn };
        return {
          suggestions: items.map((v, i) => ({
            label: { label: `{{${v.name}}}`, description: v.detail },
            kind: v.kind === 'profile' ? monaco.languages.CompletionItemKind.Constant : monaco.languages.CompletionItemKind.Variable,
            detail: v.detail,
            // Filter on the name the user types after `{{`, not on the braces.
            filterText: v.name,
            sortText: String(i).padStart(3, '0'),
            insertText: (v.snippet ?? v.name) + ctx.closing,
            ...(v.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
            range,
          })),
        };
      },
    }),
    monaco.languages.registerHoverProvider(language, {
      async provideHover(model, position) {
        const source = sources.get(model.uri.toString());
        if (!source) return null;
        const v = variableAt(model.getLineContent(position.lineNumber), position.column);
        if (!v) return null;
        const r = await source.resolve(v.expr);
        if (model.isDisposed()) return null;
        const head = { value: `**{{${v.expr}}}**` };
        const body = 'value' in r ? { value: `resolves to (now):\n\n${codeBlock(r.value)}` } : { value: `cannot resolve: ${codeBlock(r.error)}` };
        return {
          range: new monaco.Range(position.lineNumber, v.startColumn, position.lineNumber, v.endColumn),
          contents: [head, body],
        };
      },
    }),
  ];
}

export function acquireMonaco(): typeof monaco {
  if (users++ === 0) providers = ['plaintext', 'json'].flatMap(registerProviders);
  return monaco;
}

export function releaseMonaco(): void {
  if (--users === 0) {
    for (const d of providers) d.dispose();
    providers = [];
  }
}

/** Ties a variable source to one model (until the returned function is called). */
export function attachVariables(model: monaco.editor.ITextModel, source: VariableSource): () => void {
  const key = model.uri.toString();
  sources.set(key, source);
  return () => {
    if (sources.get(key) === source) sources.delete(key);
  };
}

export type Monaco = typeof monaco;
