/**
 * GET_BROKER_RUNTIME_INFO's KVTable interpreted into typed fields. Every value arrives as a
 * string; a key that is missing or unparseable becomes `undefined` (never an exception), and the
 * whole table stays available as `raw`, so keys newer brokers add are never lost.
 *
 * Formats seen on 5.5.0: TPS keys hold up to three space-separated windows (10 s, 60 s, 600 s;
 * a window is empty until the broker has enough samples, e.g. "0.39 0.06 "); getTotalTps always
 * has three; putMessageDistributeTime is "[<=0ms]:16 [0~10ms]:4 …"; commitLogDirCapacity is
 * "Total : 252.0 GiB, Free : 239.5 GiB.". 4.x brokers also send brokerVersion (MQVersion ordinal).
 */
export interface TpsWindows {
  tps10s: number | undefined;
  tps60s: number | undefined;
  tps600s: number | undefined;
}

export interface ThreadPoolQueue {
  size: number | undefined;
  capacity: number | undefined;
  headWaitTimeMills: number | undefined;
}

export interface BrokerRuntimeInfo {
  /** e.g. "V5_5_0" */
  brokerVersionDesc: string | undefined;
  /** MQVersion ordinal (4.x brokers only; 5.x send just the description). */
  brokerVersion: number | undefined;
  brokerActive: boolean | undefined;
  bootTimestamp: number | undefined;
  /** Human text, e.g. "[ 0 days, 0 hours, 7 minutes, 49 seconds ]". */
  runtime: string | undefined;
  putTps: TpsWindows;
  getFoundTps: TpsWindows;
  getMissTps: TpsWindows;
  getTotalTps: TpsWindows;
  getTransferredTps: TpsWindows;
  msgPutTotalTodayNow: number | undefined;
  msgPutTotalTodayMorning: number | undefined;
  msgPutTotalYesterdayMorning: number | undefined;
  msgGetTotalTodayNow: number | undefined;
  msgGetTotalTodayMorning: number | undefined;
  msgGetTotalYesterdayMorning: number | undefined;
  /** Used fraction (0..1) of the commit-log disk. */
  commitLogDiskRatio: number | undefined;
  consumeQueueDiskRatio: number | undefined;
  commitLogDirCapacity: { total: string; free: string } | undefined;
  /** Time the commit-log put lock has been held, ms (page-cache busy indicator). */
  pageCacheLockTimeMills: number | undefined;
  commitLogMinOffset: bigint | undefined;
  commitLogMaxOffset: bigint | undefined;
  dispatchBehindBytes: bigint | undefined;
  earliestMessageTimeStamp: number | undefined;
  startAcceptSendRequestTimeStamp: number | undefined;
  store: {
    putMessageTimesTotal: number | undefined;
    putMessageSizeTotal: number | undefined;
    putMessageFailedTimes: number | undefined;
    putMessageAverageSize: number | undefined;
    putMessageEntireTimeMax: number | undefined;
    getMessageEntireTimeMax: number | undefined;
    putLatency99: number | undefined;
    putLatency999: number | undefined;
    /** Bucket label ("<=0ms", "0~10ms", …) → count. */
    putMessageDistributeTime: Record<string, number>;
    dispatchMaxBuffer: number | undefined;
    remainHowManyDataToFlush: string | undefined;
    remainTransientStoreBufferNumbs: number | undefined;
  };
  threadPools: {
    send: ThreadPoolQueue;
    pull: ThreadPoolQueue;
    litePull: ThreadPoolQueue;
    query: ThreadPoolQueue;
    ack: ThreadPoolQueue;
    endTransaction: ThreadPoolQueue;
  };
  timer: {
    readBehind: number | undefined;
    offsetBehind: number | undefined;
    congestNum: number | undefined;
    enqueueTps: number | undefined;
    dequeueTps: number | undefined;
  };
  /** Every key exactly as the broker sent it. */
  raw: Record<string, string>;
}

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function big(s: string | undefined): bigint | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return /^-?\d+$/.test(t) ? BigInt(t) : undefined;
}

