/**
 * Requests a broker sends to the client (ClientRemotingProcessor). A producer without
 * transactions or request/reply answers what it must: PUSH_REPLY_MESSAGE_TO_CLIENT gets SUCCESS
 * (the Java client answers unmatched replies the same way), oneway notifications get nothing,
 * anything else REQUEST_CODE_NOT_SUPPORTED so the broker never waits on us.
 */
import { RequestCode, ResponseCode } from '../protocol/codes.js';
import { createResponse, isOneway, type RemotingCommand } from '../remoting/command.js';
import type { Connection } from '../remoting/connection.js';

export function answerServerRequest(cmd: RemotingCommand, conn: Connection): void {
  switch (cmd.code) {
    case RequestCode.CHECK_TRANSACTION_STATE:
    case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED:
      return; // oneway by protocol: never answered
    case RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT:
      conn.respond(createResponse(cmd, ResponseCode.SUCCESS));
      return;
    default:
      if (isOneway(cmd)) return;
      conn.respond(createResponse(cmd, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, ` request type ${cmd.code} not supported`));
  }
}
