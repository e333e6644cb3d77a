/**
 * How a template variable is written in a send field: `{{ name args }}`. The host's evaluator
 * (electron/services/template-vars.ts, which also documents every variable) and the composer's
 * checks use this one syntax.
 */

/** Source of the variable pattern; group 1 is the name with its arguments, trimmed. */
const VARIABLE_SOURCE = String.raw`\{\{\s*([^{}]*?)\s*\}\}`;

/** A fresh global RegExp each call: a shared /g regex would carry `lastIndex` between callers. */
export function templateVariablePattern(): RegExp {
  return new RegExp(VARIABLE_SOURCE, 'g');
}

const ONE_VARIABLE = new RegExp(VARIABLE_SOURCE);

export function hasTemplateVariables(s: string): boolean {
  return ONE_VARIABLE.test(s);
}
