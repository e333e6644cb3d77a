/**
 * PULL_MESSAGE (11) → the broker holding the queue, as a read-only browser uses it.
 *
 * Header PullMessageRequestHeader: consumerGroup, topic, queueId, queueOffset, maxMsgNums, sysFlag,
 * commitOffset, suspendTimeoutMillis, subscription, subVersion, expressionType (and 5.x's optional
 * maxMsgBytes). Response header PullMessageResponseHeader: suggestWhichBrokerId, nextBeginOffset,
 * minOffset, maxOffset; body: the found messages back to back (stored-message layout).
 *
 * sysFlag (PullSysFlag): 0x1 COMMIT_OFFSET, 0x2 SUSPEND, 0x4 SUBSCRIPTION, 0x8 CLASS_FILTER,
 * 0x10 LITE_PULL. A browser sends SUBSCRIPTION only: without COMMIT_OFFSET the broker stores no
 * consumer offset whatever `commitOffset` says (sent as 0 anyway); without SUSPEND an empty queue
 * answers at once instead of long-polling; with SUBSCRIPTION the broker takes the `*` expression
 * from the request instead of looking for an online consumer of the group. The group is mqadmin's
 * TOOLS_CONSUMER, which every broker creates at start, so no subscription group is auto-created.
 *
 * Response codes: SUCCESS (messages), PULL_NOT_FOUND 19 (nothing at or after the offset),
 * PULL_RETRY_IMMEDIATELY 20 (nothing matched the filter in this batch), PULL_OFFSET_MOVED 21 (the
 * offset is outside [minOffset, maxOffset]; nextBeginOffset is where to start instead).
 */
import { ProtocolError } from '../../errors.js';
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode, ResponseCode } from '../codes.js';
import { decodeStoredMessages, type StoredMessage } from '../stored-message.js';
import { expectSuccess } from './response.js';

export const PullSysFlag = {
  FLAG_COMMIT_OFFSET: 0x1,
  FLAG_SUSPEND: 0x2,
  FLAG_SUBSCRIPTION: 0x4,
  FLAG_CLASS_FILTER: 0x8,
  FLAG_LITE_PULL_MESSAGE: 0x10,
} as const;

/** MixAll.TOOLS_CONSUMER_GROUP: the group mqadmin pulls with; brokers create it at start. */
export const TOOLS_CONSUMER_GROUP = 'TOOLS_CONSUMER';

/** The broker caps a pull at 32 messages by default (maxMsgNums is a wish). */
export const MAX_PULL_BATCH = 32;

export interface PullRequest {
  topic: string;
  queueId: number;
  queueOffset: bigint;
  maxMsgNums: number;
  consumerGroup?: string | undefined;
}

export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

export interface PullResponse {
  status: PullStatus;
  nextBeginOffset: bigint;
  minOffset: bigint;
  maxOffset: bigint;
  messages: StoredMessage[];
}

export function encodePullMessage(p: PullRequest): RemotingCommand {
  return createRequest(RequestCode.PULL_MESSAGE, {
    consumerGroup: p.consumerGroup ?? TOOLS_CONSUMER_GROUP,
    topic: p.topic,
    queueId: String(p.queueId),
    queueOffset: p.queueOffset.toString(),
    maxMsgNums: String(p.maxMsgNums),
    sysFlag: String(PullSysFlag.FLAG_SUBSCRIPTION), // never FLAG_COMMIT_OFFSET: browsing commits nothing
    commitOffset: '0',
    suspendTimeoutMillis: '0',
    subscription: '*',
    subVersion: '0',
    expressionType: 'TAG',
  });
}

function long(addr: string, ext: Record<string, string>, name: string): bigint {
  const v = ext[name];
  if (v === undefined || !/^-?\d+$/.test(v)) throw new ProtocolError(`${addr} answered PULL_MESSAGE without a numeric '${name}' field`);
  return BigInt(v);
}

export function decodePullMessage(addr: string, res: RemotingCommand): PullResponse {
  let status: PullStatus;
  switch (res.code) {
    case ResponseCode.SUCCESS:
      status = 'FOUND';
      break;
    case ResponseCode.PULL_NOT_FOUND:
      status = 'NO_NEW_MSG';
      break;
    case ResponseCode.PULL_RETRY_IMMEDIATELY:
      status = 'NO_MATCHED_MSG';
      break;
    case ResponseCode.PULL_OFFSET_MOVED:
      status = 'OFFSET_ILLEGAL';
      break;
    default:
      expectSuccess(addr, res); // throws the typed broker error
      throw new ProtocolError('unreachable');
  }
  const ext = res.extFields ?? {};
  return {
    status,
    nextBeginOffset: long(addr, ext, 'nextBeginOffset'),
    minOffset: long(addr, ext, 'minOffset'),
    maxOffset: long(addr, ext, 'maxOffset'),
    messages: status === 'FOUND' && res.body && res.body.length > 0 ? decodeStoredMessages(res.body) : [],
  };
}
