/** The message browser's request codecs: header fields as the Java headers name them, byte vectors, response mapping. */
import { describe, expect, it } from 'vitest';
import { BrokerResponseError, ProtocolError } from '../../../core/errors.js';
import { RequestCode, ResponseCode } from '../../../core/protocol/codes.js';
import { decodePullMessage, encodePullMessage, PullSysFlag } from '../../../core/protocol/requests/pull-message.js';
import { decodeQueryConsumerOffset, encodeQueryConsumerOffset } from '../../../core/protocol/requests/query-consumer-offset.js';
import { decodeQueryTopicConsumeByWho, encodeQueryTopicConsumeByWho } from '../../../core/protocol/requests/query-topic-consume-by-who.js';
import { decodeSearchOffsetByTimestamp, encodeSearchOffsetByTimestamp } from '../../../core/protocol/requests/search-offset-by-timestamp.js';
import { createResponse, type RemotingCommand } from '../../../core/remoting/command.js';
import { encodeRocketMQHeader } from '../../../core/remoting/header-codec.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';

function reply(req: RemotingCommand, code: number, ext?: Record<string, string>, body?: Buffer): RemotingCommand {
  return { ...createResponse(req, code), extFields: ext, body };
}

describe('QUERY_TOPIC_CONSUME_BY_WHO (300)', () => {
  it('encodes to the ROCKETMQ binary header byte for byte', () => {
    const cmd = encodeQueryTopicConsumeByWho('T');
    // code 300 | JAVA(0) | version 409 | opaque 0 | flag 0 | remark len 0 | ext len 12 | 0005 "topic" 00000001 "T"
    expect(encodeRocketMQHeader(cmd).toString('hex')).toBe(
      '012c' + '00' + '0199' + '00000000' + '00000000' + '00000000' + '0000000c' + '0005' + Buffer.from('topic').toString('hex') + '00000001' + '54',
    );
  });

  it('decodes the GroupList body, de-duplicated and sorted; an empty body is no group', () => {
    const req = encodeQueryTopicConsumeByWho('T');
    expect(decodeQueryTopicConsumeByWho('b:1', reply(req, 0, undefined, Buffer.from('{"groupList":["g2","g1","g2",""]}')))).toEqual(['g1', 'g2']);
    expect(decodeQueryTopicConsumeByWho('b:1', reply(req, 0))).toEqual([]);
    expect(() => decodeQueryTopicConsumeByWho('b:1', reply(req, 0, undefined, Buffer.from('{groupList')))).toThrow(ProtocolError);
    expect(() => decodeQueryTopicConsumeByWho('b:1', reply(req, 0, undefined, Buffer.from('{"groupList":"g1"}')))).toThrow(/not an array/);
    expect(() => decodeQueryTopicConsumeByWho('b:1', reply(req, 17))).toThrow(BrokerResponseError);
  });
});

describe('SEARCH_OFFSET_BY_TIMESTAMP (29)', () => {
  it('sends topic, queueId, the timestamp as a Java long and the 5.x boundary type', () => {
    const cmd = encodeSearchOffsetByTimestamp('Orders', 3, 1_700_000_000_123.9, 'UPPER');
    expect(cmd.code).toBe(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP);
    expect(cmd.extFields).toEqual({ topic: 'Orders', queueId: '3', timestamp: '1700000000123', boundaryType: 'UPPER' });
    expect(encodeSearchOffsetByTimestamp('O', 0, 0).extFields?.boundaryType).toBe('LOWER');
  });

  it('reads the offset header as a bigint and rejects a missing one', () => {
    const req = encodeSearchOffsetByTimestamp('O', 0, 0);
    expect(decodeSearchOffsetByTimestamp('b:1', reply(req, 0, { offset: '9007199254740993' }))).toBe(9007199254740993n);
    expect(() => decodeSearchOffsetByTimestamp('b:1', reply(req, 0, {}))).toThrow(/numeric 'offset'/);
  });
});

