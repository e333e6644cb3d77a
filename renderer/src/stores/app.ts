/** Host-level state: which host answered (version, platform) or why none did. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, AppInfo } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<ApiError | null>(null);
  /** True once the first answer (value or error) has arrived; drives data-app-state. */
  const loaded = ref(false);
  const connected = computed(() => info.value !== null);

  async function load(): Promise<void> {
    const result = await api.app.info();
    if (result.ok) {
      info.value = result.value;
      error.value = null;
    } else {
      info.value = null;
      error.value = result.error;
    }
    loaded.value = true;
  }

  return { info, error, loaded, connected, load };
});
