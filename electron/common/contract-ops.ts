/**
 * Ops payloads: the core admin's results as plain JSON (64-bit values as decimal strings, message
 * bodies as base64 plus text when UTF-8). Each is `Wire<core type>` written out so the renderer
 * needs no core types; electron/services/wire-assertions.ts fails the build if one drifts.
 */
import type { ApiErrorShape } from './contract-types.js';

export interface OpsFailure extends ApiErrorShape {
  addr: string;
  brokerName?: string | undefined;
  remark?: string | undefined;
}

export interface BrokerReplicaView {
  brokerId: number;
  role: 'MASTER' | 'SLAVE';
  addr: string;
}

export interface BrokerView {
  cluster: string;
  brokerName: string;
  masterAddr?: string | undefined;
  replicas: BrokerReplicaView[];
}

export interface ClusterOverview {
  namesrvAddr: string;
  clusters: { name: string; brokerNames: string[]; brokers: BrokerView[] }[];
  brokers: BrokerView[];
}

export type TopicKind = 'NORMAL' | 'SYSTEM' | 'RETRY' | 'DLQ' | 'REPLY' | 'LMQ' | 'CLUSTER' | 'BROKER';

export interface TopicListing {
  namesrvAddr: string;
  topics: { topic: string; kind: TopicKind; system: boolean }[];
}

export interface PermView {
  perm: number;
  readable: boolean;
  writable: boolean;
  inheritable: boolean;
  priority: boolean;
  text: string;
}

export interface TopicRouteView {
  topic: string;
  kind: TopicKind;
  brokers: { cluster: string; brokerName: string; masterAddr?: string | undefined; addrs: BrokerReplicaView[] }[];
  queues: { brokerName: string; readQueueNums: number; writeQueueNums: number; perm: PermView; topicSysFlag: number }[];
  orderTopicConf?: string | undefined;
  totalReadQueues: number;
  totalWriteQueues: number;
}

export interface TopicStatusView {
  topic: string;
  queues: { brokerName: string; queueId: number; minOffset: string; maxOffset: string; messageCount: string; lastUpdateTimestamp: number }[];
  totalMessages: string;
  brokers: { brokerName: string; addr: string; topicPutTps?: number | undefined }[];
  errors: OpsFailure[];
}

export interface BrokerOpView {
  addr: string;
  brokerName?: string | undefined;
  ok: boolean;
  error?: OpsFailure | undefined;
}

export interface CreateTopicView {
  topic: string;
  ok: boolean;
  results: BrokerOpView[];
}

export interface DeleteTopicView {
  topic: string;
  ok: boolean;
  brokers: BrokerOpView[];
  nameServers: { addr: string; ok: boolean; error?: OpsFailure | undefined }[];
}

export interface TpsWindowsView {
  tps10s?: number | undefined;
  tps60s?: number | undefined;
  tps600s?: number | undefined;
}

export interface ThreadPoolQueueView {
  size?: number | undefined;
  capacity?: number | undefined;
  headWaitTimeMills?: number | undefined;
}

/** GET_BROKER_RUNTIME_INFO as core types it (BrokerRuntimeInfo), 64-bit values as decimal strings. */
export interface BrokerRuntimeInfoView {
  /** e.g. "V5_5_0" */
  brokerVersionDesc?: string | undefined;
  /** MQVersion ordinal (4.x brokers only; 5.x send just the description). */
  brokerVersion?: number | undefined;
  brokerActive?: boolean | undefined;
  bootTimestamp?: number | undefined;
  /** Human text, e.g. "[ 0 days, 0 hours, 7 minutes, 49 seconds ]". */
  runtime?: string | undefined;
  putTps: TpsWindowsView;
  getFoundTps: TpsWindowsView;
  getMissTps: TpsWindowsView;
  getTotalTps: TpsWindowsView;
  getTransferredTps: TpsWindowsView;
  msgPutTotalTodayNow?: number | undefined;
  msgPutTotalTodayMorning?: number | undefined;
  msgPutTotalYesterdayMorning?: number | undefined;
  msgGetTotalTodayNow?: number | undefined;
  msgGetTotalTodayMorning?: number | undefined;
  msgGetTotalYesterdayMorning?: number | undefined;
  /** Used fraction (0..1) of the commit-log disk. */
  commitLogDiskRatio?: number | undefined;
  consumeQueueDiskRatio?: number | undefined;
  commitLogDirCapacity?: { total: string; free: string } | undefined;
  /** Time the commit-log put lock has been held, ms (page-cache busy indicator). */
  pageCacheLockTimeMills?: number | undefined;
  commitLogMinOffset?: string | undefined;
  commitLogMaxOffset?: string | undefined;
  dispatchBehindBytes?: string | undefined;
  earliestMessageTimeStamp?: number | undefined;
  startAcceptSendRequestTimeStamp?: number | undefined;
  store: {
    putMessageTimesTotal?: number | undefined;
    putMessageSizeTotal?: number | undefined;
    putMessageFailedTimes?: number | undefined;
    putMessageAverageSize?: number | undefined;
    putMessageEntireTimeMax?: number | undefined;
    getMessageEntireTimeMax?: number | undefined;
    putLatency99?: number | undefined;
    putLatency999?: number | undefined;
    /** Bucket label ("<=0ms", "0~10ms", …) → count. */
    putMessageDistributeTime: Record<string, number>;
    dispatchMaxBuffer?: number | undefined;
    remainHowManyDataToFlush?: string | undefined;
    remainTransientStoreBufferNumbs?: number | undefined;
  };
  threadPools: {
    send: ThreadPoolQueueView;
    pull: ThreadPoolQueueView;
    litePull: ThreadPoolQueueView;
    query: ThreadPoolQueueView;
    ack: ThreadPoolQueueView;
    endTransaction: ThreadPoolQueueView;
  };
  timer: {
    readBehind?: number | undefined;
    offsetBehind?: number | undefined;
    congestNum?: number | undefined;
    enqueueTps?: number | undefined;
    dequeueTps?: number | undefined;
  };
  /** Every key exactly as the broker sent it. */
  raw: Record<string, string>;
}

