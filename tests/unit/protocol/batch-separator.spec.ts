/**
 * Issue 17 item 7 (batches): 5.x's MessageDecoder.messageProperties2String keeps the last
 * property separator, so a 5.x producer's batch members end in \u0002; 4.9.8's drops it.
 */
import { describe, expect, it } from 'vitest';
import { encodeBatchBody } from '../../../core/protocol/batch-codec.js';
import { decodeProperties } from '../../../core/protocol/message-properties.js';

function membersOf(body: Buffer): { props: string; total: number }[] {
  const out = [];
  for (let o = 0; o < body.length;) {
    const total = body.readInt32BE(o);
    const bodyLen = body.readInt32BE(o + 16);
    const pl = body.readInt16BE(o + 20 + bodyLen);
    out.push({ total, props: body.toString('utf8', o + 22 + bodyLen, o + 22 + bodyLen + pl) });
    o += total;
  }
  return out;
}

const members = () => [
  { flag: 0, body: Buffer.from('hello'), properties: 'TAGS\u0001A\u0002WAIT\u0001true\u0002UNIQ_KEY\u00017F00000130394A35F2D2122640950000' },
  { flag: 0, body: Buffer.from('world'), properties: 'WAIT\u0001true\u0002UNIQ_KEY\u00017F00000130394A35F2D2122640950001' },
];

describe('batch member properties: trailing separator per client version', () => {
  it("'java-5' (the default) ends each member's properties with \\u0002 and counts it in both lengths", () => {
    for (const body of [encodeBatchBody(members()), encodeBatchBody(members(), { behaviour: 'java-5' })]) {
      const m = membersOf(body);
      expect(m.map((x) => x.props.endsWith('\u0002'))).toEqual([true, true]);
      expect(m[1]!.total).toBe(22 + 5 + Buffer.byteLength(members()[1]!.properties) + 1);
      expect(body.length).toBe(m[0]!.total + m[1]!.total);
    }
  });

  it("'java-4.9' writes them without it; both decode to the same properties", () => {
    const v4 = membersOf(encodeBatchBody(members(), { behaviour: 'java-4.9' }));
    const v5 = membersOf(encodeBatchBody(members(), { behaviour: 'java-5' }));
    expect(v4.map((x) => x.props.endsWith('\u0002'))).toEqual([false, false]);
    expect(v4.map((x) => decodeProperties(x.props))).toEqual(v5.map((x) => decodeProperties(x.props)));
  });

  it('a properties string that already ends with the separator does not get a second one', () => {
    const [m] = membersOf(encodeBatchBody([{ flag: 0, body: Buffer.from('x'), properties: 'A\u0001b\u0002' }]));
    expect(m!.props).toBe('A\u0001b\u0002');
  });
});
