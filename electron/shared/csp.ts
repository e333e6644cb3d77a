/**
 * The app's Content-Security-Policy. Sent as a header by the app:// protocol and repeated as a
 * <meta> tag in renderer/index.html (the build fails if the two differ, see electron.vite.config.ts).
 * 'unsafe-inline' styles: Monaco writes inline styles. blob: workers: Monaco/Vite worker bootstraps.
 * ws://127.0.0.1:*: the renderer's WebSocket transport to the headless host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
