/** Host-side errors with a contract code, and the one function that turns anything into an ApiError. */
import { ClientErrorCode, errorToJSON } from '../../core/index.js';
import { HostErrorCode, type ApiError } from '../common/contract.js';

export class HostError extends Error {
  readonly code: number;
  readonly retriable: boolean;
  constructor(name: string, code: number, message: string, retriable = false) {
    super(message);
    this.name = name;
    this.code = code;
    this.retriable = retriable;
  }
}

export const notFound = (what: string): HostError => new HostError('NotFoundError', HostErrorCode.NOT_FOUND, `${what} was not found`);
export const readOnly = (profile: string, action: string): HostError =>
  new HostError(
    'ReadOnlyProfileError',
    HostErrorCode.READ_ONLY,
    `profile '${profile}' is read-only: ${action} refused. Turn off read-only in the profile to allow it.`,
  );
export const badFile = (message: string): HostError => new HostError('BadFileError', HostErrorCode.BAD_FILE, message);
export const invalidInput = (message: string): HostError => new HostError('InvalidInputError', HostErrorCode.INVALID_INPUT, message);
export const conflict = (message: string): HostError => new HostError('ConflictError', HostErrorCode.CONFLICT, message);

/** Any thrown value → the wire shape. Core errors keep their code and retriable flag. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof HostError) return { name: e.name, code: e.code, retriable: e.retriable, message: e.message };
  const j = errorToJSON(e);
  return { ...j, code: j.code === ClientErrorCode.UNKNOWN_ERROR ? HostErrorCode.INTERNAL : j.code };
}
