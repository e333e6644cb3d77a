/**
 * Issue 17 item 7 (ids): MessageClientIDSetter puts UtilAll.getIP() first — the first public
 * address of either family in the JVM's walk order (then a 28-byte, 56-hex id for IPv6), else the
 * first private IPv4. Checked against Java 5.5.0 on a host with eth0 = 192.0.2.2 + fd00::2: its
 * createUniqID() began FD000000000000000000000000000002.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { javaLocalIP, MessageIdGenerator } from '../../../core/protocol/message-id.js';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  family: 'IPv4',
  internal,
  netmask: '255.0.0.0',
  mac: '00:00:00:00:00:00',
  cidr: null,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  family: 'IPv6',
  internal,
  netmask: 'ffff::',
  mac: '00:00:00:00:00:00',
  cidr: null,
  scopeid: 0,
});
const hex = (b: Buffer) => b.toString('hex').toUpperCase();

// Node lists lo first and IPv4 before IPv6, the reverse of Java's walk on Linux.
const HOST = { lo: [v4('127.0.0.1', true), v6('::1', true)], eth0: [v4('192.0.2.2'), v6('fd00::2'), v6('fe80::fc:ff:fe00:1')] };

describe('message-id address (UtilAll.getIP)', () => {
  it('prefers the public IPv6 address Java 5.5.0 picked on the same host, giving a 56-hex id', () => {
    expect(hex(javaLocalIP(HOST))).toBe('FD000000000000000000000000000002');
    const id = new MessageIdGenerator({ ip: javaLocalIP(HOST), pid: 1, seed: 0, now: () => Date.UTC(2026, 0, 2) }).next();
    expect(id).toMatch(/^FD000000000000000000000000000002[0-9A-F]{24}$/);
  });

  it('skips link-local, loopback and site-local IPv6, and private IPv4, for a public IPv4', () => {
    const host = { lo: [v4('127.0.0.1', true), v6('::1', true)], eth1: [v4('8.8.4.4')], eth0: [v4('10.1.2.3'), v6('fe80::1'), v6('fec0::1')] };
    expect(hex(javaLocalIP(host))).toBe('08080404');
  });

  it('without a public address: the first private IPv4; 5.x prefers it over 127.x, 4.9.8 counts 127.x as public', () => {
    const host = { lo: [v4('127.0.0.1', true), v6('::1', true)], eth0: [v4('10.0.0.7'), v6('fe80::1')] };
    expect(hex(javaLocalIP(host, 'java-5'))).toBe('0A000007');
    expect(hex(javaLocalIP(host, 'java-4.9'))).toBe('7F000001');
    expect(hex(javaLocalIP({ lo: [v4('127.0.0.1', true)] }, 'java-5'))).toBe('7F000001');
  });

  it('no address at all: 4 bytes of the clock (createFakeIP)', () => {
    expect(hex(javaLocalIP({}, 'java-5', () => 0x0102030405))).toBe('02030405');
  });

  it('refuses an IP that is neither 4 nor 16 bytes', () => {
    expect(() => new MessageIdGenerator({ ip: Buffer.alloc(6) })).toThrow(/4 \(IPv4\) or 16 \(IPv6\)/);
  });
});
