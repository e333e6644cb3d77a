/** The final error of a send: what happened, on which brokers, and the last cause. */
import { MQClientError } from '../errors.js';

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
  constructor(topic: string, attempts: AttemptRecord[], elapsedMs: number, last: unknown, timedOut: boolean) {
    const brokersSent = [...new Set(attempts.map((a) => a.brokerName))];
    const lastMsg = last instanceof Error ? last.message : String(last ?? 'no queue could be selected');
    const head = timedOut
      ? `Send to topic '${topic}' timed out: the send budget was spent after ${attempts.length} attempt(s) in ${elapsedMs} ms`
      : `Send to topic '${topic}' failed after ${attempts.length} attempt(s) in ${elapsedMs} ms`;
    const lastCode = last instanceof MQClientError ? last.code : timedOut ? 10002 : -1;
    // NO_PERMISSION from an ACL-enabled broker is nearly always a key problem: say so.
    const hint = lastCode === 16 ? ' (check the AccessKey/SecretKey of the connection and the topic permissions of that user)' : '';
    super(`${head}; brokers tried: [${brokersSent.join(', ')}]; last error: ${lastMsg}${hint}`, {
      code: lastCode,
      retriable: last instanceof MQClientError ? last.retriable : timedOut,
      cause: last,
    });
    this.attempts = attempts;
    this.brokersSent = brokersSent;
    this.topic = topic;
  }
}
