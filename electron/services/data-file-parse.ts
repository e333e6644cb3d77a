/**
 * CSV (RFC 4180: quoted fields, "" escapes, newlines inside quotes, header row) and NDJSON parsing
 * that never stops at a bad row: each malformed row becomes an issue with its 1-based line number.
 */
import type { DataFileIssue } from '../common/contract.js';

export interface ParsedRow {
  line: number;
  values: Record<string, unknown>;
}

export interface ParsedFile {
  format: 'csv' | 'ndjson';
  columns: string[];
  rows: ParsedRow[];
  issues: DataFileIssue[];
}

export function detectFormat(content: string, fileName?: string): 'csv' | 'ndjson' {
  if (fileName && /\.(ndjson|jsonl)$/i.test(fileName)) return 'ndjson';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return content.trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

function jsonIssue(e: unknown): string {
  if (!(e instanceof SyntaxError)) return e instanceof Error ? e.message : String(e);
  const col = /column (\d+)/.exec(e.message)?.[1];
  const pos = /position (\d+)/.exec(e.message)?.[1];
  if (col) return `not valid JSON (at column ${col})`;
  return pos ? `not valid JSON (at column ${Number(pos) + 1})` : 'not valid JSON';
}

export function parseNdjson(content: string): ParsedFile {
  const rows: ParsedRow[] = [];
  const issues: DataFileIssue[] = [];
  const columns = new Set<string>();
  const lines = content.split(/\r?\n/);
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    try {
      const v: unknown = JSON.parse(text);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('a line must hold one JSON object');
      for (const k of Object.keys(v)) columns.add(k);
      rows.push({ line, values: v as Record<string, unknown> });
    } catch (e) {
      // V8's JSON.parse message quotes the line ("Unexpected token 'r', "root:x:0:0"... is not
      // valid JSON"): keep only the position, never the content, in what goes back to the page.
      issues.push({ line, message: jsonIssue(e) });
    }
  });
  return { format: 'ndjson', columns: [...columns], rows, issues };
}

/** Splits CSV into records of fields, each with the line it starts on; an unterminated quote is an issue. */
function csvRecords(content: string): { line: number; fields: string[]; error?: string }[] {
  const out: { line: number; fields: string[]; error?: string }[] = [];
  let i = 0;
  let line = 1;
  const n = content.length;
  if (content.charCodeAt(0) === 0xfeff) i = 1; // BOM
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let error: string | undefined;
    for (;;) {
      if (content[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = content[i]!;
          if (c === '"') {
            if (content[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) {
          error = 'unterminated quoted field';
          break;
        }
        // Text after a closing quote before the separator: keep it, but it is malformed.
        while (i < n && content[i] !== ',' && content[i] !== '\n' && content[i] !== '\r') {
          error ??= 'characters after a closing quote';
          field += content[i++];
        }
      } else {
        while (i < n && content[i] !== ',' && content[i] !== '\n' && content[i] !== '\r') field += content[i++];
      }
      fields.push(field);
      field = '';
      if (content[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (content[i] === '\r') i++;
    if (content[i] === '\n') {
      i++;
      line++;
    }
    if (error === 'unterminated quoted field') {
      out.push({ line: startLine, fields, error });
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: startLine, fields, error });
  }
  return out;
}

export function parseCsv(content: string): ParsedFile {
  const records = csvRecords(content);
  const issues: DataFileIssue[] = [];
  const header = records.shift();
  if (!header) return { format: 'csv', columns: [], rows: [], issues: [{ line: 1, message: 'the file is empty: a header row is required' }] };
  const columns = header.fields.map((c) => c.trim());
  if (header.error) issues.push({ line: header.line, message: `header: ${header.error}` });
  const rows: ParsedRow[] = [];
  for (const r of records) {
    if (r.error) {
      issues.push({ line: r.line, message: r.error });
      continue;
    }
    if (r.fields.length !== columns.length) {
      issues.push({ line: r.line, message: `expected ${columns.length} fields (as the header), found ${r.fields.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    columns.forEach((c, j) => (values[c] = r.fields[j]));
    rows.push({ line: r.line, values });
  }
  return { format: 'csv', columns, rows, issues };
}

export function parseDataFile(content: string, format: 'csv' | 'ndjson'): ParsedFile {
  return format === 'csv' ? parseCsv(content) : parseNdjson(content);
}
