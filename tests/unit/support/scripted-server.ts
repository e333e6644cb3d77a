/**
 * A scripted loopback peer for unit tests: decodes frames with the production decoder and answers
 * each request with whatever the test's handler returns. For scenarios a real broker cannot
 * produce on demand (a given response code, silence, garbage); never for end-to-end proof.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createResponse, type RemotingCommand } from '../../../core/remoting/command.js';
import { encodeFrame, FrameDecoder } from '../../../core/remoting/frame.js';

export type Reply = RemotingCommand | { code: number; remark?: string; ext?: Record<string, string>; body?: Buffer | string } | 'silent' | Buffer;

export class ScriptedServer {
  readonly requests: RemotingCommand[] = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  addr = '';

  constructor(public handler: (cmd: RemotingCommand) => Reply) {}

  async listen(): Promise<this> {
    this.server = createServer((sock) => {
      this.sockets.add(sock);
      sock.on('close', () => this.sockets.delete(sock));
      sock.on('error', () => {});
      const dec = new FrameDecoder();
      sock.on('data', (chunk) => {
        let cmds: RemotingCommand[];
        try {
          cmds = dec.push(chunk);
        } catch {
          sock.destroy();
          return;
        }
        for (const cmd of cmds) {
          this.requests.push(cmd);
          const r = this.handler(cmd);
          if (r === 'silent' || (cmd.flag & 2) !== 0) continue;
          if (Buffer.isBuffer(r)) {
            sock.write(r);
            continue;
          }
          const res: RemotingCommand =
            'language' in r
              ? r
              : { ...createResponse(cmd, r.code, r.remark), extFields: r.ext, body: typeof r.body === 'string' ? Buffer.from(r.body) : r.body };
          res.opaque = cmd.opaque;
          sock.write(encodeFrame(res, 'JSON'));
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const a = this.server.address();
    this.addr = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    return this;
  }

  count(code: number): number {
    return this.requests.filter((r) => r.code === code).length;
  }

  /** Writes a server-initiated request (CHECK_TRANSACTION_STATE, PUSH_REPLY_MESSAGE_TO_CLIENT …) to every connected client. */
  push(cmd: RemotingCommand): void {
    for (const s of this.sockets) s.write(encodeFrame(cmd, 'JSON'));
  }

  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A NameServer answering GET_ROUTEINFO_BY_TOPIC with one route for every topic (bare-key JSON). */
export function routeJson(brokers: { name: string; addr: string; queues?: number }[]): string {
  return JSON.stringify({
    brokerDatas: brokers.map((b) => ({ brokerAddrs: { '0': b.addr }, brokerName: b.name, cluster: 'DefaultCluster' })),
    queueDatas: brokers.map((b) => ({ brokerName: b.name, perm: 6, readQueueNums: b.queues ?? 2, writeQueueNums: b.queues ?? 2, topicSysFlag: 0 })),
  }).replace(/"0":/g, '0:');
}

let offset = 0n;
/** A broker's SEND_MESSAGE_V2 success reply. */
export function sendOk(cmd: RemotingCommand, code = 0): Reply {
  offset += 1n;
  return {
    code,
    ext: {
      msgId: `7F00000100002A9F${offset.toString(16).toUpperCase().padStart(16, '0')}`,
      queueId: cmd.extFields?.e ?? '0',
      queueOffset: String(offset),
      MSG_REGION: 'DefaultRegion',
      TRACE_ON: 'true',
    },
  };
}
