/** Topics of the active profile's cluster, the selected topic's route and queue offsets. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiError, ClusterOverview, TopicListing, TopicRouteView, TopicStatusView } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { useProfilesStore } from './profiles.js';

export const useTopicsStore = defineStore('topics', () => {
  const profiles = useProfilesStore();
  const listing = ref<TopicListing | null>(null);
  const clusters = ref<ClusterOverview | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const search = ref('');
  const showSystem = ref(false);
  const selected = ref<string | null>(null);
  const route = ref<TopicRouteView | null>(null);
  const status = ref<TopicStatusView | null>(null);
  const routeLoading = ref(false);
  const routeError = ref<ApiError | null>(null);
  /** Which profile the listing belongs to, so a switch reloads. */
  const loadedFor = ref<string | null>(null);

  const names = computed(() => (listing.value?.topics ?? []).filter((t) => !t.system).map((t) => t.topic).sort());
  const filtered = computed(() => {
    const q = search.value.trim().toLowerCase();
    return (listing.value?.topics ?? [])
      .filter((t) => (showSystem.value || !t.system) && (!q || t.topic.toLowerCase().includes(q)))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  });

  async function load(force = false): Promise<void> {
    const id = profiles.activeId;
    if (!id) return;
    if (!force && loadedFor.value === id && listing.value) return;
    loading.value = true;
    const conn = await profiles.ensureConnected();
    if (conn) {
      error.value = conn;
      loading.value = false;
      return;
    }
    const [t, c] = await Promise.all([api.ops.topics({ profileId: id }), api.ops.clusters({ profileId: id })]);
    loading.value = false;
    if (!t.ok) {
      error.value = t.error;
      listing.value = null;
      return;
    }
    error.value = null;
    listing.value = t.value;
    loadedFor.value = id;
    if (c.ok) clusters.value = c.value;
  }

  async function open(topic: string): Promise<void> {
    const id = profiles.activeId;
    if (!id) return;
    selected.value = topic;
    routeLoading.value = true;
    route.value = null;
    status.value = null;
    const [r, s] = await Promise.all([api.ops.route({ profileId: id, topic }), api.ops.topicStatus({ profileId: id, topic })]);
    if (selected.value !== topic) return;
    routeLoading.value = false;
    if (r.ok) {
      route.value = r.value;
      routeError.value = null;
    } else routeError.value = r.error;
    status.value = s.ok ? s.value : null;
  }

  async function create(input: { topic: string; cluster: string; readQueueNums: number; writeQueueNums: number; perm: number; order: boolean }): Promise<ApiError | null> {
    const id = profiles.activeId;
    if (!id) return { name: 'NoProfile', code: 0, retriable: false, message: 'Choose a profile first.' };
    const r = await api.ops.createTopic({ profileId: id, ...input });
    if (!r.ok) return r.error;
    const failed = r.value.results.filter((x) => !x.ok);
    if (failed.length && failed.length === r.value.results.length) return failed[0]?.error ?? { name: 'CreateTopicError', code: 0, retriable: false, message: 'No broker accepted the topic.' };
    await load(true);
    await open(input.topic);
    return null;
  }

  return { listing, clusters, loading, error, search, showSystem, selected, route, status, routeLoading, routeError, names, filtered, load, open, create };
});
