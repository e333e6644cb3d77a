/** Named message templates: list, folders and tags, save, duplicate, delete, import and export. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, Template, TemplateInput, TemplateRequest } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { downloadText } from '../lib/format.js';

export const useTemplatesStore = defineStore('templates', () => {
  const list = ref<Template[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  const search = ref('');
  const folder = ref<string | null>(null);

  const folders = computed(() => [...new Set(list.value.map((t) => t.folder))].sort());
  const filtered = computed(() => {
    const q = search.value.trim().toLowerCase();
    return list.value
      .filter((t) => folder.value === null || t.folder === folder.value)
      .filter(
        (t) => !q || t.name.toLowerCase().includes(q) || t.tags.some((g) => g.toLowerCase().includes(q)) || t.request.message.topic.toLowerCase().includes(q),
      )
      .sort((a, b) => (a.folder + '/' + a.name).localeCompare(b.folder + '/' + b.name));
  });

  async function load(): Promise<void> {
    loading.value = true;
    const r = await api.templates.list();
    loading.value = false;
    loaded.value = true;
    if (r.ok) {
      list.value = r.value;
      error.value = null;
    } else error.value = r.error;
  }

  async function save(input: {
    id?: string;
    name: string;
    folder: string;
    tags: string[];
    description: string;
    request: TemplateRequest;
  }): Promise<Template | ApiError> {
    const r = input.id
      ? await api.templates.update({
          id: input.id,
          patch: { name: input.name, folder: input.folder, tags: input.tags, description: input.description, request: input.request },
        })
      : await api.templates.create({
          name: input.name,
          folder: input.folder,
          tags: input.tags,
          description: input.description,
          request: input.request,
        } satisfies TemplateInput);
    if (!r.ok) return r.error;
    const t = r.value;
    list.value = [...list.value.filter((x) => x.id !== t.id), t];
    return t;
  }

  async function duplicate(id: string): Promise<ApiError | null> {
    const r = await api.templates.duplicate({ id });
    if (!r.ok) return r.error;
    list.value = [...list.value, r.value];
    return null;
  }

  async function remove(id: string): Promise<ApiError | null> {
    const r = await api.templates.delete({ id });
    if (!r.ok) return r.error;
    list.value = list.value.filter((x) => x.id !== id);
    return null;
  }

  async function exportAll(ids?: string[]): Promise<ApiError | number> {
    const r = await api.templates.export(ids ? { ids } : {});
    if (!r.ok) return r.error;
    downloadText(r.value.fileName, r.value.content);
    return r.value.count;
  }

  async function importFile(content: string): Promise<ApiError | { imported: number; skipped: number }> {
    const r = await api.templates.import({ content, onConflict: 'rename' });
    if (!r.ok) return r.error;
    await load();
    return { imported: r.value.imported.length, skipped: r.value.skipped.length };
  }

  return { list, loading, loaded, error, search, folder, folders, filtered, load, save, duplicate, remove, exportAll, importFile };
});
