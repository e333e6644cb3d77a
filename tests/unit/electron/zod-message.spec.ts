/** One formatter turns schema issues into what the user reads: labels and quoted values, never the channel or an index. */
import { describe, expect, it } from 'vitest';
import { ProfileInput, ProfileUpdate, SendRequest } from '../../../electron/common/contract-schemas.js';
import { formatZodError } from '../../../electron/services/zod-message.js';

function message(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a schema failure');
  return formatZodError(r.error as never, input);
}

describe('formatZodError', () => {
  it('names a NameServer address without a port by its value, with no channel or index prefix', () => {
    const m = message(ProfileInput, { name: 'x', namesrvAddrs: ['127.0.0.1:9876', '10.0.0.7'] });
    expect(m).toBe('NameServer address "10.0.0.7": has no port: write host:port, e.g. 127.0.0.1:9876');
    expect(m).not.toMatch(/profiles:|namesrvAddrs/);
  });

  it('tells a malformed host apart from a missing port', () => {
    expect(message(ProfileInput, { name: 'x', namesrvAddrs: ['my host:9876'] })).toBe(
      'NameServer address "my host:9876": is not host:port (letters, digits and . - _ [ ] only before the port), e.g. 127.0.0.1:9876',
    );
  });

  it('labels a field inside an update patch the same way', () => {
    expect(message(ProfileUpdate, { id: 'p1', patch: { namesrvAddrs: ['nameserver'] } })).toBe(
      'NameServer address "nameserver": has no port: write host:port, e.g. 127.0.0.1:9876',
    );
  });

  it('joins several issues and keeps the dotted path of fields without a label', () => {
    expect(message(ProfileInput, { name: ' ', namesrvAddrs: [] })).toBe(
      'Name: a name is required; NameServer address: at least one NameServer address, or a NameServer address server',
    );
    const m = message(SendRequest, { profileId: 'p', message: { topic: 'T', body: 'b', delayLevel: 99 } });
    expect(m).toMatch(/^message\.delayLevel: /);
  });
});
