/**
 * The IPC sender check: a message is accepted only from the app's own top-level frame, whose URL
 * has one of the trusted origins (app://workbench, or the dev server in development).
 */
import type { WebFrameMain } from 'electron';

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

export function isTrustedFrame(frame: WebFrameMain | null, trustedOrigins: readonly string[]): boolean {
  // A destroyed or navigated frame is null; subframes are never ours.
  return frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url, trustedOrigins);
}
