/** Admin-specific typed errors and the serializable failure record used in per-broker results. */
import { BrokerResponseError, ClientErrorCode, MQClientError, errorToJSON } from '../errors.js';

export const AdminErrorCode = {
  /** A destructive call was made without `confirm: true`. */
  CONFIRMATION_REQUIRED: 10101,
  /** ResponseCode.NO_MESSAGE, as the Java admin uses for "query … finished, but no message". */
  NO_MESSAGE: 208,
  BROKER_NOT_EXIST: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION,
} as const;

export class ConfirmationRequiredError extends MQClientError {
  override readonly name = 'ConfirmationRequiredError';
  constructor(what: string) {
    super(`${what} is destructive: pass { confirm: true } to do it.`, { code: AdminErrorCode.CONFIRMATION_REQUIRED });
  }
}

export class MessageNotFoundError extends MQClientError {
  override readonly name = 'MessageNotFoundError';
  constructor(message: string) {
    super(message, { code: AdminErrorCode.NO_MESSAGE });
  }
}

export class BrokerNotFoundError extends MQClientError {
  override readonly name = 'BrokerNotFoundError';
  constructor(message: string) {
    super(message, { code: AdminErrorCode.BROKER_NOT_EXIST });
  }
}

/** One failed call in a multi-broker operation: where, what code, what the server said. */
export interface AdminFailure {
  addr: string;
  brokerName?: string | undefined;
  name: string;
  code: number;
  retriable: boolean;
  message: string;
  /** The server's remark, for broker/NameServer response errors. */
  remark?: string | undefined;
}

export function toFailure(addr: string, e: unknown, brokerName?: string): AdminFailure {
  const j = errorToJSON(e);
  return { addr, brokerName, ...j, remark: e instanceof BrokerResponseError ? e.remark : undefined };
}
