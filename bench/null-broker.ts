/**
 * A "null broker": a tiny TCP server speaking the remoting frame format that answers
 * SEND_MESSAGE / SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE with SUCCESS at once and stores nothing. It
 * also plays NameServer for itself (GET_ROUTEINFO_BY_TOPIC → one broker, 8 queues, at its own
 * address) and says SUCCESS to everything else (heartbeat, unregister), so unmodified clients can
 * run against it. The request header is never parsed as a whole: only `opaque`, `code` and `flag`
 * are picked out (JSON or ROCKETMQ binary), and all responses to one TCP chunk leave in one write.
 *
 * Run as a child process: prints {"type":"ready","port":N} on stdout and serves until killed.
 */
import { createServer, type Socket } from 'node:net';

const ROUTE = 105;
const SEND_CODES = new Set([10, 310, 320]);
const FLAG_ONEWAY = 2;

function intAfter(h: Buffer, key: Buffer): number {
  let i = h.indexOf(key);
  if (i < 0) return 0;
  i += key.length;
  let neg = false;
  if (h[i] === 0x2d) {
    neg = true;
    i++;
  }
  let v = 0;
  for (let c = h[i]!; c >= 0x30 && c <= 0x39; c = h[++i]!) v = v * 10 + (c - 0x30);
  return neg ? -v : v;
}

const K_CODE = Buffer.from('"code":');
const K_OPAQUE = Buffer.from('"opaque":');
const K_FLAG = Buffer.from('"flag":');

function frame(header: string, body?: Buffer): Buffer {
  const h = Buffer.from(header, 'utf8');
  const bl = body?.length ?? 0;
  const out = Buffer.allocUnsafe(8 + h.length + bl);
  out.writeUInt32BE(4 + h.length + bl, 0);
  out.writeUInt32BE(h.length, 4);
  h.copy(out, 8);
  body?.copy(out, 8 + h.length);
  return out;
}

let offset = 0;
function sendOk(opaque: number): Buffer {
  return frame(
    `{"code":0,"extFields":{"msgId":"7F00000100002A9F${(offset++).toString(16).toUpperCase().padStart(16, '0')}","queueId":"0","queueOffset":"${offset}"},"flag":1,"language":"JAVA","opaque":${opaque},"serializeTypeCurrentRPC":"JSON","version":453}`,
  );
}

function plainOk(opaque: number, body?: Buffer): Buffer {
  return frame(`{"code":0,"flag":1,"language":"JAVA","opaque":${opaque},"serializeTypeCurrentRPC":"JSON","version":453}`, body);
}

function serve(sock: Socket, selfAddr: string): void {
  sock.setNoDelay(true);
  const routeBody = Buffer.from(
    JSON.stringify({
      brokerDatas: [{ cluster: 'NullCluster', brokerName: 'null-broker', brokerAddrs: { 0: selfAddr } }],
      queueDatas: [{ brokerName: 'null-broker', readQueueNums: 8, writeQueueNums: 8, perm: 6, topicSysFlag: 0 }],
      filterServerTable: {},
    }),
  );
  let pending: Buffer | undefined;
  sock.on('data', (chunk: Buffer) => {
    const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    const out: Buffer[] = [];
    let off = 0;
    while (buf.length - off >= 4) {
      const len = buf.readUInt32BE(off);
      if (buf.length - off - 4 < len) break;
      const word = buf.readUInt32BE(off + 4);
      const hl = word & 0xffffff;
      const h = buf.subarray(off + 8, off + 8 + hl);
      let code: number, opaque: number, flag: number;
      if (word >>> 24 === 1) {
        code = h.readInt16BE(0);
        opaque = h.readInt32BE(5);
        flag = h.readInt32BE(9);
      } else {
        code = intAfter(h, K_CODE);
        opaque = intAfter(h, K_OPAQUE);
        flag = intAfter(h, K_FLAG);
      }
      off += 4 + len;
      if (flag & FLAG_ONEWAY) continue;
      if (SEND_CODES.has(code)) out.push(sendOk(opaque));
      else if (code === ROUTE) out.push(plainOk(opaque, routeBody));
      else out.push(plainOk(opaque));
    }
    if (off < buf.length) pending = Buffer.from(buf.subarray(off));
    if (out.length === 1) sock.write(out[0]!);
    else if (out.length > 1) sock.write(Buffer.concat(out));
  });
  sock.on('error', () => sock.destroy());
}

const server = createServer();
server.listen(Number(process.env.BENCH_NULL_PORT ?? 0), '127.0.0.1', () => {
  const port = (server.address() as { port: number }).port;
  server.on('connection', (s) => serve(s, `127.0.0.1:${port}`));
  process.stdout.write(JSON.stringify({ type: 'ready', port }) + '\n');
});
