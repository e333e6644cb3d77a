/**
 * Every IPC handler goes through here: the sender must be the app's own top-level frame, and the
 * handler's outcome always becomes a Result (Electron's invoke would drop everything but a message).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { HostErrorCode, type ApiError, type ChannelName, type Result } from '../common/api.js';

/** `URL.origin` is "null" for non-special schemes such as app:, so compare scheme://host ourselves. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

export function isTrustedSenderUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

function isTrustedFrame(frame: WebFrameMain | null, trustedOrigins: readonly string[]): boolean {
  // A destroyed or navigated frame is null; subframes are never ours.
  return frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url, trustedOrigins);
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof Error) {
    const { code, retriable } = e as Error & { code?: unknown; retriable?: unknown };
    return {
      name: e.name,
      code: typeof code === 'number' ? code : HostErrorCode.INTERNAL,
      retriable: retriable === true,
      message: e.message,
    };
  }
  return { name: 'Error', code: HostErrorCode.INTERNAL, retriable: false, message: String(e) };
}

export type GuardedHandler<T> = (event: IpcMainInvokeEvent, ...args: unknown[]) => T | Promise<T>;

/** ipcMain.handle with the sender check; the handler returns a plain value, never a Result. */
export function handleGuarded<T>(
  channel: ChannelName,
  trustedOrigins: readonly string[],
  handler: GuardedHandler<T>,
): void {
  ipcMain.handle(channel, async (event, ...args): Promise<Result<T>> => {
    if (!isTrustedFrame(event.senderFrame, trustedOrigins)) {
      return {
        ok: false,
        error: {
          name: 'ForbiddenSenderError',
          code: HostErrorCode.FORBIDDEN_SENDER,
          retriable: false,
          message: `${channel} refused: the sender is not the workbench window`,
        },
      };
    }
    try {
      return { ok: true, value: await handler(event, ...args) };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  });
}
