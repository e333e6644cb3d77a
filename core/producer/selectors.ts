/** Queue selectors for ordered sends (MessageQueueSelector). */
import type { Message } from './message.js';
import type { MessageQueue } from './message-queue.js';

export type MessageQueueSelector = (mqs: readonly MessageQueue[], msg: Message, arg: unknown) => MessageQueue;

/** Java String.hashCode, so a key maps to the same queue as with the Java client's SelectMessageQueueByHash. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export const selectMessageQueueByHash: MessageQueueSelector = (mqs, _msg, arg) => {
  const h = typeof arg === 'number' ? arg | 0 : javaStringHashCode(String(arg));
  // Java: Math.abs(hash) % size, where Math.abs(MIN_VALUE) stays negative → abs of the remainder.
  return mqs[Math.abs(h % mqs.length)]!;
};

export const selectMessageQueueByRandom: MessageQueueSelector = (mqs) => mqs[Math.floor(Math.random() * mqs.length)]!;
