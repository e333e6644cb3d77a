/**
 * The only module that touches window.workbench (Electron preload) or, in a plain browser, the
 * headless host's WebSocket transport. Everything else in the renderer imports `api` from here,
 * and every call resolves to a Result: nothing rejects past this module.
 */
import type { ApiError, HostErrorCode, Result, WorkbenchApi } from '../../../electron/common/api.js';

// The contract may only be imported as types here, so pin the literals against HostErrorCode.
const NO_HOST: (typeof HostErrorCode)['NO_HOST'] = 20001;
const INTERNAL: (typeof HostErrorCode)['INTERNAL'] = 20003;

function failure<T>(error: ApiError): Result<T> {
  return { ok: false, error };
}

/** A rejected invoke (e.g. no handler bound in main) becomes an error Result. */
function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  return call().catch((e: unknown) =>
    failure<T>({
      name: 'BridgeError',
      code: INTERNAL,
      retriable: false,
      message: e instanceof Error ? e.message : String(e),
    }),
  );
}

function fromPreload(host: WorkbenchApi): WorkbenchApi {
  return {
    app: {
      info: () => settle(() => host.app.info()),
    },
  };
}

function noHost<T>(): Promise<Result<T>> {
  return Promise.resolve(
    failure<T>({ name: 'NoHostError', code: NO_HOST, retriable: false, message: 'no host connected' }),
  );
}

/** Used when neither the preload nor a WebSocket host is available: every call resolves to an error. */
export const disconnectedApi: WorkbenchApi = {
  app: {
    info: noHost,
  },
};

export const api: WorkbenchApi = window.workbench ? fromPreload(window.workbench) : disconnectedApi;
