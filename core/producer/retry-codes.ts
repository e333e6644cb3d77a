/**
 * DefaultMQProducer.retryResponseCodes: the broker answers after which a sync send tries again
 * (on another broker when there is one). 5.x added SYSTEM_BUSY and GO_AWAY to 4.9.8's set.
 */
import { ResponseCode } from '../protocol/codes.js';
import type { ProducerBehaviour } from './latency-fault-tolerance.js';

const COMMON = [
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
];

export const RETRY_RESPONSE_CODES: Readonly<Record<ProducerBehaviour, ReadonlySet<number>>> = {
  'java-4.9': new Set(COMMON),
  'java-5': new Set([...COMMON, ResponseCode.SYSTEM_BUSY, ResponseCode.GO_AWAY]),
};

export function isRetryResponseCode(behaviour: ProducerBehaviour, code: number): boolean {
  return RETRY_RESPONSE_CODES[behaviour].has(code);
}
