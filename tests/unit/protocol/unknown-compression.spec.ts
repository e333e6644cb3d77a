/**
 * Issue 17 item 6: a stored message whose sysFlag names a compression type RocketMQ does not
 * define (bits 8-10 = 4..7) is refused, as Java's CompressionType.findByValue throws
 * "Unknown compress type value: N", instead of handing the raw bytes on as the body.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeStoredMessage, decodeStoredMessages, StoredMessageDecodeError, UnknownCompressionTypeError } from '../../../core/protocol/stored-message.js';
import { encodeStored } from '../admin/support/stored-message-encoder.js';

describe('unknown compression type (CompressionType.findByValue)', () => {
  it.each([4, 5, 6, 7])('type %d with the compressed flag throws a typed error naming the value', (type) => {
    const rec = encodeStored({ body: Buffer.from('??'), topic: 'T', sysFlag: (type << 8) | 0x1 });
    let err: unknown;
    try {
      decodeStoredMessage(rec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownCompressionTypeError);
    expect(err).toBeInstanceOf(StoredMessageDecodeError); // callers that catch decode errors still do
    expect(err).toMatchObject({ name: 'UnknownCompressionTypeError', compressionTypeValue: type });
    expect((err as Error).message).toContain(`Unknown compress type value: ${type}`);
  });

  it('fails the whole QUERY_MESSAGE body, like any undecodable record', () => {
    const good = encodeStored({ body: Buffer.from('ok'), topic: 'T' });
    const bad = encodeStored({ body: Buffer.from('??'), topic: 'T', sysFlag: 0x501 });
    expect(() => decodeStoredMessages(Buffer.concat([good, bad]))).toThrow(UnknownCompressionTypeError);
  });

  it('known types still decode; the bits without the compressed flag, or an empty body, are ignored as in Java', () => {
    const body = Buffer.from('hello '.repeat(100));
    expect(decodeStoredMessage(encodeStored({ body: deflateSync(body), topic: 'T', sysFlag: 0x301 })).message.body.equals(body)).toBe(true);
    expect(decodeStoredMessage(encodeStored({ body: Buffer.from('raw'), topic: 'T', sysFlag: 0x700 })).message.body.toString()).toBe('raw');
    expect(decodeStoredMessage(encodeStored({ body: Buffer.alloc(0), topic: 'T', sysFlag: 0x701 })).message.body.length).toBe(0);
  });
});
