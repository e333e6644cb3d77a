/**
 * The headless host: the built renderer over HTTP and the Workbench contract over a WebSocket
 * (/api), on loopback only. Host and Origin headers are checked against loopback names
 * (DNS-rebinding defence); every socket must present the token printed at start
 * (ws://127.0.0.1:PORT/api?token=…) or the upgrade is refused with 401 before any WebSocket exists.
 * Messages: {id, channel, input} → {id, result}; pushed events: {event, payload}.
 *
 * Everything a client sends is hostile until the schema says otherwise: any frame gets exactly
 * one reply (a result or a typed error; id null when the frame has no usable id), nothing a
 * handler throws or rejects escapes, and each client has limits (frame size, requests in flight,
 * unsent replies) so one client cannot starve the others.
 *
 * Data files reach the host by upload (POST /api/upload, the token in the Authorization header,
 * at most DataFileAccess.maxBytes): the page never names a path on this machine.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from '../../core/index.js';
import { HostErrorCode, type ApiError, type Result } from '../common/contract.js';
import { toApiError } from '../services/errors.js';
import type { Workbench } from '../services/workbench-service.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';

export interface WebHostOptions {
  workbench: Workbench;
  /** 0 = any free port. */
  port?: number;
  rendererDir: string;
  /** Default: 32 random bytes, hex. A custom token needs at least TOKEN_MIN_LENGTH characters. */
  token?: string;
  /** Where failures that are the host's fault go (a handler bug, a reply that could not be sent). */
  logger?: Logger;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** A custom --token must be at least this long: the token is the only thing between any local process and the cluster. */
export const TOKEN_MIN_LENGTH = 32;
/**
 * Largest WebSocket frame. The largest legitimate request is a send of a 4 MiB body (core's default
 * max message size) written as hex (×2) plus the rest of the request: 9 MiB. A bigger frame closes
 * that socket with 1009 before it is buffered.
 */
export const MAX_FRAME_BYTES = 9 * 1024 * 1024;
/** Requests one client may have in flight; past it each new request is answered BUSY at once. */
export const MAX_PENDING_PER_CLIENT = 64;
/** A client that leaves this much of our replies unread is not reading: it is dropped. */
export const MAX_UNSENT_BYTES = 64 * 1024 * 1024;
/** Events dropped for a client whose socket buffer is this full (a stalled browser tab). */
const MAX_BUFFERED_EVENTS = 16 * 1024 * 1024;
/** Uploads running at once across all clients. */
const MAX_CONCURRENT_UPLOADS = 2;
const CLOSE_GRACE_MS = 1000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  return !!m && LOOPBACK_HOSTS.has(m[1]!.toLowerCase()) && (m[2] === undefined ? port === 80 : Number(m[2]) === port);
}

function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // non-browser clients send none; the token still applies
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && hostAllowed(u.host, port);
  } catch {
    return false;
  }
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

function error(code: number, name: string, message: string, retriable = false): Result<never> {
  const e: ApiError = { name, code, retriable, message };
  return { ok: false, error: e };
}

const NOT_A_REQUEST = error(
  HostErrorCode.INVALID_INPUT,
  'InvalidMessageError',
  'a request is one JSON object {"id": number | string, "channel": "domain:verb", "input": …} in a text frame',
);

/** Refuses an upgrade with a plain HTTP response: the client never gets a WebSocket. */
function refuseUpgrade(socket: Socket, status: 401 | 403, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
}

