/** Connection profiles, their connection states, and which one is active. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, ConnectionState, InputOf, ProfileInput, ProfileTestResult, ProfileView } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';

const ACTIVE_KEY = 'workbench.activeProfile';
type PatchInput = Parameters<typeof api.profiles.update>[0]['patch'];

export const useProfilesStore = defineStore('profiles', () => {
  const list = ref<ProfileView[]>([]);
  const states = ref<Record<string, ConnectionState>>({});
  const activeId = ref<string | null>(localStorage.getItem(ACTIVE_KEY));
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  const active = computed(() => list.value.find((p) => p.id === activeId.value) ?? null);
  const activeState = computed(() => (activeId.value ? states.value[activeId.value] : undefined));
  const readOnly = computed(() => active.value?.readOnly ?? false);

  api.on('profiles:state', (s) => {
    states.value = { ...states.value, [s.profileId]: s };
  });

  async function load(): Promise<void> {
    loading.value = true;
    const [r, s] = await Promise.all([api.profiles.list(), api.profiles.status()]);
    loading.value = false;
    loaded.value = true;
    if (!r.ok) {
      error.value = r.error;
      return;
    }
    error.value = null;
    list.value = r.value;
    if (s.ok) states.value = Object.fromEntries(s.value.map((x) => [x.profileId, x]));
    if (!active.value) select(list.value[0]?.id ?? null);
  }

  function select(id: string | null): void {
    activeId.value = id;
    if (id) localStorage.setItem(ACTIVE_KEY, id);
    else localStorage.removeItem(ACTIVE_KEY);
  }

  async function create(input: ProfileInput): Promise<ApiError | ProfileView> {
    const r = await api.profiles.create(input);
    if (!r.ok) return r.error;
    list.value = [...list.value, r.value];
    select(r.value.id);
    return r.value;
  }

  async function update(id: string, patch: PatchInput): Promise<ApiError | ProfileView> {
    const r = await api.profiles.update({ id, patch });
    if (!r.ok) return r.error;
    list.value = list.value.map((p) => (p.id === id ? r.value : p));
    return r.value;
  }

  async function remove(id: string): Promise<ApiError | null> {
    const r = await api.profiles.delete({ id });
    if (!r.ok) return r.error;
    list.value = list.value.filter((p) => p.id !== id);
    if (activeId.value === id) select(list.value[0]?.id ?? null);
    return null;
  }

  async function connect(id: string): Promise<ApiError | null> {
    states.value = { ...states.value, [id]: { profileId: id, phase: 'connecting', since: Date.now() } };
    const r = await api.profiles.connect({ id });
    if (!r.ok) {
      states.value = { ...states.value, [id]: { profileId: id, phase: 'error', error: r.error, since: Date.now() } };
      return r.error;
    }
    states.value = { ...states.value, [id]: r.value };
    return r.value.error ?? null;
  }

  async function disconnect(id: string): Promise<ApiError | null> {
    const r = await api.profiles.disconnect({ id });
    if (!r.ok) return r.error;
    states.value = { ...states.value, [id]: r.value };
    return null;
  }

  /** Test connection for a draft (never saved): NameServer, clusters, brokers, ACL. */
  async function test(draft: InputOf<'profiles:test'>): Promise<ApiError | ProfileTestResult> {
    const r = await api.profiles.test(draft);
    return r.ok ? r.value : r.error;
  }

  /** Connects the active profile if needed; every ops and send call goes through this first. */
  async function ensureConnected(): Promise<ApiError | null> {
    const id = activeId.value;
    if (!id) return { name: 'NoProfile', code: 0, retriable: false, message: 'Create or choose a connection profile first (Profiles view).' };
    if (states.value[id]?.phase === 'connected') return null;
    return connect(id);
  }

  return {
    list,
    states,
    activeId,
    active,
    activeState,
    readOnly,
    loading,
    loaded,
    error,
    load,
    select,
    create,
    update,
    remove,
    connect,
    disconnect,
    test,
    ensureConnected,
  };
});
