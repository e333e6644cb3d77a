/**
 * Serves the built renderer from app://workbench/ instead of file://, so the page has a real origin
 * (needed for the CSP's 'self', for IPC sender checks and for ES module workers) and can read
 * nothing outside out/renderer.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.js';
import { contentType, resolveRendererFile } from '../shared/renderer-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before app 'ready': privileges cannot be granted later. corsEnabled because Vite's module
 * scripts and module workers are fetched in CORS mode; no Access-Control-* header is ever sent, so
 * other origins still cannot read app:// content.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Maps a request URL to a file under rootDir, or null for other hosts and path escapes. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveRendererFile(rootDir, url.pathname);
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Call after 'ready'. Every response carries the CSP, so it holds even if index.html loses its meta tag. */
export function handleAppScheme(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return textResponse(405, 'method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return textResponse(404, 'not found');
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': contentType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return textResponse(404, 'not found');
    }
  });
}
