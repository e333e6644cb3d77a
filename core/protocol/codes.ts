/** Request and response codes of the remoting protocol (names as in the Java RequestCode/ResponseCode). */
export const RequestCode = {
  SEND_MESSAGE: 10,
  PULL_MESSAGE: 11,
  QUERY_MESSAGE: 12,
  QUERY_CONSUMER_OFFSET: 14,
  UPDATE_AND_CREATE_TOPIC: 17,
  GET_BROKER_RUNTIME_INFO: 28,
  SEARCH_OFFSET_BY_TIMESTAMP: 29,
  GET_MAX_OFFSET: 30,
  GET_MIN_OFFSET: 31,
  GET_EARLIEST_MSG_STORETIME: 32,
  VIEW_MESSAGE_BY_ID: 33,
  HEART_BEAT: 34,
  UNREGISTER_CLIENT: 35,
  END_TRANSACTION: 37,
  CHECK_TRANSACTION_STATE: 39,
  NOTIFY_CONSUMER_IDS_CHANGED: 40,
  GET_KV_CONFIG: 101,
  GET_ROUTEINFO_BY_TOPIC: 105,
  GET_BROKER_CLUSTER_INFO: 106,
  GET_TOPIC_STATS_INFO: 202,
  GET_ALL_TOPIC_LIST_FROM_NAMESERVER: 206,
  DELETE_TOPIC_IN_BROKER: 215,
  DELETE_TOPIC_IN_NAMESRV: 216,
  GET_TOPICS_BY_CLUSTER: 224,
  QUERY_TOPIC_CONSUME_BY_WHO: 300,
  SEND_MESSAGE_V2: 310,
  SEND_BATCH_MESSAGE: 320,
  SEND_REPLY_MESSAGE_V2: 325,
  PUSH_REPLY_MESSAGE_TO_CLIENT: 326,
} as const;

interface CodeInfo {
  name: string;
  /** Whether the producer's sync loop retries on another broker (Java retryResponseCodes, 5.3+ set). */
  retriable: boolean;
}

/** Response codes with whether a send may be retried on another broker. */
export const ResponseCode = {
  SUCCESS: 0,
  SYSTEM_ERROR: 1,
  SYSTEM_BUSY: 2,
  REQUEST_CODE_NOT_SUPPORTED: 3,
  TRANSACTION_FAILED: 4,
  FLUSH_DISK_TIMEOUT: 10,
  SLAVE_NOT_AVAILABLE: 11,
  FLUSH_SLAVE_TIMEOUT: 12,
  MESSAGE_ILLEGAL: 13,
  SERVICE_NOT_AVAILABLE: 14,
  VERSION_NOT_SUPPORTED: 15,
  NO_PERMISSION: 16,
  TOPIC_NOT_EXIST: 17,
  TOPIC_EXIST_ALREADY: 18,
  PULL_NOT_FOUND: 19,
  PULL_RETRY_IMMEDIATELY: 20,
  PULL_OFFSET_MOVED: 21,
  QUERY_NOT_FOUND: 22,
  SUBSCRIPTION_NOT_EXIST: 24,
  SUBSCRIPTION_GROUP_NOT_EXIST: 26,
  INVALID_PARAMETER: 29,
  NO_BUYER_ID: 204,
  NOT_IN_CURRENT_UNIT: 205,
  FLOW_CONTROL: 215,
  GO_AWAY: 1500,
} as const;

const TABLE = new Map<number, CodeInfo>();
for (const [name, code] of Object.entries(ResponseCode)) TABLE.set(code, { name, retriable: false });
for (const code of [
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.SYSTEM_BUSY,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
  ResponseCode.GO_AWAY,
]) {
  TABLE.get(code)!.retriable = true;
}

export function responseCodeName(code: number): string {
  return TABLE.get(code)?.name ?? `CODE_${code}`;
}

/** The retry table (never string matching): broker answers worth another attempt on another broker. */
export function isRetriableResponseCode(code: number): boolean {
  return TABLE.get(code)?.retriable ?? false;
}
