/**
 * Ops payloads: the core admin's results as plain JSON (64-bit values as decimal strings, message
 * bodies as base64 plus text when UTF-8). Mirrors core/admin's types field for field.
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

export type TopicKind = string;

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

/** Broker runtime info: typed fields of core's BrokerRuntimeInfo, 64-bit values as strings. */
export type BrokerRuntimeInfoView = Record<string, unknown> & {
  brokerVersionDesc?: string | undefined;
  runtime?: string | undefined;
  putTps?: Record<string, number | undefined> | undefined;
  commitLogDiskRatio?: number | undefined;
  pageCacheLockTimeMills?: number | undefined;
};

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
  [k: string]: unknown;
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
  compression?: string | undefined;
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
  transactionType: string;
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