describe('QUERY_CONSUMER_OFFSET (14)', () => {
  it('always asks the broker not to invent a zero offset', () => {
    expect(encodeQueryConsumerOffset('G', 'T', 1).extFields).toEqual({ consumerGroup: 'G', topic: 'T', queueId: '1', setZeroIfNotFound: 'false' });
  });

  it('maps QUERY_NOT_FOUND to "never committed" and other failures to typed errors', () => {
    const req = encodeQueryConsumerOffset('G', 'T', 1);
    expect(decodeQueryConsumerOffset('b:1', reply(req, 0, { offset: '42' }))).toBe(42n);
    expect(decodeQueryConsumerOffset('b:1', reply(req, ResponseCode.QUERY_NOT_FOUND))).toBeUndefined();
    expect(() => decodeQueryConsumerOffset('b:1', reply(req, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST))).toThrow(BrokerResponseError);
  });
});

describe('PULL_MESSAGE (11) for browsing', () => {
  it("never sets FLAG_COMMIT_OFFSET nor SUSPEND; subscribes * with mqadmin's TOOLS_CONSUMER group", () => {
    const cmd = encodePullMessage({ topic: 'T', queueId: 2, queueOffset: 9007199254740993n, maxMsgNums: 32 });
    expect(cmd.code).toBe(11);
    expect(cmd.extFields).toEqual({
      consumerGroup: 'TOOLS_CONSUMER',
      topic: 'T',
      queueId: '2',
      queueOffset: '9007199254740993',
      maxMsgNums: '32',
      sysFlag: '4',
      commitOffset: '0',
      suspendTimeoutMillis: '0',
      subscription: '*',
      subVersion: '0',
      expressionType: 'TAG',
    });
    const flag = Number(cmd.extFields!.sysFlag);
    expect(flag & PullSysFlag.FLAG_COMMIT_OFFSET).toBe(0);
    expect(flag & PullSysFlag.FLAG_SUSPEND).toBe(0);
    expect(flag & PullSysFlag.FLAG_SUBSCRIPTION).toBe(PullSysFlag.FLAG_SUBSCRIPTION);
  });

  it('decodes found messages (stored-message layout back to back) and the offsets header', () => {
    const req = encodePullMessage({ topic: 'T', queueId: 0, queueOffset: 5n, maxMsgNums: 2 });
    const body = Buffer.concat([
      encodeStored({ topic: 'T', body: Buffer.from('one'), queueOffset: 5n, storeTimestamp: 1000, properties: 'KEYS\u0001k1' }),
      encodeStored({ topic: 'T', body: Buffer.from('two'), queueOffset: 6n, storeTimestamp: 2000 }),
    ]);
    const r = decodePullMessage('b:1', reply(req, 0, { nextBeginOffset: '7', minOffset: '0', maxOffset: '10', suggestWhichBrokerId: '0' }, body));
    expect(r.status).toBe('FOUND');
    expect([r.nextBeginOffset, r.minOffset, r.maxOffset]).toEqual([7n, 0n, 10n]);
    expect(r.messages.map((m) => [m.queueOffset, m.body.toString(), m.storeTimestamp, m.keys])).toEqual([
      [5n, 'one', 1000, ['k1']],
      [6n, 'two', 2000, []],
    ]);
  });

  it('maps the not-found codes to statuses and anything else to a broker error', () => {
    const req = encodePullMessage({ topic: 'T', queueId: 0, queueOffset: 0n, maxMsgNums: 1 });
    const ext = { nextBeginOffset: '3', minOffset: '3', maxOffset: '3' };
    expect(decodePullMessage('b:1', reply(req, 19, ext)).status).toBe('NO_NEW_MSG');
    expect(decodePullMessage('b:1', reply(req, 20, ext)).status).toBe('NO_MATCHED_MSG');
    expect(decodePullMessage('b:1', reply(req, 21, ext))).toMatchObject({ status: 'OFFSET_ILLEGAL', nextBeginOffset: 3n, messages: [] });
    expect(() => decodePullMessage('b:1', reply(req, 26, ext))).toThrow(BrokerResponseError);
    expect(() => decodePullMessage('b:1', reply(req, 0, {}))).toThrow(/numeric 'nextBeginOffset'/);
  });
});
