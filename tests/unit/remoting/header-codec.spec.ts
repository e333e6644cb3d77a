import { describe, expect, it } from 'vitest';
import { decodeJsonHeader, decodeRocketMQHeader, encodeJsonHeader, encodeRocketMQHeader } from '../../../core/remoting/header-codec.js';
import type { RemotingCommand } from '../../../core/remoting/command.js';

const cmd: RemotingCommand = {
  code: 310,
  language: 'JAVA',
  version: 409,
  opaque: -5,
  flag: 1,
  remark: 'déjà "quoted" \\ \n',
  extFields: { a: 'grp', i: 'TAGS\u0001x\u0002KEYS\u0001k', unicode: '日本' },
};

describe('header round trip', () => {
  it('JSON keeps every field, escapes included', () => {
    expect(decodeJsonHeader(encodeJsonHeader(cmd))).toEqual({ ...cmd, serializeType: 'JSON' });
  });

  it('ROCKETMQ binary keeps every field', () => {
    expect(decodeRocketMQHeader(encodeRocketMQHeader(cmd))).toEqual({ ...cmd, serializeType: 'ROCKETMQ' });
  });

  it('ROCKETMQ binary keeps an all-ASCII header (the one-string fast path), long lengths included', () => {
    const ascii: RemotingCommand = {
      ...cmd,
      remark: 'plain remark',
      extFields: { a: 'grp', i: `WAIT\u0001true\u0002UNIQ_KEY\u0001${'A'.repeat(200)}`, big: 'x'.repeat(0x1234), [`k${'y'.repeat(300)}`]: 'v' },
    };
    const bytes = encodeRocketMQHeader(ascii);
    expect(decodeRocketMQHeader(bytes)).toEqual({ ...ascii, serializeType: 'ROCKETMQ' });
    // the same bytes whichever path: lengths are big-endian byte counts
    expect(bytes.readInt32BE(13)).toBe(12);
    expect(encodeRocketMQHeader(ascii, 8).subarray(8)).toEqual(bytes);
  });

  it('ROCKETMQ decoding drops empty values as Java does (null)', () => {
    const h = decodeRocketMQHeader(encodeRocketMQHeader({ ...cmd, remark: undefined, extFields: { a: '', b: 'x' } }));
    expect(h.extFields).toEqual({ b: 'x' });
    expect(h.remark).toBeUndefined();
  });

  it('ROCKETMQ decoding of a truncated header throws a clear error', () => {
    const full = encodeRocketMQHeader(cmd);
    expect(() => decodeRocketMQHeader(full.subarray(0, full.length - 3))).toThrow(/overruns|truncated/);
  });
});
