/**
 * Transactions and request-reply in the renderer: the composer's special modes (transaction with
 * a chosen local outcome; request with a reply timeout) and their outcomes, the check-back inbox of
 * the active profile (kept fresh by tx:inbox events) and its check policy, and history timelines.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { ApiError, RequestOutcome, TimelineEvent, TxCheckPolicy, TxCheckView, TxLocalOutcome, TxSendOutcome } from '../../../electron/common/api.js';
import { api } from '../api/bridge.js';
import { useComposerStore } from './composer.js';
import { useProfilesStore } from './profiles.js';

/** The composer's send kind: a plain send (sync/async/oneway), a transaction, or a request. */
export type ComposerKind = 'send' | 'transaction' | 'request';

export const useTransactionsStore = defineStore('transactions', () => {
  const profiles = useProfilesStore();
  const kind = ref<ComposerKind>('send');
  const localOutcome = ref<TxLocalOutcome>('commit');
  const replyTimeoutMs = ref(10_000);
  const sending = ref(false);
  const txOutcome = ref<TxSendOutcome | null>(null);
  const requestOutcome = ref<RequestOutcome | null>(null);
  const error = ref<ApiError | null>(null);
  const inbox = ref<TxCheckView[]>([]);
  const inboxError = ref<ApiError | null>(null);
  const policy = ref<TxCheckPolicy>('ask');
  const answering = ref<string | null>(null);

  api.on('tx:inbox', (e) => {
    if (e.profileId !== profiles.activeId) return;
    const i = inbox.value.findIndex((c) => c.transactionId === e.check.transactionId);
    if (i >= 0) inbox.value.splice(i, 1);
    inbox.value.unshift(e.check);
  });

  watch(
    () => profiles.activeId,
    () => {
      inbox.value = [];
      void loadInbox();
    },
  );

  async function loadInbox(): Promise<void> {
    const profileId = profiles.activeId;
    if (!profileId) return;
    const [list, pol] = await Promise.all([api.tx.inbox({ profileId }), api.tx.getPolicy({ profileId })]);
    if (list.ok) {
      inbox.value = list.value;
      inboxError.value = null;
    } else inboxError.value = list.error;
    if (pol.ok) policy.value = pol.value.policy;
  }

  async function setPolicy(p: TxCheckPolicy): Promise<void> {
    const profileId = profiles.activeId;
    if (!profileId) return;
    const r = await api.tx.setPolicy({ profileId, policy: p });
    if (r.ok) policy.value = r.value.policy;
    else inboxError.value = r.error;
  }

  async function answer(transactionId: string, decision: 'commit' | 'rollback'): Promise<boolean> {
    const profileId = profiles.activeId;
    if (!profileId) return false;
    answering.value = transactionId;
    try {
      const r = await api.tx.answer({ profileId, transactionId, decision });
      if (!r.ok) {
        inboxError.value = r.error;
        return false;
      }
      const i = inbox.value.findIndex((c) => c.transactionId === transactionId);
      if (i >= 0) inbox.value.splice(i, 1, r.value);
      inboxError.value = null;
      return true;
    } finally {
      answering.value = null;
    }
  }

  function clear(): void {
    txOutcome.value = null;
    requestOutcome.value = null;
    error.value = null;
  }

  /** Sends the composer's message as a transaction or a request (the composer's own checks first). */
  async function sendFromComposer(): Promise<void> {
    const composer = useComposerStore();
    composer.showProblems = true;
    if (sending.value || composer.problems.length) return;
    clear();
    composer.clearResult();
    sending.value = true;
    try {
      const conn = await profiles.ensureConnected();
      if (conn) {
        error.value = conn;
        return;
      }
      const request = composer.request();
      if (kind.value === 'transaction') {
        const r = await api.tx.send({ request, localOutcome: localOutcome.value });
        if (r.ok) txOutcome.value = r.value;
        else error.value = r.error;
      } else {
        const r = await api.request.send({ request, replyTimeoutMs: replyTimeoutMs.value });
        if (r.ok) requestOutcome.value = r.value;
        else error.value = r.error;
      }
      composer.showProblems = false;
    } finally {
      sending.value = false;
    }
  }

  async function timeline(historyId: number): Promise<TimelineEvent[]> {
    const r = await api.history.timeline({ id: historyId });
    return r.ok ? r.value : [];
  }

  return {
    kind,
    localOutcome,
    replyTimeoutMs,
    sending,
    txOutcome,
    requestOutcome,
    error,
    inbox,
    inboxError,
    policy,
    answering,
    loadInbox,
    setPolicy,
    answer,
    clear,
    sendFromComposer,
    timeline,
  };
});
