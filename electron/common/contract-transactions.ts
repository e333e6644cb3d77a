/**
 * Transactions (composer transaction mode, the check-back inbox, a per-profile policy for checks)
 * and request-reply (composer request mode): inputs, outputs and the inbox event. History rows of
 * both carry a timeline (history:timeline). Environment-neutral (zod only), like the rest of
 * electron/common.
 */
import { z } from 'zod';
import { SendRequest } from './contract-schemas.js';
import type { ApiErrorShape, HistoryStatus, ResolvedSend, SendResultView } from './contract-types.js';

const profileId = z.string().min(1).max(200);

/** What the composer's local transaction does: commit, roll back, or leave it for the broker's check-back. */
export const TxLocalOutcome = z.enum(['commit', 'rollback', 'unknown']);
export type TxLocalOutcome = z.infer<typeof TxLocalOutcome>;

/** What the host answers a check with when nobody has decided: ask the user, or a fixed answer. */
export const TxCheckPolicy = z.enum(['ask', 'commit', 'rollback', 'unknown']);
export type TxCheckPolicy = z.infer<typeof TxCheckPolicy>;

export const TxSend = z.object({ request: SendRequest, localOutcome: TxLocalOutcome }).strict();
export const TxInbox = z.object({ profileId }).strict();
export const TxAnswer = z.object({ profileId, transactionId: z.string().min(1).max(128), decision: z.enum(['commit', 'rollback']) }).strict();
export const TxPolicyGet = z.object({ profileId }).strict();
export const TxPolicySet = z.object({ profileId, policy: TxCheckPolicy }).strict();
export const RequestSend = z
  .object({
    request: SendRequest,
    /** How long to wait for the reply (also the request's TTL property). */
    replyTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  })
  .strict();
export const HistoryTimelineInput = z.object({ id: z.number().int().positive() }).strict();

/** Java's LocalTransactionState names. */
export type TxState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

export interface TxSendOutcome {
  historyId: number;
  /** ok: half message stored and END_TRANSACTION written; degraded: stored, but END_TRANSACTION failed or the store status was not SEND_OK. */
  status: HistoryStatus;
  latencyMs: number;
  result?: SendResultView | undefined;
  localState?: TxState | undefined;
  endTransaction?: { sent: boolean; addr: string; error?: string | undefined } | undefined;
  error?: ApiErrorShape | undefined;
  resolved: ResolvedSend;
  /** The trace topic the half message's and END_TRANSACTION's trace records went to (absent: not traced). */
  traceTopic?: string | undefined;
}

export interface TxCheckView {
  profileId: string;
  group: string;
  /** UNIQ_KEY of the half message (its msgId). */
  transactionId: string;
  topic: string;
  tags?: string | undefined;
  keys: string[];
  properties: Record<string, string>;
  bodyBase64: string;
  /** The body as UTF-8 text when it is text. */
  bodyText?: string | undefined;
  bodySize: number;
  bornTimestamp: number;
  brokerAddr: string;
  brokerName?: string | undefined;
  firstCheckAt: number;
  lastCheckAt: number;
  /** Checks this host received for it. */
  checkCount: number;
  /** The broker's own count (TRANSACTION_CHECK_TIMES). */
  brokerCheckTimes: number;
  /** waiting: nobody has committed or rolled it back yet. */
  status: 'waiting' | 'answered';
  answer?: TxState | undefined;
  answeredBy?: 'user' | 'policy' | undefined;
  answeredAt?: number | undefined;
  /** The history row of the half send, when this workbench sent it. */
  historyId?: number | undefined;
}

export type TimelineKind =
  'half-sent' | 'local-outcome' | 'end-sent' | 'check-received' | 'check-answered' | 'request-sent' | 'reply-received' | 'reply-timeout';

export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  /** One line, for people. */
  text: string;
  state?: TxState | undefined;
  /** reply-received: the reply itself. */
  reply?: ReplyView | undefined;
}

export interface ReplyView {
  topic: string;
  bodyBase64: string;
  bodyText?: string | undefined;
  bodySize: number;
  properties: Record<string, string>;
  correlationId?: string | undefined;
  bornHost?: string | undefined;
  storeHost?: string | undefined;
  bornTimestamp: number;
  storeTimestamp: number;
  arrivedAt: number;
}

export interface RequestOutcome {
  historyId: number;
  /** ok: a reply came; failed: no reply in time, or the request was not stored. */
  status: HistoryStatus;
  /** Request start → reply arrival. */
  latencyMs: number;
  result?: SendResultView | undefined;
  reply?: ReplyView | undefined;
  correlationId?: string | undefined;
  error?: ApiErrorShape | undefined;
  resolved: ResolvedSend;
  /** The trace topic the request's send was traced to (absent: not traced, or no reply to say it was stored). */
  traceTopic?: string | undefined;
}

export interface TxInboxEvent {
  profileId: string;
  check: TxCheckView;
}
