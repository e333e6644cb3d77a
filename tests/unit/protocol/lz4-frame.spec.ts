import { describe, expect, it } from 'vitest';
import { decompressLz4Frame } from '../../../core/protocol/lz4-frame.js';
import { ProtocolError } from '../../../core/errors.js';

// Vectors produced by lz4-java 1.10.3 (LZ4FrameOutputStream, what the Java client's LZ4 compressor uses).
const TEXT = 'RocketMQ LZ4 body: hello hello hello hello hello, world world world! 0123456789 0123456789';
const DEFAULT_FRAME =
  '04224D1860707340000000FF09526F636B65744D51204C5A3420626F64793A2068656C6C6F060005782C20776F726C640600F008212030313233343536373839203031323334353637383900000000';
const RANDOM =
  '359D41BAF78AFE0DE1BBE7AE28C0450CE43C084F4BBB2BF1839DEE466D852CB5BE6A61AA9A0C6117BD6743E7DC978573998E685E885CB361F86C974620BEBFB01100B276545718C30F406CC8E3A188FFF11059EB6FBCE62655DFBD6F83B89670D6D9F9BF52D83DEEDC0BF66205835CCC16AD682D8C478A26F450279849599B56DD53B3351A572B40F27F72D37F347B5D9979162CFA959D2832A46196D92C304697E953C0026CC4A45EB32F92829E8D14EE827C94EDC93517EF7DA4C0CE2972CC9B060B08B6460851F3A3A05BB102F732ED235BD1283ED5021192ED6A754300C523675AF9B6C4A514CACAA1B6A736738853EE067B87849ADF0100AA4A52CC32388C082AF3D5D78B98BCC00BD26FAE51303F23FBA277B4E0602CBF7E5E9BA8EC22DAA9395CBB3CB06FEAF2456F';
// The 300 random bytes above, stored as one uncompressed block (size word has bit 31 set).
const RANDOM_FRAME = `04224D186070732C010080${RANDOM}00000000`;
// 64 KB blocks with content size, block checksums and a content checksum; 88,130 bytes of text.
const BIG_FRAME =
  'BCJNGHxAQlgBAAAAAAB2KAMAAPESbGluZSAwIG9mIHRoZSBsaW5rZWQtYmxvY2sgdGVzdDsKIQAfMSEADR8yIQANHzMhAA0fNCEADR81IQANHzYhAA0fNyEADR84IQANHzkhAA0fMUsBDw9MAQ4fMU0BDh8xTgEOHzFPAQ4fMVABDh8xUQEOHzFSAQ4fMVMBDh8xVAEOHzJUAQ4fMlQBDh8yVAEOHzJUAQ4fMlQBDh8yVAEOHzJUAQ4fMlQBDh8yVAEOHzJUAQ4fM1QBDh8zVAEOHzNUAQ4fM1QBDh8zVAEOHzNUAQ4fM1QBDh8zVAEOHzNUAQ4fM1QBDh80VAEOHzRUAQ4fNFQBDh80VAEOHzRUAQ4fNFQBDh80VAEOHzRUAQ4fNFQBDh80VAEOHzVUAQ4fNVQBDh81VAEOHzVUAQ4fNVQBDh81VAEOHzVUAQ4fNVQBDh81VAEOHzVUAQ4fNlQBDh82VAEOHzZUAQ4fNlQBDh82VAEOHzZUAQ4fNlQBDh82VAEOHzZUAQ4fNlQBDh83VAEOHzdUAQ4fN1QBDh83VAEOHzdUAQ4fN1QBDh83VAEOHzdUAQ4fN1QBDh83VAEOHzhUAQ4fOFQBDh84VAEOHzhUAQ4fOFQBDh84VAEOHzhUAQ4fOFQBDh84VAEOHzhUAQ4fOVQBDh85VAEOHzlUAQ4fOVQBDh85VAEOHzlUAQ4fOVQBDg/tAA4P7AAOD+sADg/qAA4P6QAOD+gADg/nAA4POgIPD7cMDQ84Ag4P2Az//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////7NQZiB0aGVD40GDVQIAAP8TIGxpbmtlZC1ibG9jayB0ZXN0OwpsaW5lIDkxIG9mIHRoZSIABx8yIgAOHzMiAA4fNCIADh81IgAOHzYiAA0fMCEADQ/sAA4P6wAOD+oADg/pAA4P6AAOD+cADh835wANHzghAA0fOSEADR8xSwEPD0wBDh8xTQEOHzFOAQ4fMU8BDh8xUAEOHzFRAQ4fMVIBDh8xUwEOHzFUAQ4fMlQBDh8yVAEOHzJUAQ4fMlQBDh8yVAEOHzJUAQ4fMlQBDh8yVAEOHzJUAQ4fMlQBDh8zVAEOHzNUAQ4fM1QBDh8zVAEOHzNUAQ4fM1QBDh8zVAEOHzNUAQ4fM1QBDh8zVAEOHzRUAQ4fNFQBDh80VAEOHzRUAQ4fNFQBDh80VAEOHzRUAQ4fNFQBDh80VAEOHzRUAQ4fNVQBDh81VAEOHzVUAQ4fNVQBDh81VAEOHzVUAQ4fNVQBDh81VAEOHzVUAQ4fNVQBDh82VAEOHzZUAQ4fNlQBDh82VAEOHzZUAQ4fNlQBDh82VAEOHzZUAQ4fNlQBDh82VAEOHzdUAQ4fN1QBDh83VAEOHzdUAQ4fN1QBDh83VAEOHzdUAQ4fN1QBDh83VAEOHzdUAQ4fOFQBDh84VAEOHzhUAQ4fOFQBDh84VAEOHzhUAQ4fOFQBDh84VAEOHzhUAQ4fOFQBDh85VAEOD9gM////////////////////////////////////////////////////////////////////////////////////////////////////hFBlc3Q7CkyZ7ewAAAAAOpZiOg==';
