/** Broker health for the active profile, polled by the host while the Brokers view is open. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, ClusterHealthView } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { useProfilesStore } from './profiles.js';

export const useBrokersStore = defineStore('brokers', () => {
  const profiles = useProfilesStore();
  const health = ref<ClusterHealthView | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let watchId: string | null = null;
  let off: (() => void) | null = null;
  /** Bumped by every start/stop, so a watch that resolves after the view closed is undone. */
  let generation = 0;

  async function refresh(): Promise<void> {
    const id = profiles.activeId;
    if (!id) return;
    loading.value = true;
    const conn = await profiles.ensureConnected();
    if (conn) {
      error.value = conn;
      loading.value = false;
      return;
    }
    const r = await api.ops.health({ profileId: id });
    loading.value = false;
    if (r.ok) {
      health.value = r.value;
      error.value = null;
    } else error.value = r.error;
  }

  /** Starts polling (every intervalMs) until stop(); the first figures come from refresh(). */
  async function start(intervalMs = 3000): Promise<void> {
    await stop();
    const gen = generation;
    await refresh();
    const id = profiles.activeId;
    if (!id || error.value || gen !== generation) return;
    off = api.on('ops:healthUpdate', (e) => {
      if (e.watchId !== watchId) return;
      if (e.health) {
        health.value = e.health;
        error.value = null;
      } else if (e.error) error.value = e.error;
    });
    const w = await api.ops.watchHealth({ profileId: id, intervalMs });
    if (!w.ok) return;
    if (gen !== generation) await api.ops.unwatchHealth({ watchId: w.value.watchId });
    else watchId = w.value.watchId;
  }

  async function stop(): Promise<void> {
    generation++;
    off?.();
    off = null;
    if (watchId) {
      const id = watchId;
      watchId = null;
      await api.ops.unwatchHealth({ watchId: id });
    }
  }

  return { health, error, loading, refresh, start, stop };
});
