/**
 * "Copy as code" for the composer's transaction and request modes: the Java client's
 * TransactionMQProducer (with a TransactionListener whose local outcome is the one chosen) and
 * DefaultMQProducer.request. Built on the plain Java snippet, so the message lines are the same.
 */
import type { TxLocalOutcome } from '../../../../electron/common/api.js';
import { javaSnippet, type SnippetInput } from '../composer/code-snippets.js';

const STATE: Record<TxLocalOutcome, string> = { commit: 'COMMIT_MESSAGE', rollback: 'ROLLBACK_MESSAGE', unknown: 'UNKNOW' };

function plain(input: SnippetInput): string[] {
  return javaSnippet({ ...input, request: { ...input.request, mode: 'sync', target: { kind: 'auto' }, batch: 1 } }).split('\n');
}

export function javaTransactionSnippet(input: SnippetInput, local: TxLocalOutcome): string {
  const out: string[] = [];
  for (const line of plain(input)) {
    if (line.startsWith('DefaultMQProducer producer = ')) {
      out.push(line.replace('DefaultMQProducer producer = new DefaultMQProducer(', 'TransactionMQProducer producer = new TransactionMQProducer('));
      out.push('producer.setTransactionListener(new TransactionListener() {');
      out.push('  public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {');
      out.push(`    return LocalTransactionState.${STATE[local]}; // your local transaction decides`);
      out.push('  }');
      out.push('  public LocalTransactionState checkLocalTransaction(MessageExt msg) {');
      out.push('    return LocalTransactionState.UNKNOW; // look the transaction up by msg.getTransactionId()');
      out.push('  }');
      out.push('});');
    } else if (line === 'SendResult result = producer.send(msg);') {
      out.push('TransactionSendResult result = producer.sendMessageInTransaction(msg, null);');
    } else if (line === 'producer.shutdown();') {
      out.push('// keep the producer running while the broker may check back, then: producer.shutdown();');
    } else out.push(line);
  }
  return out.join('\n');
}

export function javaRequestSnippet(input: SnippetInput, timeoutMs: number): string {
  return plain(input)
    .map((line) => (line === 'SendResult result = producer.send(msg);' ? `Message result = producer.request(msg, ${timeoutMs}); // the reply` : line))
    .join('\n');
}
