/** Shared response handling: a non-success code becomes a typed BrokerResponseError. */
import { BrokerResponseError } from '../../errors.js';
import type { RemotingCommand } from '../../remoting/command.js';
import { isRetriableResponseCode, ResponseCode, responseCodeName } from '../codes.js';

export function brokerError(addr: string, res: RemotingCommand): BrokerResponseError {
  return new BrokerResponseError(addr, res.code, responseCodeName(res.code), res.remark, isRetriableResponseCode(res.code));
}

export function expectSuccess(addr: string, res: RemotingCommand): RemotingCommand {
  if (res.code !== ResponseCode.SUCCESS) throw brokerError(addr, res);
  return res;
}

export function requireBody(addr: string, res: RemotingCommand, what: string): Buffer {
  if (!res.body || res.body.length === 0) throw new BrokerResponseError(addr, res.code, 'EMPTY_BODY', `${what} response has no body`, false);
  return res.body;
}
