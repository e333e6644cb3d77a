/**
 * The Workbench API contract shared by main, preload and renderer.
 * Environment-neutral on purpose: the renderer imports its types and the sandboxed preload bundles it,
 * so nothing here may touch Node, Electron or the DOM.
 */

/** Every failure crossing the boundary; Electron's `invoke` would keep only an Error's message. */
export interface ApiError {
  name: string;
  code: number;
  retriable: boolean;
  message: string;
}

/** Handlers never throw across the boundary: they resolve to a Result. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Codes for errors raised by the host itself, outside core's client (1xxxx) and broker response codes.
 * The renderer may only `import type`, so it pins literals with `typeof HostErrorCode.X`.
 */
export const HostErrorCode = {
  NO_HOST: 20001,
  FORBIDDEN_SENDER: 20002,
  INTERNAL: 20003,
} as const;

/** Invoke channels, named `domain:verb`; preload and main both use these so they cannot drift. */
export const Channel = {
  APP_INFO: 'app:info',
} as const;
export type ChannelName = (typeof Channel)[keyof typeof Channel];

export interface AppInfo {
  version: string;
  platform: string;
}

/** What the renderer sees as `window.workbench` (Electron) or gets from the WebSocket transport. */
export interface WorkbenchApi {
  app: {
    info(): Promise<Result<AppInfo>>;
  };
}
