/**
 * CHECK_TRANSACTION_STATE (39), broker → client, oneway: "what happened to this half message?"
 * Header (CheckTransactionStateRequestHeader): tranStateTableOffset, commitLogOffset (both of the
 * broker's latest copy of the half message — every check re-stores it), msgId, transactionId,
 * offsetMsgId, topic (5.x), bname (RpcRequestHeader). Body: the half message in stored-message
 * format, topic and queue id already restored to the real ones.
 */
import { ProtocolError } from '../../errors.js';
import type { RemotingCommand } from '../../remoting/command.js';
import { MessageConst } from '../message-properties.js';
import { decodeStoredMessage, type StoredMessage } from '../stored-message.js';

export interface CheckTransactionStateRequestHeader {
  tranStateTableOffset: bigint;
  commitLogOffset: bigint;
  msgId: string | undefined;
  transactionId: string | undefined;
  offsetMsgId: string | undefined;
  topic: string | undefined;
  brokerName: string | undefined;
}

export interface CheckTransactionState {
  header: CheckTransactionStateRequestHeader;
  /** The half message as the broker stored it (properties include TRAN_MSG, PGROUP, UNIQ_KEY, TRANSACTION_CHECK_TIMES …). */
  message: StoredMessage;
  /** The producer group the check is for (the half message's PGROUP property). */
  producerGroup: string | undefined;
  /** UNIQ_KEY, else the decoded msgId: what END_TRANSACTION carries as msgId (Java does the same). */
  uniqueKey: string;
  /** How many times the broker has checked this half message (TRANSACTION_CHECK_TIMES), 0 if absent. */
  checkTimes: number;
}

function long(ext: Record<string, string>, name: string): bigint {
  const v = ext[name];
  if (v === undefined || !/^-?\d+$/.test(v))
    throw new ProtocolError(`CHECK_TRANSACTION_STATE header field ${name} is missing or not a number (got ${JSON.stringify(v)})`);
  return BigInt(v);
}

export function decodeCheckTransactionState(cmd: RemotingCommand): CheckTransactionState {
  const ext = cmd.extFields ?? {};
  const header: CheckTransactionStateRequestHeader = {
    tranStateTableOffset: long(ext, 'tranStateTableOffset'),
    commitLogOffset: long(ext, 'commitLogOffset'),
    msgId: ext.msgId,
    transactionId: ext.transactionId,
    offsetMsgId: ext.offsetMsgId,
    topic: ext.topic,
    brokerName: ext.bname,
  };
  if (!cmd.body || cmd.body.length === 0) throw new ProtocolError('CHECK_TRANSACTION_STATE has no body (the half message)');
  const { message } = decodeStoredMessage(cmd.body);
  const checkTimes = Number(message.properties[MessageConst.TRANSACTION_CHECK_TIMES] ?? '0');
  return {
    header,
    message,
    producerGroup: message.properties[MessageConst.PGROUP],
    uniqueKey: message.properties[MessageConst.UNIQ_KEY] || message.msgId,
    checkTimes: Number.isFinite(checkTimes) ? checkTimes : 0,
  };
}
