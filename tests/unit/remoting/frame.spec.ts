import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../core/errors.js';
import { createRequest, type RemotingCommand } from '../../../core/remoting/command.js';
import { encodeFrame, FrameDecoder } from '../../../core/remoting/frame.js';

// Byte vectors from the protocol fact sheet §1.6 (GET_ROUTEINFO_BY_TOPIC, topic TopicTest, opaque 1, version 409).
const JSON_VECTOR = Buffer.from(
  '00000066000000627B22636F6465223A3130352C226C616E6775616765223A224A415641222C2276657273696F6E223A3430392C226F7061717565223A312C22666C6167223A302C2265787446696' +
    '56C6473223A7B22746F706963223A22546F70696354657374227D7D',
  'hex',
);
const BINARY_VECTOR = Buffer.from('0000002D010000290069000199000000010000000000000000000000140005746F706963000000095' + '46F70696354657374', 'hex');

function routeRequest(): RemotingCommand {
  const c = createRequest(105, { topic: 'TopicTest' });
  c.opaque = 1;
  return c;
}

describe('frame decoding of the fact-sheet vectors', () => {
  it('decodes the JSON-header vector', () => {
    const [cmd] = new FrameDecoder().push(JSON_VECTOR);
    expect(cmd).toMatchObject({ code: 105, language: 'JAVA', version: 409, opaque: 1, flag: 0, extFields: { topic: 'TopicTest' }, serializeType: 'JSON' });
    expect(cmd!.body).toBeUndefined();
  });

  it('decodes the ROCKETMQ binary-header vector', () => {
    const [cmd] = new FrameDecoder().push(BINARY_VECTOR);
    expect(cmd).toMatchObject({ code: 105, language: 'JAVA', version: 409, opaque: 1, flag: 0, extFields: { topic: 'TopicTest' }, serializeType: 'ROCKETMQ' });
  });

  it('encodes the binary vector byte for byte', () => {
    expect(encodeFrame(routeRequest(), 'ROCKETMQ').toString('hex')).toBe(BINARY_VECTOR.toString('hex'));
  });

  it('encodes a JSON header that the decoder reads back with the same fields and a correct length prefix', () => {
    const frame = encodeFrame(routeRequest(), 'JSON');
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
    expect(frame.readUInt32BE(4) >>> 24).toBe(0);
    const header = JSON.parse(frame.subarray(8, 8 + (frame.readUInt32BE(4) & 0xffffff)).toString());
    expect(header).toMatchObject({ code: 105, language: 'JAVA', version: 409, opaque: 1, flag: 0, extFields: { topic: 'TopicTest' } });
  });
});

describe('chunk-agnostic decoding', () => {
  const cmds = [0, 1, 2].map((i) => {
    const c = createRequest(310 + i, { a: 'g', b: `topic-${i}`, i: 'TAGS\u0001A\u0002WAIT\u0001true' }, Buffer.from(`body-${i}-${'x'.repeat(i * 1000)}`));
    c.opaque = i + 7;
    return c;
  });
  const stream = Buffer.concat(cmds.map((c, i) => encodeFrame(c, i === 1 ? 'ROCKETMQ' : 'JSON')));

  const check = (out: RemotingCommand[]) => {
    expect(out.map((c) => c.opaque)).toEqual([7, 8, 9]);
    expect(out.map((c) => c.extFields?.b)).toEqual(['topic-0', 'topic-1', 'topic-2']);
    expect(out.map((c) => c.body?.toString())).toEqual(cmds.map((c) => c.body!.toString()));
  };

  it('decodes frames merged in one chunk', () => {
    check(new FrameDecoder().push(stream));
  });

  it('decodes frames split at every byte', () => {
    const d = new FrameDecoder();
    const out: RemotingCommand[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...d.push(stream.subarray(i, i + 1)));
    check(out);
    expect(d.pendingBytes).toBe(0);
  });

  it('decodes frames split at arbitrary points', () => {
    for (const cut of [3, 4, 5, 9, 100, stream.length - 1]) {
      const d = new FrameDecoder();
      check([...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))]);
    }
  });
});

describe('malformed frames', () => {
  it('rejects a frame longer than the limit with a ProtocolError', () => {
    const b = Buffer.alloc(8);
    b.writeUInt32BE(64 * 1024 * 1024, 0);
    expect(() => new FrameDecoder().push(b)).toThrow(ProtocolError);
  });

  it('recognises an HTTP response (a web port, not remoting) and says so, whole or split across chunks', () => {
    const http = Buffer.from('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
    // "HTTP" as a length word; the old message said "frame of 1213486164 bytes" (the word + 4).
    expect(http.readUInt32BE(0)).toBe(1213486160);
    const whole = (() => {
      try {
        new FrameDecoder().push(http);
      } catch (e) {
        return e;
      }
    })();
    expect(whole).toBeInstanceOf(ProtocolError);
    expect((whole as Error).message).toBe('this address answered with HTTP, not the RocketMQ remoting protocol — is it the dashboard or proxy port?');
    const d = new FrameDecoder();
    expect(d.push(http.subarray(0, 2))).toEqual([]);
    expect(() => d.push(http.subarray(2))).toThrow(/answered with HTTP/);
    // Any other oversized length keeps the plain limit message.
    const b = Buffer.alloc(8);
    b.writeUInt32BE(0x48545451, 0);
    expect(() => new FrameDecoder().push(b)).toThrow(/exceeds the \d+-byte limit/);
  });

  it('rejects a header length beyond the frame', () => {
    const b = Buffer.alloc(12);
    b.writeUInt32BE(8, 0);
    b.writeUInt32BE(100, 4);
    expect(() => new FrameDecoder().push(b)).toThrow(/header length 100 exceeds/);
  });

  it('rejects an unknown serialize type and stays failed', () => {
    const b = Buffer.alloc(8);
    b.writeUInt32BE(4, 0);
    b.writeUInt32BE(0x05000000, 4);
    const d = new FrameDecoder();
    expect(() => d.push(b)).toThrow(/serialize type 5/);
    expect(() => d.push(JSON_VECTOR)).toThrow(ProtocolError);
  });

  it('rejects a JSON header that is not JSON', () => {
    const h = Buffer.from('{"code":1,');
    const b = Buffer.alloc(8 + h.length);
    b.writeUInt32BE(4 + h.length, 0);
    b.writeUInt32BE(h.length, 4);
    h.copy(b, 8);
    expect(() => new FrameDecoder().push(b)).toThrow(/malformed JSON header/);
  });
});
