/** The final error of a send: what happened, on which brokers, and the last cause. */
import { ClientErrorCode, MQClientError } from '../errors.js';

export interface AttemptRecord {
  attempt: number;
  brokerName: string;
  addr: string;
  queueId: number;
  latencyMs: number;
  ok: boolean;
  responseCode?: number | undefined;
  error?: string | undefined;
}

export class SendFailedError extends MQClientError {
  override readonly name = 'SendFailedError';
  readonly attempts: AttemptRecord[];
  readonly brokersSent: string[];
  readonly topic: string;
  /** True when the budget ran out before another attempt could be written ("sendDefaultImpl call timeout"). */
  readonly budgetSpent: boolean;
  constructor(topic: string, attempts: AttemptRecord[], elapsedMs: number, last: unknown, timedOut: boolean, budgetSpent = false) {
    const brokersSent = [...new Set(attempts.map((a) => a.brokerName))];
    const lastMsg = last === undefined ? 'none (nothing was written)' : last instanceof Error ? last.message : String(last);
    // Java's own phrases ("Send [n] times, still failed", "sendDefaultImpl call timeout") stay in
    // the text so a search for the Java message finds this one too.
    const head = budgetSpent
      ? `Send to topic '${topic}' timed out: the send budget was spent after ${attempts.length} attempt(s) in ${elapsedMs} ms, before another could be written (sendDefaultImpl call timeout)`
      : `Send to topic '${topic}' ${timedOut ? 'timed out' : 'failed'}: Send [${attempts.length}] times, still failed, cost [${elapsedMs}]ms`;
    const lastCode =
      budgetSpent || last === undefined ? ClientErrorCode.ACCESS_BROKER_TIMEOUT : last instanceof MQClientError ? last.code : ClientErrorCode.UNKNOWN_ERROR;
    // NO_PERMISSION from an ACL-enabled broker is nearly always a key problem: say so.
    const hint = lastCode === 16 ? ' (check the AccessKey/SecretKey of the connection and the topic permissions of that user)' : '';
    super(`${head}; brokers tried: [${brokersSent.join(', ')}]; last error: ${lastMsg}${hint}`, {
      code: lastCode,
      retriable: last instanceof MQClientError ? last.retriable : timedOut,
      cause: last,
    });
    this.budgetSpent = budgetSpent;
    this.attempts = attempts;
    this.brokersSent = brokersSent;
    this.topic = topic;
  }
}