export function checkToken(token: string | undefined): string {
  if (token === undefined) return randomBytes(32).toString('hex');
  if (token.length < TOKEN_MIN_LENGTH)
    throw new Error(`--token must be at least ${TOKEN_MIN_LENGTH} characters (got ${token.length}); omit it for a random one`);
  return token;
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const token = checkToken(o.token);
  const wb = o.workbench;
  const log = o.logger;
  let port = 0;
  let uploads = 0;

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return plain(res, 405, 'method not allowed');
    if (!tokenMatches(bearer(req), token)) return plain(res, 401, 'unauthorized: send the token as "Authorization: Bearer <token>"');
    const max = wb.dataFiles.access.maxBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return plain(res, 413, `the file is larger than the ${max / 1024 / 1024} MiB limit`);
    if (uploads >= MAX_CONCURRENT_UPLOADS) return plain(res, 503, 'busy: another upload is running, retry when it ends');
    uploads++;
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > max) {
          // Stop reading: answer, then drop the connection instead of draining the rest.
          plain(res, 413, `the file is larger than the ${max / 1024 / 1024} MiB limit`);
          res.once('finish', () => req.socket.destroy());
          return;
        }
        chunks.push(chunk);
      }
      const ref = wb.dataFiles.access.registerUpload(url.searchParams.get('name') ?? 'upload', Buffer.concat(chunks, size));
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify(ref));
    } finally {
      uploads--;
    }
  }

  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) return plain(res, 421, 'misdirected request: use http://127.0.0.1');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let work: Promise<void>;
    if (url.pathname === '/api/upload' || url.pathname === '/api/auth') {
      if (!originAllowed(req.headers.origin, port)) return plain(res, 403, 'forbidden origin');
      if (url.pathname === '/api/auth') {
        // Lets the page tell a refused token from a host that is down (a refused upgrade looks like a drop).
        res.writeHead(tokenMatches(bearer(req), token) ? 204 : 401, SECURITY_HEADERS).end();
        return;
      }
      work = upload(req, res, url);
    } else {
      work = serveStatic(o.rendererDir, req, res);
    }
    work.catch((e: unknown) => {
      log?.error('HTTP request failed', { path: url.pathname, error: e });
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();
  let nextClient = 1;

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api' || !hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      refuseUpgrade(socket, 403, 'forbidden');
      return;
    }
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      refuseUpgrade(socket, 401, 'unauthorized: the token is missing or wrong');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, `ws-${nextClient++}`));
  });

  function serveClient(ws: WebSocket, clientId: string): void {
    clients.add(ws);
    let pending = 0;
    const reply = (id: unknown, result: Result<unknown>) => {
      if (ws.readyState !== ws.OPEN) return;
      let text: string;
      try {
        text = JSON.stringify({ id, result });
      } catch (e) {
        log?.error('a reply could not be serialised', { clientId, error: e });
        text = JSON.stringify({ id, result: { ok: false, error: toApiError(e) } });
      }
      ws.send(text);
      if (ws.bufferedAmount > MAX_UNSENT_BYTES) {
        log?.warn('client dropped: it does not read its replies', { clientId, buffered: ws.bufferedAmount });
        ws.terminate();
      }
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Synchronous up to the dispatch: nothing here can throw into ws's event loop.
      let msg: unknown;
      try {
        if (isBinary) return reply(null, NOT_A_REQUEST);
        msg = JSON.parse(data.toString());
      } catch {
        return reply(null, NOT_A_REQUEST);
      }
      if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return reply(null, NOT_A_REQUEST);
      const { id, channel, input } = msg as { id?: unknown; channel?: unknown; input?: unknown };
      const validId = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 64);
      if (!validId || typeof channel !== 'string') return reply(validId ? id : null, NOT_A_REQUEST);
      if (pending >= MAX_PENDING_PER_CLIENT) {
        return reply(
          id,
          error(
            HostErrorCode.BUSY,
            'BusyError',
            `busy: ${MAX_PENDING_PER_CLIENT} requests of this client are still running; retry when some have answered`,
            true,
          ),
        );
      }
      pending++;
      // Promise.resolve().then: a dispatcher that throws synchronously is caught like one that rejects.
      void Promise.resolve()
        .then(() => wb.dispatcher.dispatch(channel, input, { clientId }))
        .catch((e: unknown): Result<unknown> => {
          log?.error('dispatch failed outside its own error handling', { channel: channel.slice(0, 64), error: e });
          return { ok: false, error: { ...toApiError(e), code: HostErrorCode.INTERNAL } };
        })
        .then((result) => {
          pending--;
          reply(id, result);
        })
        .catch((e: unknown) => log?.error('reply failed', { clientId, error: e }));
    });
    ws.on('close', () => {
      clients.delete(ws);
      try {
        wb.releaseClient(clientId);
      } catch (e) {
        log?.error('releasing a client failed', { clientId, error: e });
      }
    });
    // A protocol error (e.g. a frame over maxPayload) has already queued its close frame (1009,
    // 1002…): let it go out, then drop the socket if the peer does not answer the close.
    ws.on('error', () => setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref());
  }

  const unsubscribe = wb.events.subscribe((event, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_EVENTS && event === 'live:tick') continue;
      ws.send(text);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    server,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
