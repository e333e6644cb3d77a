/** Where the integration tests find the real cluster. */
export const NAMESRV = process.env.NAMESRV_ADDR ?? '127.0.0.1:9876';

let n = 0;
/** A topic name unique to this run, so reruns against a reused cluster never see old messages. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${++n}`;
}

export function uniqueGroup(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++n}`;
}
