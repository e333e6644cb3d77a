/**
 * The headless host: the built renderer over HTTP and the Workbench contract over a WebSocket
 * (/api), on loopback only. Every socket must present the token printed at start
 * (ws://127.0.0.1:PORT/api?token=…); without it the socket is closed with 4401 before any message is
 * read. Host and Origin headers are checked against loopback names (DNS-rebinding defence).
 * Messages: {id, channel, input} → {id, result}; pushed events: {event, payload}.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { HostErrorCode, type Result } from '../common/contract.js';
import type { Workbench } from '../services/workbench-service.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';

export interface WebHostOptions {
  workbench: Workbench;
  /** 0 = any free port. */
  port?: number;
  rendererDir: string;
  /** Default: 32 random bytes, hex. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const UNAUTHORIZED_CLOSE = 4401;
const UNAUTHORIZED_GRACE_MS = 1000;
/** Events dropped for a client whose socket buffer is this full (a stalled browser tab). */
const MAX_BUFFERED = 16 * 1024 * 1024;
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

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const token = o.token ?? randomBytes(32).toString('hex');
  const wb = o.workbench;
  let port = 0;
  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('misdirected request: use http://127.0.0.1');
      return;
    }
    void serveStatic(o.rendererDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  const clients = new Set<WebSocket>();
  let nextClient = 1;

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api' || !hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const authorized = tokenMatches(url.searchParams.get('token'), token);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!authorized) {
        ws.close(UNAUTHORIZED_CLOSE, 'unauthorized: the token is missing or wrong');
        // A peer that never answers the close handshake would hold the socket for ws's 30 s close
        // timeout: an unauthorized one gets a second, then the connection is dropped.
        setTimeout(() => ws.terminate(), UNAUTHORIZED_GRACE_MS).unref();
        return;
      }
      const clientId = `ws-${nextClient++}`;
      clients.add(ws);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void handleMessage(ws, clientId, data.toString());
      });
      ws.on('close', () => {
        clients.delete(ws);
        wb.releaseClient(clientId);
      });
      ws.on('error', () => ws.terminate());
    });
  });

  async function handleMessage(ws: WebSocket, clientId: string, text: string): Promise<void> {
    let msg: { id?: unknown; channel?: unknown; input?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      msg = {};
    }
    const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
    let result: Result<unknown>;
    if (id === null || typeof msg.channel !== 'string') {
      result = { ok: false, error: { name: 'InvalidMessageError', code: HostErrorCode.INVALID_INPUT, retriable: false, message: 'a request is {"id": number, "channel": "domain:verb", "input": …}' } };
    } else {
      result = await wb.dispatcher.dispatch(msg.channel, msg.input, { clientId });
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  }

  const unsubscribe = wb.events.subscribe((event, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED && event === 'live:tick') continue;
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
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
