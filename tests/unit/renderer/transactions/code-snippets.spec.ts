import { describe, expect, it } from 'vitest';
import { javaRequestSnippet, javaTransactionSnippet } from '../../../../renderer/src/features/transactions/code-snippets.js';
import type { SendRequest } from '../../../../electron/common/api.js';

const request: SendRequest = {
  profileId: 'p1',
  message: { topic: 'Orders', tags: 'Created', keys: ['k1'], properties: { region: 'eu' }, body: 'pay "42"', bodyFormat: 'text' },
  // A transaction's half message is sync, automatic queue, one message, whatever the draft says.
  mode: 'async',
  target: { kind: 'queue', brokerName: 'broker-a', queueId: 2 },
  batch: 4,
};
const input = { request, namesrvAddrs: ['127.0.0.1:9876'], group: 'G1' };

describe('copy as code: transactions and request-reply', () => {
  it('emits a TransactionMQProducer with the chosen local outcome and sendMessageInTransaction', () => {
    const code = javaTransactionSnippet(input, 'unknown');
    expect(code).toContain('TransactionMQProducer producer = new TransactionMQProducer("G1");');
    expect(code).toContain('producer.setTransactionListener(new TransactionListener() {');
    expect(code).toContain('return LocalTransactionState.UNKNOW;');
    expect(code).toContain('TransactionSendResult result = producer.sendMessageInTransaction(msg, null);');
    expect(code).toContain('msg.putUserProperty("region", "eu");');
    expect(code).toContain('"pay \\"42\\"".getBytes(StandardCharsets.UTF_8)');
    expect(code).not.toMatch(/DefaultMQProducer|producer\.send\(|batch|MessageQueue/);
    expect(javaTransactionSnippet(input, 'commit')).toContain('return LocalTransactionState.COMMIT_MESSAGE; // your local transaction decides');
    expect(javaTransactionSnippet(input, 'rollback')).toContain('return LocalTransactionState.ROLLBACK_MESSAGE; // your local transaction decides');
  });

  it('emits producer.request with the reply timeout', () => {
    const code = javaRequestSnippet(input, 7000);
    expect(code).toContain('Message result = producer.request(msg, 7000); // the reply');
    expect(code).not.toMatch(/producer\.send\(/);
  });
});
