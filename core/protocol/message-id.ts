/**
 * Message ids. The client id (UNIQ_KEY, SendResult.msgId) is 16 bytes (IPv4) or 28 bytes (IPv6)
 * as hex: IP(4|16) | pid low 16 bits(2) | random "classloader hash"(4) | ms since month start(4) | counter(2).
 * The broker id (offsetMsgId) is storeHost IP(4 or 16) | port(4) | commitLogOffset(8).
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { randomInt } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { ProtocolError, ValidationError } from '../errors.js';
import { DEFAULT_JAVA_BEHAVIOUR, type JavaBehaviour } from './java-behaviour.js';

/** UtilAll.isInternalIP: 10/8, 172.16/12, 192.168/16; 5.x also counts 127/8 (4.9.8 treats loopback as public). */
function isInternalIPv4(b: Buffer, behaviour: JavaBehaviour): boolean {
  return b[0] === 10 || (b[0] === 172 && b[1]! >= 16 && b[1]! <= 31) || (b[0] === 192 && b[1] === 168) || (behaviour !== 'java-4.9' && b[0] === 127);
}

/**
 * UtilAll.isInternalV6IP: any-local (::), link-local (fe80::/10), loopback (::1) and the old
 * site-local fec0::/10. Unique-local fc00::/7 (e.g. fd00::2) is *not* internal to Java.
 */
function isInternalIPv6(b: Buffer): boolean {
  const zero = b.subarray(0, 15).every((x) => x === 0);
  if (zero && (b[15] === 0 || b[15] === 1)) return true;
  return b[0] === 0xfe && ((b[1]! & 0xc0) === 0x80 || (b[1]! & 0xc0) === 0xc0);
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/**
 * UtilAll.getIP, which MessageClientIDSetter puts at the front of every id: walking the
 * interfaces, the first public address wins, IPv4 or IPv6 (then a 28-byte id); with none, the
 * first private IPv4 (5.x: a non-loopback one over 127.x); with none at all, 4 bytes of the clock
 * (createFakeIP). Java's walk order is the JVM's: on Linux the interfaces come last-listed first
 * and each interface's IPv6 addresses before its IPv4 ones, so that order is used here — on a host
 * with eth0 = 192.0.2.2 + fd00::2 both this and Java 5.5.0 pick fd00::2.
 */
export function javaLocalIP(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
  behaviour: JavaBehaviour = DEFAULT_JAVA_BEHAVIOUR,
  now: () => number = Date.now,
): Buffer {
  let internal: Buffer | undefined;
  for (const list of Object.values(interfaces).reverse()) {
    const addrs = list ?? [];
    for (const ni of [...addrs.filter((a) => a.family === 'IPv6'), ...addrs.filter((a) => a.family === 'IPv4')]) {
      if (ni.family === 'IPv4' && isIPv4(ni.address)) {
        const b = Buffer.from(ni.address.split('.').map(Number));
        if (!isInternalIPv4(b, behaviour)) return b;
        if (internal === undefined || (behaviour !== 'java-4.9' && internal[0] === 127)) internal = b;
      } else if (ni.family === 'IPv6' && isIPv6(ni.address.split('%')[0]!)) {
        const b = ipv6Bytes(ni.address);
        if (!isInternalIPv6(b)) return b;
      }
    }
  }
  if (internal) return internal;
  const fake = Buffer.alloc(8);
  fake.writeBigInt64BE(BigInt(Math.trunc(now())));
  return fake.subarray(4);
}

export class MessageIdGenerator {
  private readonly prefix: string;
  private counter: number;
  private monthStart = 0;
  private nextMonthStart = 0;

  /**
   * `ip`: 4 or 16 bytes; by default the address Java's UtilAll.getIP would pick for `behaviour`
   * (default 'java-5'; 'java-4.9' counts 127.x as public, as 4.9.8 does).
   */
  constructor(opts: { ip?: Buffer; pid?: number; seed?: number; now?: () => number; behaviour?: JavaBehaviour | undefined } = {}) {
    const ip = opts.ip ?? javaLocalIP(undefined, opts.behaviour);
    if (ip.length !== 4 && ip.length !== 16) throw new ValidationError(`A message-id IP must be 4 (IPv4) or 16 (IPv6) bytes, got ${ip.length}.`);
    const fixed = Buffer.alloc(ip.length + 6);
    ip.copy(fixed, 0);
    fixed.writeUInt16BE((opts.pid ?? process.pid) & 0xffff, ip.length);
    fixed.writeInt32BE(opts.seed ?? randomInt(-0x80000000, 0x7fffffff), ip.length + 2);
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
