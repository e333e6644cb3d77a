/**
 * The Electron window's Content-Security-Policy. Sent as a header by the app:// protocol and
 * repeated as a <meta> tag in renderer/index.html (the build fails if the two differ, see
 * electron.vite.config.ts). 'unsafe-inline' styles: Monaco writes inline styles. blob: workers:
 * Monaco/Vite worker bootstraps. connect-src 'self' only: the Electron renderer talks to main over
 * IPC and never opens a WebSocket, so a compromised page has nowhere to connect to. The headless
 * host's page, which does need its WebSocket, gets its own policy (WEB_HOST_CSP below).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The headless host's page: the Electron policy plus the page's own WebSocket back to the host
 * (loopback names only) — the one difference between the two hosts.
 */
export const WEB_HOST_CSP = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:* ws://localhost:* ws://[::1]:*");
