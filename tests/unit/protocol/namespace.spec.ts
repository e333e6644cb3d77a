/**
 * Issue 17 item 4: NamespaceUtil leaves only system resources unwrapped — TopicValidator's fixed
 * set plus the `rmq_sys_` prefix, and `CID_RMQ_SYS_` groups — so user topics such as
 * `ORDERS_REPLY_TOPIC` or `RMQ_SYS_ORDERS` are wrapped like any other. Cases from Java's
 * NamespaceUtilTest and from the rule itself.
 */
import { describe, expect, it } from 'vitest';
import { wrapNamespace, withoutNamespace } from '../../../core/client/namespace.js';

const NS = 'MQ_INST_XX';

describe('wrapNamespace (NamespaceUtil.wrapNamespace)', () => {
  it.each([
    ['Topic_XXX', `${NS}%Topic_XXX`],
    ['ORDERS_REPLY_TOPIC', `${NS}%ORDERS_REPLY_TOPIC`],
    ['RMQ_SYS_ORDERS', `${NS}%RMQ_SYS_ORDERS`],
    ['%RETRY%GID_XXX', `%RETRY%${NS}%GID_XXX`],
    ['%DLQ%GID_XXX', `%DLQ%${NS}%GID_XXX`],
    [`${NS}%Topic_XXX`, `${NS}%Topic_XXX`],
    [`%RETRY%${NS}%GID_XXX`, `%RETRY%${NS}%GID_XXX`],
  ])('wraps user resource %s', (resource, wrapped) => {
    expect(wrapNamespace(NS, resource)).toBe(wrapped);
    expect(withoutNamespace(NS, wrapped)).toBe(resource.replace(`${NS}%`, ''));
  });

  it.each([
    'TBW102',
    'SCHEDULE_TOPIC_XXXX',
    'RMQ_SYS_TRACE_TOPIC',
    'RMQ_SYS_TRANS_HALF_TOPIC',
    'BenchmarkTest',
    'rmq_sys_REVIVE_LOG_C1',
    'CID_RMQ_SYS_TRANS',
    'CHECKPOINT_TOPIC',
  ])('leaves system resource %s alone', (resource) => expect(wrapNamespace(NS, resource)).toBe(resource));

  it('follows the system-topic set of the chosen client version', () => {
    // CHECKPOINT_TOPIC joined TopicValidator's set in 5.0; a 4.9.8 client wraps it.
    expect(wrapNamespace(NS, 'CHECKPOINT_TOPIC', 'java-4.9')).toBe(`${NS}%CHECKPOINT_TOPIC`);
    expect(wrapNamespace(NS, 'RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC', 'java-4.9')).toBe(`${NS}%RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC`);
    expect(wrapNamespace(NS, 'RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC', 'java-5')).toBe('RMQ_SYS_ROCKSDB_TRANS_HALF_TOPIC');
  });

  it('without a namespace nothing changes; another namespace is not stripped', () => {
    expect(wrapNamespace(undefined, 'Topic')).toBe('Topic');
    expect(wrapNamespace('', 'Topic')).toBe('Topic');
    expect(withoutNamespace('MQ_INST_XX3', '%RETRY%MQ_INST_XX2%GID_XXX2')).toBe('%RETRY%MQ_INST_XX2%GID_XXX2');
    expect(withoutNamespace('MQ_INST_XX1', '%RETRY%MQ_INST_XX1%GID_XXX1')).toBe('%RETRY%GID_XXX1');
  });
});
