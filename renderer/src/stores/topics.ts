/** Topics of the active profile's cluster, the selected topic's route and queue offsets, and when each was fetched. */
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
  /** When the listing and the selected topic's route were fetched: views say how old they are. */
  const fetchedAt = ref<number | null>(null);
  const routeFetchedAt = ref<number | null>(null);
  let inFlight: { id: string; done: Promise<void> } | null = null;

  const names = computed(() =>
    (listing.value?.topics ?? [])
      .filter((t) => !t.system)
      .map((t) => t.topic)
      .sort(),
  );
  const filtered = computed(() => {
    const q = search.value.trim().toLowerCase();
    return (listing.value?.topics ?? [])
      .filter((t) => (showSystem.value || !t.system) && (!q || t.topic.toLowerCase().includes(q)))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  });

  /** The topic list; `force` fetches even when this profile's list is already here. */
  async function load(force = false): Promise<void> {
    const id = profiles.activeId;
    if (!id) return;
    if (!force && loadedFor.value === id && listing.value) return;
    // One fetch at a time per profile: entering the view and a send may both ask at once.
    if (inFlight?.id === id) return inFlight.done;
    const done = fetchListing(id);
    inFlight = { id, done };
    try {
      await done;
    } finally {
      if (inFlight?.done === done) inFlight = null;
    }
  }

  async function fetchListing(id: string): Promise<void> {
    if (loadedFor.value !== id) {
      // Another profile's topics must not show, even briefly, under this one.
      listing.value = null;
      clusters.value = null;
      fetchedAt.value = null;
    }
    loading.value = true;
    const conn = await profiles.ensureConnected();
    if (conn) {
      error.value = conn;
      loading.value = false;
      return;
    }
    const [t, c] = await Promise.all([api.ops.topics({ profileId: id }), api.ops.clusters({ profileId: id })]);
    loading.value = false;
    if (profiles.activeId !== id) return; // switched meanwhile; that profile's load is on its way
    if (!t.ok) {
      error.value = t.error;
      listing.value = null;
      return;
    }
    error.value = null;
    listing.value = t.value;
    loadedFor.value = id;
    fetchedAt.value = Date.now();
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
    routeFetchedAt.value = Date.now();
    if (r.ok) {
      route.value = r.value;
      routeError.value = null;
    } else routeError.value = r.error;
    status.value = s.ok ? s.value : null;
  }

  async function create(input: {
    topic: string;
    cluster: string;
    readQueueNums: number;
    writeQueueNums: number;
    perm: number;
    order: boolean;
  }): Promise<ApiError | null> {
    const id = profiles.activeId;
    if (!id) return { name: 'NoProfile', code: 0, retriable: false, message: 'Choose a profile first.' };
    const r = await api.ops.createTopic({ profileId: id, ...input });
    if (!r.ok) return r.error;
    const failed = r.value.results.filter((x) => !x.ok);
    if (failed.length && failed.length === r.value.results.length)
      return failed[0]?.error ?? { name: 'CreateTopicError', code: 0, retriable: false, message: 'No broker accepted the topic.' };
    await load(true);
    await open(input.topic);
    return null;
  }

  return {
    listing,
    clusters,
    loading,
    error,
    search,
    showSystem,
    selected,
    route,
    status,
    routeLoading,
    routeError,
    fetchedAt,
    routeFetchedAt,
    names,
    filtered,
    load,
    open,
    create,
  };
});
