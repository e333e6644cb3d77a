/** The RemotingCommand model: one request or response on the wire. */
export type SerializeType = 'JSON' | 'ROCKETMQ';

export const SERIALIZE_TYPE_CODE: Record<SerializeType, number> = { JSON: 0, ROCKETMQ: 1 };

/** Flag bits (RemotingCommand.RPC_TYPE / RPC_ONEWAY). */
export const FLAG_RESPONSE = 1 << 0;
export const FLAG_ONEWAY = 1 << 1;

/** MQVersion ordinal we advertise: V4_9_8 → standard route JSON, no GO_AWAY, full 4.9 behaviour. */
export const CLIENT_VERSION = 409;
export const CLIENT_LANGUAGE = 'JAVA';

export type ExtFields = Record<string, string>;

export interface RemotingCommand {
  code: number;
  language: string;
  version: number;
  opaque: number;
  flag: number;
  remark?: string | undefined;
  extFields?: ExtFields | undefined;
  body?: Buffer | undefined;
  /** Serialization the header arrived in (decode) or should be sent in (encode). */
  serializeType?: SerializeType | undefined;
}

export function createRequest(code: number, extFields?: ExtFields, body?: Buffer): RemotingCommand {
  return { code, language: CLIENT_LANGUAGE, version: CLIENT_VERSION, opaque: 0, flag: 0, extFields, body };
}

export function createResponse(request: RemotingCommand, code: number, remark?: string): RemotingCommand {
  return {
    code,
    language: CLIENT_LANGUAGE,
    version: CLIENT_VERSION,
    opaque: request.opaque,
    flag: FLAG_RESPONSE,
    remark,
    serializeType: request.serializeType,
  };
}

export function isResponse(cmd: RemotingCommand): boolean {
  return (cmd.flag & FLAG_RESPONSE) !== 0;
}

export function isOneway(cmd: RemotingCommand): boolean {
  return (cmd.flag & FLAG_ONEWAY) !== 0;
}
