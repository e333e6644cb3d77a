import { describe, expect, it } from 'vitest';
import { encodeBatchBody } from '../../../core/protocol/batch-codec.js';
import { decodeOffsetMsgId, encodeOffsetMsgId, MessageIdGenerator } from '../../../core/protocol/message-id.js';
import { decodeProperties, encodeProperties } from '../../../core/protocol/message-properties.js';
import { signContent } from '../../../core/client/acl-rpc-hook.js';
import { createHmac } from 'node:crypto';

describe('properties string', () => {
  it('matches the fact-sheet bytes (\\u0001 between name and value, \\u0002 between pairs, no trailing separator)', () => {
    const s = encodeProperties({ TAGS: 'TagA', KEYS: 'order-1', WAIT: 'true' });
    expect(Buffer.from(s).toString('hex')).toBe(Buffer.from('TAGS\u0001TagA\u0002KEYS\u0001order-1\u0002WAIT\u0001true').toString('hex'));
    expect(s.endsWith('\u0002')).toBe(false);
  });

  it('decodes with or without a trailing separator and skips junk segments', () => {
    expect(decodeProperties('A\u0001b\u0002C\u0001d\u0002')).toEqual({ A: 'b', C: 'd' });
    expect(decodeProperties('A\u0001b\u0002x\u0002\u0001novalue\u0002K\u0001')).toEqual({ A: 'b' });
  });
});

describe('batch body', () => {
  it('encodes the fact-sheet example byte for byte (4.9.8 form: no trailing separator)', () => {
    const body = encodeBatchBody(
      [
        { flag: 0, body: Buffer.from('hello'), properties: 'TAGS\u0001A\u0002WAIT\u0001true\u0002UNIQ_KEY\u00017F00000130394A35F2D2122640950000' },
        { flag: 0, body: Buffer.from('world'), properties: 'WAIT\u0001true\u0002UNIQ_KEY\u00017F00000130394A35F2D2122640950001' },
      ],
      { behaviour: 'java-4.9' },
    );
    const expected =
      '000000550000000000000000000000000000000568656C6C6F003A5441475301410257414954017472756502554E49515F4B455901' +
      '37463030303030313330333934413335463244323132323634303935303030300000004E00000000000000000000000000000005' +
      '776F726C64003357414954017472756502554E49515F4B4559013746303030303031333033393441333546324432313232363430393530303031';
    expect(body.toString('hex').toUpperCase()).toBe(expected);
  });
});

describe('message ids', () => {
  it('lays out the client id as IP | pid | hash | ms since month start | counter', () => {
    const d = new Date();
    const monthStart = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
    const offset = ((3 * 24 + 12) * 3600 + 34 * 60 + 56) * 1000 + 789;
    const gen = new MessageIdGenerator({ ip: Buffer.from([127, 0, 0, 1]), pid: 12345, seed: 0x4a35f2d2, now: () => monthStart + offset });
    expect(gen.next()).toBe('7F00000130394A35F2D2122640950000');
    expect(gen.next()).toBe('7F00000130394A35F2D2122640950001');
  });

  it('moves the time part with the clock and wraps the counter at 16 bits', () => {
    const d = new Date();
    const monthStart = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
    let now = monthStart + 0xabcd;
    const gen = new MessageIdGenerator({ ip: Buffer.from([10, 0, 0, 1]), pid: 1, seed: 0, now: () => now });
    const first = gen.next();
    expect(first.slice(20)).toBe('0000ABCD0000');
    now += 1;
    expect(gen.next().slice(20)).toBe('0000ABCE0001');
    for (let i = 2; i < 0xffff; i++) gen.next();
    expect(gen.next().slice(28)).toBe('FFFF');
    expect(gen.next().slice(28)).toBe('0000');
    now -= 1; // a clock step back must not reuse the cached time part of the later millisecond
    expect(gen.next().slice(20)).toBe('0000ABCD0001');
  });

  it('decodes the Apache test-suite offsetMsgId', () => {
    expect(decodeOffsetMsgId('645100FA00002A9F000000489A3AA09E')).toEqual({ address: '100.81.0.250:10911', commitLogOffset: 311825178782n });
    expect(encodeOffsetMsgId('100.81.0.250', 10911, 311825178782n)).toBe('645100FA00002A9F000000489A3AA09E');
  });

  it('rejects ids that are not offsetMsgIds', () => {
    expect(() => decodeOffsetMsgId('xyz')).toThrow(/not an offsetMsgId/);
  });
});

describe('ACL signature', () => {
  it('HmacSHA1 vector from the Apache test suite', () => {
    expect(createHmac('sha1', '12345678').update('RocketMQ').digest('base64')).toBe('IUc8rrO/0gDch8CjObLQsW2rsiA=');
  });

  it('signs the sorted ext values (fact-sheet worked example)', () => {
    expect(signContent({ topic: 'TopicTest', AccessKey: 'rocketmq2' }, undefined, '12345678')).toBe('GeeGoP9mRvDhoVp4PD5omX0prgE=');
  });

  it('signs values then body for a SEND_MESSAGE_V2 (fact-sheet worked example)', () => {
    const ext = {
      a: 'demo_producer_group',
      b: 'TopicTest',
      c: 'TBW102',
      d: '4',
      e: '1',
      f: '0',
      g: '1710000000000',
      h: '0',
      i: 'TAGS\u0001TagA\u0002WAIT\u0001true\u0002UNIQ_KEY\u00017F00000130394A35F2D2122640950000',
      j: '0',
      k: 'false',
      m: 'false',
      n: 'broker-a',
      AccessKey: 'rocketmq2',
    };
    expect(signContent(ext, Buffer.from('Hello RocketMQ'), '12345678')).toBe('aj/aLpBnTIuRi4q75V7QpLRpXlY=');
  });
});
