/**
 * END_TRANSACTION (37) → the broker master that stored the half message, always oneway (the Java
 * client's endTransactionOneway; the broker answers nothing useful and a slow answer must not hold
 * the producer).
 * Header (EndTransactionRequestHeader): producerGroup, tranStateTableOffset (the half message's
 * queue offset), commitLogOffset (from its offsetMsgId), commitOrRollback (8 commit, 12 rollback,
 * 0 unknown — the broker ignores 0), fromTransactionCheck, msgId (UNIQ_KEY), transactionId
 * (optional), topic (5.x), bname (RpcRequestHeader: the broker name).
 */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';

export type LocalTransactionState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

/** MessageSysFlag.TRANSACTION_{COMMIT,ROLLBACK,NOT}_TYPE, the values commitOrRollback carries. */
export const TRANSACTION_COMMIT_TYPE = 0x8;
export const TRANSACTION_ROLLBACK_TYPE = 0xc;
export const TRANSACTION_NOT_TYPE = 0x0;

export function commitOrRollbackOf(state: LocalTransactionState): number {
  return state === 'COMMIT_MESSAGE' ? TRANSACTION_COMMIT_TYPE : state === 'ROLLBACK_MESSAGE' ? TRANSACTION_ROLLBACK_TYPE : TRANSACTION_NOT_TYPE;
}

export interface EndTransactionRequestHeader {
  producerGroup: string;
  tranStateTableOffset: bigint;
  commitLogOffset: bigint;
  commitOrRollback: number;
  fromTransactionCheck: boolean;
  msgId: string;
  transactionId?: string | undefined;
  topic?: string | undefined;
  brokerName?: string | undefined;
}

export function encodeEndTransaction(h: EndTransactionRequestHeader, remark?: string): RemotingCommand {
  const ext: Record<string, string> = {
    producerGroup: h.producerGroup,
    tranStateTableOffset: h.tranStateTableOffset.toString(),
    commitLogOffset: h.commitLogOffset.toString(),
    commitOrRollback: String(h.commitOrRollback),
    fromTransactionCheck: h.fromTransactionCheck ? 'true' : 'false',
    msgId: h.msgId,
  };
  if (h.transactionId !== undefined) ext.transactionId = h.transactionId;
  if (h.topic !== undefined) ext.topic = h.topic;
  if (h.brokerName !== undefined) ext.bname = h.brokerName;
  const cmd = createRequest(RequestCode.END_TRANSACTION, ext);
  if (remark !== undefined) cmd.remark = remark;
  return cmd;
}
