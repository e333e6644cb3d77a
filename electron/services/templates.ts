/**
 * Named send templates with folders and tags; CRUD, duplicate, and export/import as a JSON file.
 * An import is validated completely before anything is written and then written in one transaction:
 * a bad file changes nothing and says which entry and field are wrong.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import * as S from '../common/contract-schemas.js';
import type { Template, TemplateExportFile, TemplateImportResult, TemplateRequest } from '../common/contract.js';
import { formatZodError } from './dispatcher.js';
import { badFile, notFound } from './errors.js';

export const TEMPLATE_FILE_FORMAT = 'rocketmq-workbench/templates';
const FileSchema = z.object({
  format: z.literal(TEMPLATE_FILE_FORMAT, `not a workbench templates file (expected "format": "${TEMPLATE_FILE_FORMAT}")`),
  version: z.literal(1, 'unsupported templates file version (this workbench reads version 1)'),
  templates: z.array(S.TemplateInput).max(10_000),
});

type Input = z.output<typeof S.TemplateInput>;
type Patch = z.output<typeof S.TemplateUpdate>['patch'];
interface Row {
  id: string;
  name: string;
  folder: string;
  tags: string;
  description: string;
  request: string;
  created_at: number;
  updated_at: number;
}

const toTemplate = (r: Row): Template => ({
  id: r.id,
  name: r.name,
  folder: r.folder,
  tags: JSON.parse(r.tags) as string[],
  description: r.description,
  request: JSON.parse(r.request) as TemplateRequest,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class TemplateStore {
  constructor(private readonly db: Database.Database) {}

  list(f: { folder?: string | undefined; tag?: string | undefined; text?: string | undefined } = {}): Template[] {
    let all = (this.db.prepare('SELECT * FROM templates ORDER BY folder, name COLLATE NOCASE').all() as Row[]).map(toTemplate);
    if (f.folder !== undefined) all = all.filter((t) => t.folder === f.folder || t.folder.startsWith(`${f.folder}/`));
    if (f.tag) all = all.filter((t) => t.tags.includes(f.tag!));
    if (f.text) {
      const q = f.text.toLowerCase();
      all = all.filter((t) => t.name.toLowerCase().includes(q) || t.description.toLowerCase().includes(q) || t.request.message.topic.toLowerCase().includes(q));
    }
    return all;
  }

  get(id: string): Template {
    const r = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw notFound(`template '${id}'`);
    return toTemplate(r);
  }

  private nameTaken(name: string, folder: string, exceptId?: string): boolean {
    const r = this.db.prepare('SELECT id FROM templates WHERE name = ? AND folder = ?').get(name, folder) as { id: string } | undefined;
    return r !== undefined && r.id !== exceptId;
  }

  /** "name", "name (2)", "name (3)"… the first free in the folder. */
  private freeName(name: string, folder: string): string {
    if (!this.nameTaken(name, folder)) return name;
    const base = name.replace(/ \(\d+\)$/, '');
    for (let i = 2; ; i++) if (!this.nameTaken(`${base} (${i})`, folder)) return `${base} (${i})`;
  }

  create(t: Input, opts: { rename?: boolean } = { rename: true }): Template {
    const id = randomUUID();
    const now = Date.now();
    const name = opts.rename === false ? t.name : this.freeName(t.name, t.folder);
    this.db
      .prepare('INSERT INTO templates (id, name, folder, tags, description, request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, name, t.folder, JSON.stringify(t.tags), t.description, JSON.stringify(t.request), now, now);
    return this.get(id);
  }

  update(id: string, patch: Patch): Template {
    const cur = this.get(id);
    const next = {
      name: patch.name ?? cur.name,
      folder: patch.folder ?? cur.folder,
      tags: patch.tags ?? cur.tags,
      description: patch.description ?? cur.description,
      request: patch.request ?? cur.request,
    };
    if (this.nameTaken(next.name, next.folder, id)) throw badFile(`a template named '${next.name}' already exists in '${next.folder || '/'}'`);
    this.db
      .prepare('UPDATE templates SET name = ?, folder = ?, tags = ?, description = ?, request = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.folder, JSON.stringify(next.tags), next.description, JSON.stringify(next.request), Date.now(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }

  duplicate(id: string, name?: string): Template {
    const t = this.get(id);
    return this.create({ name: name ?? `${t.name} (copy)`, folder: t.folder, tags: t.tags, description: t.description, request: t.request });
  }

  export(ids?: string[]): TemplateExportFile {
    const list = ids ? ids.map((id) => this.get(id)) : this.list();
    const file = {
      format: TEMPLATE_FILE_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      templates: list.map((t) => ({ name: t.name, folder: t.folder, tags: t.tags, description: t.description, request: t.request })),
    };
    const day = new Date().toISOString().slice(0, 10);
    return { fileName: `workbench-templates-${day}.json`, content: `${JSON.stringify(file, null, 2)}\n`, count: list.length };
  }

  import(content: string, onConflict: 'rename' | 'replace' | 'skip'): TemplateImportResult {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (e) {
      throw badFile(`the templates file is not valid JSON: ${e instanceof Error ? e.message : String(e)}. Nothing was imported.`);
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) throw badFile(`the templates file is invalid: ${formatZodError(parsed.error)}. Nothing was imported.`);
    const result: TemplateImportResult = { imported: [], skipped: [] };
    this.db.transaction(() => {
      for (const t of parsed.data.templates) {
        const existing = this.db.prepare('SELECT id FROM templates WHERE name = ? AND folder = ?').get(t.name, t.folder) as { id: string } | undefined;
        if (existing && onConflict === 'skip') result.skipped.push(t.name);
        else if (existing && onConflict === 'replace') result.imported.push(this.update(existing.id, t));
        else result.imported.push(this.create(t));
      }
    })();
    return result;
  }
}
