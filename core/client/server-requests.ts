/**
 * Requests a broker sends to the client (ClientRemotingProcessor): CHECK_TRANSACTION_STATE goes to
 * the registered producer of the half message's group (oneway: never answered here — the producer
 * answers later with END_TRANSACTION), PUSH_REPLY_MESSAGE_TO_CLIENT completes the waiting request
 * and is answered SUCCESS (unmatched replies too, as Java does; SYSTEM_ERROR when it cannot be
 * decoded), other oneway notifications get nothing, anything else REQUEST_CODE_NOT_SUPPORTED so the
 * broker never waits on us.
 */
import type { Logger } from '../logger.js';
import { RequestCode, ResponseCode } from '../protocol/codes.js';
import { decodeCheckTransactionState, type CheckTransactionState } from '../protocol/requests/check-transaction-state.js';
import { decodeReplyMessage, type ReplyMessage } from '../protocol/requests/reply-message.js';
import { createResponse, isOneway, type RemotingCommand } from '../remoting/command.js';
import type { Connection } from '../remoting/connection.js';

export interface ServerRequestHandlers {
  log: Logger;
  now(): number;
  /** A decoded check and the address of the broker connection it came on. */
  checkTransactionState(check: CheckTransactionState, addr: string): void;
  /** A decoded reply; returns whether a request was waiting for it. */
  receiveReplyMessage(reply: ReplyMessage): boolean;
}

export function answerServerRequest(cmd: RemotingCommand, conn: Connection, h?: ServerRequestHandlers): void {
  switch (cmd.code) {
    case RequestCode.CHECK_TRANSACTION_STATE: {
      if (!h) return;
      let check: CheckTransactionState;
      try {
        check = decodeCheckTransactionState(cmd);
      } catch (e) {
        h.log.warn('checkTransactionState, decode message failed', { addr: conn.addr, error: e });
        return;
      }
      h.checkTransactionState(check, conn.addr);
      return;
    }
    case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED:
      return; // oneway by protocol: never answered
    case RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT: {
      if (!h) {
        conn.respond(createResponse(cmd, ResponseCode.SUCCESS));
        return;
      }
      let reply: ReplyMessage;
      try {
        reply = decodeReplyMessage(cmd, h.now());
      } catch (e) {
        h.log.warn('unknown err when receiveReplyMsg', { addr: conn.addr, error: e });
        conn.respond(createResponse(cmd, ResponseCode.SYSTEM_ERROR, 'process reply message fail'));
        return;
      }
      if (!h.receiveReplyMessage(reply)) {
        h.log.warn('receive reply message, but not matched any request', { correlationId: reply.correlationId, bornHost: reply.bornHost });
      }
      conn.respond(createResponse(cmd, ResponseCode.SUCCESS));
      return;
    }
    default:
      if (isOneway(cmd)) return;
      conn.respond(createResponse(cmd, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, ` request type ${cmd.code} not supported`));
  }
}
