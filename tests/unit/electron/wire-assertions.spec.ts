/**
 * The wire boundary is checked by the compiler: electron/services/wire-assertions.ts must type-check
 * as it is, and the same assertion must fail `tsc` when a contract type drifts from core (a field
 * retyped, dropped, or added on core's side). The fixtures are compiled with the TypeScript API,
 * with the project's compiler options, against the real core and contract types.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'wire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: false,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  typeRoots: [join(REPO, 'node_modules/@types')],
  lib: ['lib.es2023.d.ts'],
};

const FIXTURES: Record<string, string> = {};
let program: ts.Program | undefined;

/**
 * Type errors of one file (only that file's: other files are not under test here). One program
 * holds every fixture, so the core and contract types are checked once, not once per case.
 */
function errorsOf(file: string): string[] {
  program ??= ts.createProgram([join(REPO, 'electron/services/wire-assertions.ts'), ...Object.values(FIXTURES)], OPTIONS);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => `${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const HEADER = `import type * as C from '${REPO}/core/index.js';
import type * as K from '${REPO}/electron/common/contract.js';
import type { Assert, Equals, Flatten, Wire } from '${REPO}/electron/common/wire.js';
`;

function fixture(name: string, body: string): string {
  const file = join(dir, `${name}.mts`);
  writeFileSync(file, HEADER + body);
  FIXTURES[name] = file;
  return file;
}

const F_mapping = fixture(
  'mapping',
  `type Core = { offset: bigint; body: Buffer; raw: Uint8Array; table: Map<string, bigint>; at: Date; tag: string | undefined; list: readonly bigint[]; nested: { n?: bigint } };
type Expected = { offset: string; body: string; raw: string; table: Record<string, string>; at: number; tag?: string | undefined; list: string[]; nested: { n?: string | undefined } };
export type Ok = Assert<Equals<Wire<Core>, Expected>>;
`,
);
const F_retyped = fixture(
  'retyped',
  `type Drifted = Flatten<Omit<K.TopicStatusView, 'totalMessages'> & { totalMessages: number }>;\nexport type A = Assert<Equals<Drifted, Wire<C.TopicStatus>>>;\n`,
);
const F_dropped = fixture(
  'dropped',
  `type Drifted = Omit<K.MessageViewDTO, 'storeHost'>;\ntype MessageWire = Flatten<Omit<Wire<C.MessageView>, 'body'> & { bodyBase64: string; bodyText?: string | undefined; bodySize: number }>;\nexport type A = Assert<Equals<Drifted, MessageWire>>;\n`,
);
const F_added = fixture(
  'added',
  `type CoreGrown = C.ConsumedByResult & { lag: bigint };\nexport type A = Assert<Equals<K.ConsumedByView, Wire<CoreGrown>>>;\n`,
);
const F_optional = fixture(
  'optional',
  `type Drifted = Flatten<Omit<K.BrokerView, 'masterAddr'> & { masterAddr: string | undefined }>;\nexport type A = Assert<Equals<Drifted, Wire<C.BrokerView>>>;\n`,
);

describe('Wire<T> and the contract', () => {
  it('the real assertion file type-checks', () => {
    expect(errorsOf(join(REPO, 'electron/services/wire-assertions.ts'))).toEqual([]);
  }, 60_000);

  it('maps 64-bit numbers, bytes, maps, dates and maybe-undefined properties as documented', () => {
    const file = F_mapping;
    expect(errorsOf(file)).toEqual([]);
  }, 60_000);

  it('fails tsc when a contract field is retyped (an offset left as a number)', () => {
    const file = F_retyped;
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^5: Type 'false' does not satisfy the constraint 'true'/);
  }, 60_000);

  it('fails tsc when the contract drops a field core has', () => {
    const file = F_dropped;
    expect(errorsOf(file)).toEqual([expect.stringMatching(/^6: Type 'false' does not satisfy the constraint 'true'/)]);
  }, 60_000);

  it('fails tsc when core gains a field the contract lacks (even a 64-bit one)', () => {
    const file = F_added;
    expect(errorsOf(file)).toEqual([expect.stringMatching(/^5: Type 'false' does not satisfy the constraint 'true'/)]);
  }, 60_000);

  it('fails tsc when an optional field becomes required (JSON drops undefined)', () => {
    const file = F_optional;
    expect(errorsOf(file)).toEqual([expect.stringMatching(/^5: Type 'false' does not satisfy the constraint 'true'/)]);
  }, 60_000);
});