function bigText(): string {
  let s = '';
  for (let i = 0; i < 2600; i++) s += `line ${i % 97} of the linked-block test;\n`;
  return s;
}

describe('LZ4 frame decompression', () => {
  it('inflates lz4-java default frames', () => {
    expect(decompressLz4Frame(Buffer.from(DEFAULT_FRAME, 'hex'), 1 << 20).toString('utf8')).toBe(TEXT);
  });

  it('copies uncompressed blocks', () => {
    expect(
      decompressLz4Frame(Buffer.from(RANDOM_FRAME, 'hex'), 1 << 20)
        .toString('hex')
        .toUpperCase(),
    ).toBe(RANDOM);
  });

  it('handles several 64 KB blocks with content size and checksums present', () => {
    const out = decompressLz4Frame(Buffer.from(BIG_FRAME, 'base64'), 1 << 20);
    expect(out.length).toBe(88130);
    expect(out.toString('utf8')).toBe(bigText());
  });

  it('accepts concatenated and skippable frames', () => {
    const skippable = Buffer.from('502A4D1804000000DEADBEEF', 'hex');
    const two = Buffer.concat([Buffer.from(DEFAULT_FRAME, 'hex'), skippable, Buffer.from(DEFAULT_FRAME, 'hex')]);
    expect(decompressLz4Frame(two, 1 << 20).toString('utf8')).toBe(TEXT + TEXT);
  });

  it('refuses output beyond the cap', () => {
    expect(() => decompressLz4Frame(Buffer.from(BIG_FRAME, 'base64'), 10_000)).toThrow(/limit/);
  });

  it('throws a ProtocolError on every truncation and on corrupt bytes', () => {
    const frame = Buffer.from(DEFAULT_FRAME, 'hex');
    for (let n = 0; n < frame.length; n++) expect(() => decompressLz4Frame(frame.subarray(0, n), 1 << 20)).toThrow(ProtocolError);
    const bad = Buffer.from(frame);
    bad[0] = 0x05;
    expect(() => decompressLz4Frame(bad, 1 << 20)).toThrow(/bad magic/);
    const badOffset = Buffer.from(frame);
    // block data at 11: token 0xFF, length byte 0x09 (24 literals), then the first match offset
    expect(badOffset.readUInt16LE(11 + 2 + 24)).toBe(6);
    badOffset.writeUInt16LE(0xffff, 11 + 2 + 24); // → before the start of the output
    expect(() => decompressLz4Frame(badOffset, 1 << 20)).toThrow(ProtocolError);
  });
});
