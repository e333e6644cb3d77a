/** The user-facing Message and the SendResult a send returns. */
import type { SendStatus } from '../protocol/requests/send-message.js';
import type { MessageQueue } from './message-queue.js';
import type { AttemptRecord } from './send-errors.js';

export interface Message {
  topic: string;
  body: Buffer | Uint8Array | string;
  tags?: string | undefined;
  /** One key or several; stored space-separated in KEYS. */
  keys?: string | string[] | undefined;
  /** User properties; reserved names (TAGS, KEYS, UNIQ_KEY, …) are refused. */
  properties?: Record<string, string> | undefined;
  /** User int flag (Message.flag). */
  flag?: number | undefined;
  /** Delay level 1..18 (1s 5s 10s 30s 1m … 2h). */
  delayTimeLevel?: number | undefined;
  /** Absolute delivery time in epoch ms (5.x brokers, TIMER_DELIVER_MS / __STARTDELIVERTIME). */
  deliverTimeMs?: number | undefined;
  /** Default true: the broker answers once the message is stored. */
  waitStoreMsgOK?: boolean | undefined;
}

export interface SendResult {
  sendStatus: SendStatus;
  /** Client message id (UNIQ_KEY); comma-joined for a batch. */
  msgId: string;
  /** Broker message id (store host + commit-log offset); comma-joined for a batch. */
  offsetMsgId: string;
  messageQueue: MessageQueue;
  queueOffset: bigint;
  transactionId?: string | undefined;
  regionId: string;
  traceOn: boolean;
  /** Broker address the final attempt went to. */
  brokerAddr: string;
  /** Every attempt of this send in order, the last one the answer above (not in the Java SendResult). */
  attempts: AttemptRecord[];
}

/** What a oneway send knows once written: where its attempt went (the broker never answers). */
export interface OnewayResult {
  attempts: AttemptRecord[];
}

export function bodyBytes(body: Message['body']): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export function keysString(keys: Message['keys']): string | undefined {
  if (keys === undefined) return undefined;
  const list = (Array.isArray(keys) ? keys : [keys]).map((k) => k.trim()).filter((k) => k.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}
