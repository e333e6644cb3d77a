/**
 * The NameServer address server (Java TopAddressing / MQClientAPIImpl.fetchNameServerAddr): an HTTP
 * endpoint whose body is the NameServer list ("host:port;host:port"), asked at start when no
 * address is configured and then every 2 minutes, so operators can move NameServers without
 * touching clients. Java's default URL is http://jmenv.tbsite.net:8080/rocketmq/nsaddr; here the
 * URL is always given explicitly (a profile or producer option).
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Clock, TimerHandle } from '../clock.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Java MQClientInstance: fetchNameServerAddr every 1000 * 60 * 2 ms. */
export const ADDRESS_SERVER_POLL_MS = 120_000;
const MAX_BODY = 64 * 1024;

function fail(url: string, why: string, cause?: unknown): never {
  throw new MQClientError(`NameServer address server ${url}: ${why}`, { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION, retriable: true, cause });
}

/** One GET; resolves with the addresses listed (each host:port), or rejects with a clear reason. */
export function fetchNameServerAddr(url: string, timeoutMs = 3000): Promise<string[]> {
  let u: URL;
  try {
    u = new URL(url);
  } catch (e) {
    return Promise.reject(
      new MQClientError(`NameServer address server '${url}' is not a URL (e.g. http://host:8080/rocketmq/nsaddr)`, {
        code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
        cause: e,
      }),
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return Promise.reject(
      new MQClientError(`NameServer address server '${url}' must be http:// or https://`, { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION }),
    );
  return new Promise<string[]>((resolve, reject) => {
    const req = (u.protocol === 'https:' ? httpsGet : httpGet)(u, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (b: Buffer) => {
        size += b.length;
        if (size > MAX_BODY) req.destroy(new Error(`answer over ${MAX_BODY} bytes`));
        else chunks.push(b);
      });
      res.on('end', () => {
        try {
          if (res.statusCode !== 200) fail(url, `HTTP ${res.statusCode}`);
          const body = Buffer.concat(chunks).toString('utf8').trim();
          const list = body
            .split(';')
            .map((a) => a.trim())
            .filter((a) => a.length > 0);
          if (list.length === 0) fail(url, 'answered with no address');
          const bad = list.find((a) => !/^(\[[0-9a-fA-F:.]+\]|[^\s:;]+):\d{1,5}$/.test(a));
          if (bad !== undefined) fail(url, `answered '${bad.slice(0, 80)}', which is not host:port`);
          resolve(list);
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', (e) =>
        reject(
          new MQClientError(`NameServer address server ${url}: ${e.message}`, { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION, retriable: true, cause: e }),
        ),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) =>
      reject(
        new MQClientError(`NameServer address server ${url}: ${e.message}`, { code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION, retriable: true, cause: e }),
      ),
    );
  });
}

/** Polls the address server; each new list goes to `apply`. A failed poll keeps the last list (logged). */
export class NameServerAddressPoller {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private running = false;

  constructor(
    private readonly url: string,
    private readonly apply: (addrs: string[]) => void,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly periodMs = ADDRESS_SERVER_POLL_MS,
  ) {}

  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => void this.pollOnce().finally(() => this.schedule()), this.periodMs);
  }

  /** One poll (never overlapping itself, never throwing). */
  async pollOnce(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      this.apply(await fetchNameServerAddr(this.url));
    } catch (e) {
      this.log.warn('fetching the NameServer list failed; keeping the last one', { url: this.url, error: e });
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
  }
}
