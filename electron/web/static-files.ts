/**
 * Serves the built renderer (out/renderer) with the headless page's CSP; nothing outside that
 * folder: the URL path is resolved inside the root, then its real path (symlinks followed) must
 * still be inside the root's real path, and only a regular file is read.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, WEB_HOST_CSP } from '../shared/csp.js';
import { contentType, resolveRendererFile } from '../shared/renderer-files.js';

export { WEB_HOST_CSP };

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_HOST_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Largest file served (the renderer's biggest chunk is Monaco, a few MiB). */
const MAX_STATIC_BYTES = 32 * 1024 * 1024;

/** Maps a request path (query and fragment ignored) to a file under root, or null for escapes. */
export function resolveStatic(root: string, urlPath: string): string | null {
  return resolveRendererFile(root, urlPath.split('?')[0]!.split('#')[0]!);
}

/** The file's real path if it is inside root's real path, else null (a symlink pointing out, or missing). */
export async function realPathInside(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    return real.startsWith(realRoot + sep) ? real : null;
  } catch {
    return null;
  }
}

/** Reads a regular file (never a FIFO or device: O_NONBLOCK keeps open() from waiting on one). */
async function readRegular(file: string): Promise<Buffer | null> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > MAX_STATIC_BYTES) return null;
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/**
 * index.html carries the Electron policy as a <meta> tag (the build checks it equals the header);
 * both a meta and a header policy apply, so the headless page gets the meta rewritten to its own.
 */
function withWebCsp(html: Buffer): Buffer {
  const text = html.toString('utf8');
  return text.includes(CONTENT_SECURITY_POLICY) ? Buffer.from(text.replace(CONTENT_SECURITY_POLICY, WEB_HOST_CSP)) : html;
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const notFound = () => res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('method not allowed');
    return;
  }
  const file = resolveStatic(root, req.url ?? '/');
  const real = file ? await realPathInside(root, file) : null;
  if (!real) return void notFound();
  let body: Buffer | null;
  try {
    body = await readRegular(real);
  } catch {
    body = null;
  }
  if (!body) return void notFound();
  if (real.endsWith('.html')) body = withWebCsp(body);
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': contentType(real), 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
