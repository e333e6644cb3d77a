/** Queue selectors for ordered sends (MessageQueueSelector). */
import { ValidationError } from '../errors.js';
import type { Message } from './message.js';
import type { MessageQueue } from './message-queue.js';

export type MessageQueueSelector = (mqs: readonly MessageQueue[], msg: Message, arg: unknown) => MessageQueue;

/** Java String.hashCode, so a key maps to the same queue as with the Java client's SelectMessageQueueByHash. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Java's selectors fail on an empty list: Random.nextInt(0) throws IllegalArgumentException
 * "bound must be positive", the hash selector's `% size` throws ArithmeticException "/ by zero".
 * Returning `undefined` typed as a queue would only fail later and further from the cause, so
 * refuse here, keeping Java's phrase for people who search for it.
 */
function checkNotEmpty(mqs: readonly MessageQueue[], selector: string, javaPhrase: string): void {
  if (mqs.length === 0) throw new ValidationError(`${selector}: ${javaPhrase} — the queue list is empty (the topic has no writable queue).`);
}

export const selectMessageQueueByHash: MessageQueueSelector = (mqs, _msg, arg) => {
  checkNotEmpty(mqs, 'SelectMessageQueueByHash', '/ by zero');
  // Java calls arg.hashCode() and so throws NullPointerException for a null arg; hashing the text
  // "undefined" would silently send every keyless message to one queue.
  if (arg === undefined || arg === null) throw new ValidationError('SelectMessageQueueByHash needs an arg (the ordering key): it was not given.');
  const h = typeof arg === 'number' ? arg | 0 : javaStringHashCode(String(arg));
  // Java: Math.abs(hash) % size, where Math.abs(MIN_VALUE) stays negative → abs of the remainder.
  return mqs[Math.abs(h % mqs.length)]!;
};

export const selectMessageQueueByRandom: MessageQueueSelector = (mqs) => {
  checkNotEmpty(mqs, 'SelectMessageQueueByRandom', 'bound must be positive');
  return mqs[Math.floor(Math.random() * mqs.length)]!;
};