function bool(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  const t = s.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

export function parseTps(s: string | undefined): TpsWindows {
  const parts = (s ?? '').split(' ');
  return { tps10s: num(parts[0]), tps60s: num(parts[1]), tps600s: num(parts[2]) };
}

export function parseDistributeTime(s: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!s) return out;
  for (const m of s.matchAll(/\[([^\]]*)\]:(\d+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}

function capacity(s: string | undefined): { total: string; free: string } | undefined {
  const m = s ? /Total\s*:\s*([^,]+),\s*Free\s*:\s*(.+?)\.?\s*$/.exec(s) : null;
  return m ? { total: m[1]!.trim(), free: m[2]!.trim() } : undefined;
}

function pool(
  raw: Record<string, string>,
  prefix: string,
  capacityKey = `${prefix}ThreadPoolQueueCapacity`,
  sizeKey = `${prefix}ThreadPoolQueueSize`,
): ThreadPoolQueue {
  return { size: num(raw[sizeKey]), capacity: num(raw[capacityKey]), headWaitTimeMills: num(raw[`${prefix}ThreadPoolQueueHeadWaitTimeMills`]) };
}

export function parseBrokerRuntimeInfo(raw: Record<string, string>): BrokerRuntimeInfo {
  return {
    brokerVersionDesc: raw.brokerVersionDesc,
    brokerVersion: num(raw.brokerVersion),
    brokerActive: bool(raw.brokerActive),
    bootTimestamp: num(raw.bootTimestamp),
    runtime: raw.runtime,
    putTps: parseTps(raw.putTps),
    getFoundTps: parseTps(raw.getFoundTps),
    getMissTps: parseTps(raw.getMissTps),
    getTotalTps: parseTps(raw.getTotalTps),
    getTransferredTps: parseTps(raw.getTransferredTps),
    msgPutTotalTodayNow: num(raw.msgPutTotalTodayNow),
    msgPutTotalTodayMorning: num(raw.msgPutTotalTodayMorning),
    msgPutTotalYesterdayMorning: num(raw.msgPutTotalYesterdayMorning),
    msgGetTotalTodayNow: num(raw.msgGetTotalTodayNow),
    msgGetTotalTodayMorning: num(raw.msgGetTotalTodayMorning),
    msgGetTotalYesterdayMorning: num(raw.msgGetTotalYesterdayMorning),
    commitLogDiskRatio: num(raw.commitLogDiskRatio),
    consumeQueueDiskRatio: num(raw.consumeQueueDiskRatio),
    commitLogDirCapacity: capacity(raw.commitLogDirCapacity),
    pageCacheLockTimeMills: num(raw.pageCacheLockTimeMills),
    commitLogMinOffset: big(raw.commitLogMinOffset),
    commitLogMaxOffset: big(raw.commitLogMaxOffset),
    dispatchBehindBytes: big(raw.dispatchBehindBytes),
    earliestMessageTimeStamp: num(raw.earliestMessageTimeStamp),
    startAcceptSendRequestTimeStamp: num(raw.startAcceptSendRequestTimeStamp),
    store: {
      putMessageTimesTotal: num(raw.putMessageTimesTotal),
      putMessageSizeTotal: num(raw.putMessageSizeTotal),
      putMessageFailedTimes: num(raw.putMessageFailedTimes),
      putMessageAverageSize: num(raw.putMessageAverageSize),
      putMessageEntireTimeMax: num(raw.putMessageEntireTimeMax),
      getMessageEntireTimeMax: num(raw.getMessageEntireTimeMax),
      putLatency99: num(raw.putLatency99),
      putLatency999: num(raw.putLatency999),
      putMessageDistributeTime: parseDistributeTime(raw.putMessageDistributeTime),
      dispatchMaxBuffer: num(raw.dispatchMaxBuffer),
      remainHowManyDataToFlush: raw.remainHowManyDataToFlush,
      remainTransientStoreBufferNumbs: num(raw.remainTransientStoreBufferNumbs),
    },
    threadPools: {
      send: pool(raw, 'send'),
      pull: pool(raw, 'pull'),
      litePull: pool(raw, 'litePull'),
      query: pool(raw, 'query'),
      ack: pool(raw, 'ack'),
      endTransaction: pool(raw, 'EndTransaction', 'EndTransactionThreadPoolQueueCapacity', 'EndTransactionQueueSize'),
    },
    timer: {
      readBehind: num(raw.timerReadBehind),
      offsetBehind: num(raw.timerOffsetBehind),
      congestNum: num(raw.timerCongestNum),
      enqueueTps: num(raw.timerEnqueueTps),
      dequeueTps: num(raw.timerDequeueTps),
    },
    raw,
  };
}
