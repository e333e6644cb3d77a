import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.js';
import { selectMessageQueueByHash, selectMessageQueueByRandom } from '../../../core/producer/selectors.js';
import type { MessageQueue } from '../../../core/producer/message-queue.js';

const msg = { topic: 'defaultTopic', body: 'body' };
const queues = (n: number): MessageQueue[] => Array.from({ length: n }, (_, queueId) => ({ topic: 'defaultTopic', brokerName: 'defaultBroker', queueId }));

// Issue 17 item 2: Java's SelectMessageQueueByRandomTest expects IllegalArgumentException on an empty list.
describe('queue selectors on an empty list (as Java)', () => {
  it('the random selector refuses an empty list instead of returning undefined', () => {
    expect(() => selectMessageQueueByRandom([], msg, null)).toThrow(ValidationError);
    expect(() => selectMessageQueueByRandom([], msg, null)).toThrow(/bound must be positive/);
  });

  it('the hash selector refuses an empty list and a missing key', () => {
    expect(() => selectMessageQueueByHash([], msg, 'order-1')).toThrow(/\/ by zero/);
    expect(() => selectMessageQueueByHash(queues(4), msg, undefined)).toThrow(ValidationError);
  });

  it('a single queue is always chosen; Integer.MIN_VALUE hashes stay in range (Java test keys)', () => {
    const one = queues(1);
    expect(selectMessageQueueByRandom(one, msg, null)).toBe(one[0]);
    const ten = queues(10);
    expect(selectMessageQueueByHash(ten, msg, '123')).not.toBe(selectMessageQueueByHash(ten, msg, '234'));
    for (const k of ['polygenelubricants', 'GydZG_', 'DESIGNING WORKHOUSES']) expect(ten).toContain(selectMessageQueueByHash(ten, msg, k));
  });
});
