/**
 * Template variables the host expands in any send field (electron/services/template-vars.ts).
 * The contract has no channel listing them, so the renderer keeps the set for completion;
 * `send:preview` is the source of truth for what a field resolves to.
 */
export interface VariableDoc {
  name: string;
  detail: string;
}

export const TEMPLATE_VARIABLES: VariableDoc[] = [
  { name: 'uuid', detail: 'a fresh UUID v4 (each occurrence differs)' },
  { name: 'now', detail: "the message's time, epoch ms" },
  { name: 'now:iso', detail: "the message's time, ISO-8601" },
  { name: 'seq', detail: "the profile's message counter" },
  { name: 'randomInt 1 100', detail: 'a random integer between two bounds' },
  { name: 'randomString 8', detail: 'random characters of a length' },
  { name: 'env.NAME', detail: "the profile's variable NAME" },
  { name: 'col.NAME', detail: 'a data-file column (data-file runs)' },
];
