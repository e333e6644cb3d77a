/**
 * The only module that touches window.workbench (Electron preload) or, in a plain browser, the
 * headless host's WebSocket transport. Everything else in the renderer imports `api` from here,
 * and every call resolves to a Result: nothing rejects past this module.
 *
 * Usage: `const r = await api.send.message({ profileId, message: { topic, body } })`,
 * `const off = api.on('live:tick', (t) => …)`. Channels are `domain:verb` in the contract and
 * `api.domain.verb(input)` here.
 */
import type { ApiError, DataFileRef, HostErrorCode, Result, WorkbenchApi } from '../../../electron/common/api.js';
import { takeHostToken } from './host-token.js';
import { WsTransport } from './ws-transport.js';

// The contract may only be imported as types here, so pin the literals against HostErrorCode.
const NO_HOST: (typeof HostErrorCode)['NO_HOST'] = 20001;
const INTERNAL: (typeof HostErrorCode)['INTERNAL'] = 20003;
const BAD_FILE: (typeof HostErrorCode)['BAD_FILE'] = 20009;
const DISCONNECTED: (typeof HostErrorCode)['DISCONNECTED'] = 20011;
const UNAUTHORIZED: (typeof HostErrorCode)['UNAUTHORIZED'] = 20012;
const BUSY: (typeof HostErrorCode)['BUSY'] = 20013;

type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
type On = (event: string, listener: (payload: unknown) => void) => () => void;

function failure<T>(error: ApiError): Result<T> {
  return { ok: false, error };
}

/** A rejected call (e.g. no handler bound in main) becomes an error Result. */
function settle(call: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  let p: Promise<Result<unknown>>;
  try {
    p = call();
  } catch (e) {
    p = Promise.reject(e);
  }
  return p.catch((e: unknown) => failure({ name: 'BridgeError', code: INTERNAL, retriable: false, message: e instanceof Error ? e.message : String(e) }));
}

/** Builds `api.domain.verb(input)` over any invoke function, without a runtime channel list. */
function makeApi(invoke: Invoke, on: On): WorkbenchApi {
  const domains = new Map<string, unknown>();
  return new Proxy({} as WorkbenchApi, {
    get(_t, domain) {
      if (typeof domain !== 'string') return undefined;
      if (domain === 'on') return on;
      if (domain === 'then') return undefined; // not a thenable
      let d = domains.get(domain);
      if (!d) {
        d = new Proxy(
          {},
          { get: (_u, verb) => (typeof verb === 'string' ? (input?: unknown) => settle(() => invoke(`${domain}:${verb}`, input)) : undefined) },
        );
        domains.set(domain, d);
      }
      return d;
    },
  });
}

/** The preload's `domain.verb` function for a channel, looked up (and checked) at run time. */
function preloadMethod(host: object, domain: string, verb: string): ((input?: unknown) => Promise<Result<unknown>>) | undefined {
  const d: unknown = Reflect.get(host, domain);
  if (typeof d !== 'object' || d === null) return undefined;
  const fn: unknown = Reflect.get(d, verb);
  return typeof fn === 'function' ? (input?: unknown) => fn.call(d, input) as Promise<Result<unknown>> : undefined;
}

function fromPreload(host: WorkbenchApi): WorkbenchApi {
  return makeApi(
    (channel, input) => {
      const [domain = '', verb = ''] = channel.split(':');
      const fn = preloadMethod(host, domain, verb);
      if (!fn) return Promise.resolve(failure({ name: 'BridgeError', code: INTERNAL, retriable: false, message: `the host does not offer ${channel}` }));
      return fn(input);
    },
    (event, listener) => host.on(event as never, listener as never),
  );
}

/** Token from the URL the host printed (#token=…, see host-token.ts), kept for reloads of this tab only. */
function hostToken(): string | null {
  return takeHostToken(location, sessionStorage, (url) => history.replaceState(null, '', url));
}

export type HostConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';
const stateListeners = new Set<(s: HostConnectionState) => void>();
let hostState: HostConnectionState = 'closed';

/** For a connection banner in the headless host; Electron is always 'open'. */
export function onHostState(fn: (s: HostConnectionState) => void): () => void {
  stateListeners.add(fn);
  fn(hostState);
  return () => stateListeners.delete(fn);
}

function fromWebSocket(token: string): WorkbenchApi {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const t = new WsTransport({
    url: `${proto}//${location.host}/api?token=${encodeURIComponent(token)}`,
    tokenAccepted: () => fetch('/api/auth', { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status !== 401),
    onState: (s) => {
      hostState = s;
      for (const fn of stateListeners) fn(s);
    },
  });
  return makeApi(
    (channel, input) => t.invoke(channel, input),
    (event, listener) => t.on(event, listener),
  );
}

function noHost(): WorkbenchApi {
  return makeApi(
    () =>
      Promise.resolve(
        failure({
          name: 'NoHostError',
          code: NO_HOST,
          retriable: false,
          message: 'no host connected: open the URL (with #token=…) that `npm run serve` printed',
        }),
      ),
    () => () => {},
  );
}

/** Used when neither the preload nor a WebSocket host is available: every call resolves to an error. */
export const disconnectedApi: WorkbenchApi = noHost();

let webToken: string | null = null;

function pick(): WorkbenchApi {
  if (window.workbench) {
    hostState = 'open';
    return fromPreload(window.workbench);
  }
  webToken = hostToken();
  return webToken ? fromWebSocket(webToken) : disconnectedApi;
}

/** Electron: files are chosen in main's dialog (api.datafile.choose); a browser uploads what its file input picked. */
export const hasFileDialog = (): boolean => !!window.workbench;

/**
 * Headless host: streams the picked file to POST /api/upload (token in the Authorization header,
 * never in a URL) and resolves to the handle the host minted; the page never names a host path.
 */
export async function uploadDataFile(file: File): Promise<Result<DataFileRef>> {
  if (!webToken) return failure({ name: 'NoHostError', code: NO_HOST, retriable: false, message: 'no host connected' });
  try {
    const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${webToken}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    if (res.ok) return { ok: true, value: (await res.json()) as DataFileRef };
    const code = res.status === 401 ? UNAUTHORIZED : res.status === 413 ? BAD_FILE : res.status === 503 ? BUSY : INTERNAL;
    return failure({
      name: 'UploadError',
      code,
      retriable: res.status === 503,
      message: (await res.text()).slice(0, 300) || `upload failed (HTTP ${res.status})`,
    });
  } catch (e) {
    return failure({ name: 'UploadError', code: DISCONNECTED, retriable: true, message: `upload failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

export const api: WorkbenchApi = pick();
