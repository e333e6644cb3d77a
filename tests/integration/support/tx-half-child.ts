/**
 * A producer process that dies mid-transaction (issue 15): it sends one half message of group
 * argv[3] to topic argv[4] on NameServer argv[2], prints {"msgId": …} and then never finishes
 * its local transaction — the test kills it with SIGKILL, so no END_TRANSACTION is ever sent
 * and only the broker's check-back can resolve the half message.
 */
import { TransactionMQProducer } from '../../../core/index.js';

const [namesrvAddr, group, topic, key] = process.argv.slice(2);
if (!namesrvAddr || !group || !topic || !key) {
  process.stderr.write('usage: tx-half-child <namesrv> <group> <topic> <key>\n');
  process.exit(2);
}
const producer = new TransactionMQProducer({ namesrvAddr, producerGroup: group, instanceName: `tx-child-${process.pid}` });
await producer.start();
await producer.sendMessageInTransaction(
  { topic, body: `half from ${process.pid}`, keys: key },
  {
    executeLocalTransaction: (m) => {
      process.stdout.write(`${JSON.stringify({ msgId: m.transactionId })}\n`);
      return new Promise(() => {}); // the process is killed while "the local transaction runs"
    },
    checkLocalTransaction: () => 'UNKNOW',
  },
);
