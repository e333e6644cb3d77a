/**
 * Child process for the kill -9 test: writes sends through the batched writer as fast as it can and
 * prints "committed <lastId>" after every committed transaction, until it is killed.
 */
import { openDatabase } from '../../../../electron/services/history/db.js';
import { HistoryStore } from '../../../../electron/services/history/history-store.js';
import { sendRecord } from './records.js';

const file = process.argv[2]!;
const { db } = openDatabase(file);
const store = new HistoryStore(db, { batchSize: 200, onCommitted: (_n, lastId) => process.stdout.write(`committed ${lastId}\n`) });
let i = 0;
function more(): void {
  for (let k = 0; k < 500; k++) store.record(sendRecord(++i));
  setImmediate(more);
}
more();
