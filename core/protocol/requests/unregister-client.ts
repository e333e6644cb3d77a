/** UNREGISTER_CLIENT (35) → every broker address. Header: clientID, producerGroup. */
import { createRequest, type RemotingCommand } from '../../remoting/command.js';
import { RequestCode } from '../codes.js';
import { expectSuccess } from './response.js';

export function encodeUnregisterClient(clientID: string, producerGroup: string): RemotingCommand {
  return createRequest(RequestCode.UNREGISTER_CLIENT, { clientID, producerGroup });
}

export function decodeUnregisterClient(addr: string, res: RemotingCommand): void {
  expectSuccess(addr, res);
}
