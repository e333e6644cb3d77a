/**
 * Message ids. The client id (UNIQ_KEY, SendResult.msgId) is 16 bytes as hex:
 * IPv4(4) | pid low 16 bits(2) | random "classloader hash"(4) | ms since month start(4) | counter(2).
 * The broker id (offsetMsgId) is storeHost IP(4 or 16) | port(4) | commitLogOffset(8).
 */
import { networkInterfaces } from 'node:os';
import { randomInt } from 'node:crypto';
import { ProtocolError } from '../errors.js';

function localIPv4(): Buffer {
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) {
      if (ni.family === 'IPv4' && !ni.internal) return Buffer.from(ni.address.split('.').map(Number));
    }
  }
  return Buffer.from([127, 0, 0, 1]);
}

export class MessageIdGenerator {
  private readonly prefix: string;
  private counter: number;
  private monthStart = 0;
  private nextMonthStart = 0;

  constructor(opts: { ip?: Buffer; pid?: number; seed?: number; now?: () => number } = {}) {
    const fixed = Buffer.alloc(10);
    (opts.ip ?? localIPv4()).copy(fixed, 0, 0, 4);
    fixed.writeUInt16BE((opts.pid ?? process.pid) & 0xffff, 4);
    fixed.writeInt32BE(opts.seed ?? randomInt(-0x80000000, 0x7fffffff), 6);
    this.prefix = fixed.toString('hex').toUpperCase();
    this.counter = opts.seed === undefined ? randomInt(0, 0xffff) : 0;
    this.now = opts.now ?? Date.now;
  }

  private readonly now: () => number;

  /** prefix + the time part, reused for every id within the same millisecond. */
  private lastT = -1;
  private prefixAndTime = '';

  next(): string {
    const now = this.now();
    if (now >= this.nextMonthStart) this.rollMonth(now);
    const t = (now - this.monthStart) | 0;
    if (t !== this.lastT) {
      this.lastT = t;
      this.prefixAndTime = this.prefix + hex8(t >>> 0);
    }
    const c = this.counter;
    this.counter = (c + 1) & 0xffff;
    return this.prefixAndTime + HEX2[c >>> 8]! + HEX2[c & 0xff]!;
  }

  private rollMonth(now: number): void {
    const d = new Date(now);
    this.monthStart = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
    this.nextMonthStart = new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
  }
}

function hex8(n: number): string {
  return n.toString(16).toUpperCase().padStart(8, '0');
}
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

export interface DecodedOffsetMsgId {
  /** store host "ip:port" */
  address: string;
  commitLogOffset: bigint;
}

export function decodeOffsetMsgId(id: string): DecodedOffsetMsgId {
  if (!/^[0-9A-Fa-f]+$/.test(id) || (id.length !== 32 && id.length !== 56)) {
    throw new ProtocolError(`'${id}' is not an offsetMsgId (32 or 56 hex characters)`);
  }
  const b = Buffer.from(id, 'hex');
  const ipLen = b.length === 16 ? 4 : 16;
  const ip = ipLen === 4 ? [...b.subarray(0, 4)].join('.') : `[${(b.subarray(0, 16).toString('hex').match(/.{4}/g) ?? []).join(':')}]`;
  const port = b.readInt32BE(ipLen);
  return { address: `${ip}:${port}`, commitLogOffset: b.readBigInt64BE(ipLen + 4) };
}

export function encodeOffsetMsgId(ip: string, port: number, commitLogOffset: bigint): string {
  const b = Buffer.alloc(16);
  ip.split('.').forEach((p, i) => b.writeUInt8(Number(p), i));
  b.writeInt32BE(port, 4);
  b.writeBigInt64BE(commitLogOffset, 8);
  return b.toString('hex').toUpperCase();
}
