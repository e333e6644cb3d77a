import { describe, expect, it } from 'vitest';
import { cliSnippet, javaSnippet, mqadminSnippet, shq } from '../../../renderer/src/features/composer/code-snippets.js';
import type { SendRequest } from '../../../electron/common/api.js';

const request: SendRequest = {
  profileId: 'p1',
  message: {
    topic: 'Orders',
    tags: 'Created',
    keys: ['k1', 'k 2'],
    properties: { region: 'eu west' },
    body: `it's {"a":1}`,
    bodyFormat: 'text',
    delayLevel: 3,
  },
  mode: 'async',
  target: { kind: 'queue', brokerName: 'broker-a', queueId: 2 },
  batch: 4,
};
const input = { request, namesrvAddrs: ['127.0.0.1:9876', '127.0.0.2:9876'], group: 'G1' };

describe('copy as code', () => {
  it('quotes shell words safely', () => {
    expect(shq('plain-word')).toBe('plain-word');
    expect(shq(`it's`)).toBe(`'it'\\''s'`);
    expect(shq('$(rm -rf /)')).toBe(`'$(rm -rf /)'`);
  });

  it('writes our CLI command with every option the message uses', () => {
    expect(cliSnippet(input)).toBe(
      `npm run cli -- send --namesrv '127.0.0.1:9876;127.0.0.2:9876' --topic Orders --body 'it'\\''s {"a":1}' --tag Created --key k1 --key 'k 2' --prop 'region=eu west' --mode async --queue broker-a:2 --batch 4 --delay 3 --group G1`,
    );
    expect(cliSnippet({ ...input, request: { ...request, target: { kind: 'orderKey', key: 'o-1' } } })).toContain('--order-key o-1');
  });

  it('writes mqadmin sendMessage and names what it cannot express', () => {
    const s = mqadminSnippet(input);
    expect(s).toContain("sh bin/mqadmin sendMessage -n '127.0.0.1:9876;127.0.0.2:9876' -t Orders");
    expect(s).toContain('-b broker-a -i 2');
    expect(s.split('\n')[0]).toMatch(/cannot express: user properties, delay level, batch, async mode/);
  });

  it('writes a DefaultMQProducer snippet with escaped Java strings', () => {
    const s = javaSnippet(input);
    expect(s).toContain('new DefaultMQProducer("G1")');
    expect(s).toContain('new Message("Orders", "Created", "it\'s {\\"a\\":1}".getBytes(StandardCharsets.UTF_8))');
    expect(s).toContain('msg.putUserProperty("region", "eu west");');
    expect(s).toContain('msg.setDelayTimeLevel(3);');
    expect(s).toContain('new MessageQueue("Orders", "broker-a", 2)');
  });
});
