/** A topic's queue on one broker. */
export interface MessageQueue {
  topic: string;
  brokerName: string;
  queueId: number;
}

export function mqKey(mq: MessageQueue): string {
  return `${mq.topic}@${mq.brokerName}:${mq.queueId}`;
}
