import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors.js';
import { checkBody, checkTopic, checkUserProperties, checkGroup, checkPropertiesLength, isSystemTopic } from '../../../core/producer/validators.js';
import { prepareBatch, prepareSingle, type PrepareOptions } from '../../../core/producer/prepare-message.js';
import { MessageIdGenerator } from '../../../core/protocol/message-id.js';
import { inflateSync } from 'node:zlib';

const MB4 = 4 * 1024 * 1024;

/** The check fails with exactly a ValidationError whose message matches. */
function refuses(fn: () => unknown, message: RegExp): void {
  expect(fn).toThrow(ValidationError);
  expect(fn).toThrow(message);
}

// The RocketMQ e2e validation table, reproduced.
describe('Validators', () => {
  it.each([
    ['', /blank/],
    ['   ', /blank/],
    ['a'.repeat(128), /longer than topic max length 127/],
    ['bad topic', /illegal characters/],
    ['t/opic', /illegal characters/],
    ['SCHEDULE_TOPIC_XXXX', /forbidden/],
    ['RMQ_SYS_TRANS_HALF_TOPIC', /forbidden/],
  ])('rejects topic %j', (topic, re) => {
    expect(() => checkTopic(topic)).toThrow(ValidationError);
    expect(() => checkTopic(topic)).toThrow(re);
  });

  it.each(['a'.repeat(127), 'Topic_1-x', '%RETRY%grp', 'a|b', 'TBW102'])('accepts topic %j', (t) => {
    expect(() => checkTopic(t)).not.toThrow();
  });

  it('checks body sizes: empty, exactly 4 MiB, 4 MiB + 1', () => {
    refuses(() => checkBody(Buffer.alloc(0), MB4), /length is zero/);
    expect(() => checkBody(Buffer.alloc(MB4), MB4)).not.toThrow();
    refuses(() => checkBody(Buffer.alloc(MB4 + 1), MB4), /over max value, MAX: 4194304/);
  });

  it('checks properties: reserved names, blanks, and the 32 KiB limit', () => {
    refuses(() => checkUserProperties({ UNIQ_KEY: 'x' }), /reserved/);
    refuses(() => checkUserProperties({ color: '' }), /blank value/);
    expect(() => checkUserProperties({ color: 'blue' })).not.toThrow();
    // As Java's putUserProperty: the broker-side names are refused, the documented user knob for
    // transactions (check immunity) is not.
    refuses(() => checkUserProperties({ TIMER_DELAY_LEVEL: '3' }), /reserved/);
    expect(() => checkUserProperties({ CHECK_IMMUNITY_TIME_IN_SECONDS: '60' })).not.toThrow();
    expect(() => checkPropertiesLength('x'.repeat(32767))).not.toThrow();
    refuses(() => checkPropertiesLength('x'.repeat(32768)), /32767-byte limit/);
  });

  it('checks groups', () => {
    refuses(() => checkGroup('DEFAULT_PRODUCER'), /DEFAULT_PRODUCER/);
    refuses(() => checkGroup('g 1'), /illegal/);
  });

  it('classifies system topics', () => {
    for (const t of ['TBW102', 'RMQ_SYS_TRACE_TOPIC', 'rmq_sys_x', 'SCHEDULE_TOPIC_XXXX']) expect(isSystemTopic(t)).toBe(true);
    // TopicValidator.isSystemTopic: the fixed set + `rmq_sys_` only (issue 17 item 4).
    for (const t of ['Orders', 'TopicTest', '%RETRY%g', '%DLQ%g', 'DefaultCluster_REPLY_TOPIC', 'RMQ_SYS_X']) expect(isSystemTopic(t)).toBe(false);
  });
});

describe('message preparation', () => {
  const o: PrepareOptions = { maxMessageSize: MB4, compressMsgBodyOverHowmuch: 4096, compressLevel: 5, ids: new MessageIdGenerator(), wrapTopic: (t) => t };

  it('compresses bodies of 4096 bytes and more with zlib and flags sysFlag 0x301', () => {
    const small = prepareSingle({ topic: 'T', body: 'x'.repeat(4095) }, o);
    expect(small.sysFlag).toBe(0);
    const big = prepareSingle({ topic: 'T', body: 'x'.repeat(4096) }, o);
    expect(big.sysFlag).toBe(0x301);
    expect(big.body.subarray(0, 2).toString('hex')).toBe('785e');
    expect(inflateSync(big.body).toString()).toBe('x'.repeat(4096));
  });

  it('puts tags, keys, delay and WAIT into the properties', () => {
    const p = prepareSingle(
      { topic: 'T', body: 'b', tags: 'A', keys: ['k1', 'k2'], delayTimeLevel: 3, waitStoreMsgOK: false, properties: { color: 'blue' } },
      o,
    );
    expect(p.properties).toContain('TAGS\u0001A');
    expect(p.properties).toContain('KEYS\u0001k1 k2');
    expect(p.properties).toContain('DELAY\u00013');
    expect(p.properties).toContain('WAIT\u0001false');
    expect(p.properties).toContain('color\u0001blue');
    expect(p.properties).toContain(`UNIQ_KEY\u0001${p.msgId}`);
  });

  it('refuses mixed topics, delays and mixed waitStoreMsgOK in a batch', () => {
    expect(() =>
      prepareBatch(
        [
          { topic: 'A', body: 'x' },
          { topic: 'B', body: 'y' },
        ],
        o,
      ),
    ).toThrow(/same topic/);
    expect(() => prepareBatch([{ topic: 'A', body: 'x', delayTimeLevel: 2 }], o)).toThrow(/TimeDelayLevel/);
    expect(() =>
      prepareBatch(
        [
          { topic: 'A', body: 'x' },
          { topic: 'A', body: 'y', waitStoreMsgOK: false },
        ],
        o,
      ),
    ).toThrow(/waitStoreMsgOK/);
    expect(() => prepareBatch([{ topic: '%RETRY%g', body: 'x' }], o)).toThrow(/Retry group/);
    expect(() => prepareBatch([], o)).toThrow(/at least one/);
  });

  it('gives every batch member its own UNIQ_KEY and keeps the wrapper to WAIT only', () => {
    const p = prepareBatch(
      [
        { topic: 'A', body: 'x' },
        { topic: 'A', body: 'y' },
      ],
      o,
    );
    const ids = p.msgId.split(',');
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(p.properties).toBe('WAIT\u0001true');
    expect(p.batch).toBe(true);
  });
});
