/**
 * Monaco, loaded once: the editor API only (no all-languages bundle), JSON language support,
 * explicit workers (editor + json) built by Vite as same-origin worker files, and a completion
 * provider for template variables on `{{`.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { TEMPLATE_VARIABLES } from '../lib/variables.js';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

let users = 0;
let completion: monaco.IDisposable[] = [];

/** Variables completion on `{{`, registered while at least one editor is mounted. */
export function acquireMonaco(): typeof monaco {
  if (users++ === 0) {
    completion = ['plaintext', 'json'].map((language) =>
      monaco.languages.registerCompletionItemProvider(language, {
        triggerCharacters: ['{'],
        provideCompletionItems(model, position) {
          const before = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: Math.max(1, position.column - 2), endLineNumber: position.lineNumber, endColumn: position.column });
          if (before !== '{{') return { suggestions: [] };
          const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: position.column, endColumn: position.column };
          const after = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: position.column, endLineNumber: position.lineNumber, endColumn: position.column + 2 });
          return {
            suggestions: TEMPLATE_VARIABLES.map((v) => ({
              label: `{{${v.name}}}`,
              kind: monaco.languages.CompletionItemKind.Variable,
              detail: v.detail,
              insertText: after === '}}' ? v.name : `${v.name}}}`,
              range,
            })),
          };
        },
      }),
    );
  }
  return monaco;
}

export function releaseMonaco(): void {
  if (--users === 0) {
    for (const d of completion) d.dispose();
    completion = [];
  }
}

export type Monaco = typeof monaco;