export interface BrokerHealthView {
  cluster: string;
  brokerName: string;
  brokerId: number;
  role: 'MASTER' | 'SLAVE';
  addr: string;
  ok: boolean;
  latencyMs: number;
  checkedAt: number;
  info?: BrokerRuntimeInfoView | undefined;
  error?: OpsFailure | undefined;
}

export interface NameServerHealthView {
  addr: string;
  ok: boolean;
  latencyMs: number;
  current: boolean;
  brokerCount?: number | undefined;
  error?: OpsFailure | undefined;
}

export interface ClientStatusView {
  clientId: string;
  namesrvAddrs: string[];
  currentNamesrv: string;
  producerGroups: string[];
  connections: string[];
  brokerAddrTable: { brokerName: string; addrs: { brokerId: number; addr: string }[] }[];
  heartbeats: { brokerName: string; addr: string; ok: boolean; at: number; error?: string | undefined; brokerVersion?: number | undefined }[];
  brokerVersions: { brokerName: string; addr: string; version: number; versionDesc: string }[];
  routes: { topic: string; brokerNames: string[] }[];
}

export interface ClusterHealthView {
  profileId: string;
  nameServers: NameServerHealthView[];
  brokers: BrokerHealthView[];
  client: ClientStatusView;
  at: number;
}

export interface HealthWatch {
  watchId: string;
  intervalMs: number;
}

/** An ops:watchHealth tick: the health, or why it could not be read this time. */
export interface HealthEvent {
  watchId: string;
  profileId: string;
  health?: ClusterHealthView | undefined;
  error?: ApiErrorShape | undefined;
  at: number;
}

export interface MessageViewDTO {
  topic: string;
  msgId: string;
  offsetMsgId: string;
  brokerName?: string | undefined;
  brokerAddr: string;
  queueId: number;
  queueOffset: string;
  commitLogOffset: string;
  tags?: string | undefined;
  keys: string[];
  properties: Record<string, string>;
  bodyBase64: string;
  bodyText?: string | undefined;
  bodySize: number;
  compression?: 'ZLIB' | 'LZ4' | 'ZSTD' | undefined;
  bodyDecompressed: boolean;
  bornTimestamp: number;
  bornHost: string;
  storeTimestamp: number;
  storeHost: string;
  reconsumeTimes: number;
  flag: number;
  sysFlag: number;
  storeSize: number;
  bodyCRC: number;
  magicCode: number;
  preparedTransactionOffset: string;
  transactionType: 'NOT_TYPE' | 'PREPARED' | 'COMMIT' | 'ROLLBACK';
}

export interface LookupView {
  id: string;
  by: 'offsetMsgId' | 'msgId';
  messages: MessageViewDTO[];
}

export interface QueryView {
  topic: string;
  key: string;
  by: 'key' | 'msgId';
  messages: MessageViewDTO[];
  indexLastUpdateTimestamp: number;
  brokers: { brokerName: string; addr: string; found: number; error?: OpsFailure | undefined }[];
}

export interface VerifyView {
  ok: boolean;
  historyId: number;
  messages: {
    msgId: string;
    offsetMsgId: string;
    ok: boolean;
    checks: { field: string; expected: string; actual: string; ok: boolean }[];
    message?: MessageViewDTO | undefined;
    error?: OpsFailure | undefined;
  }[];
}
