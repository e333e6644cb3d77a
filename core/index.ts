/** The public API of the RocketMQ producer core. Hosts import from here only. */
export * from './errors.js';
export { systemClock, type Clock, type TimerHandle } from './clock.js';
export { EventHub, type ClientEvents, type ClientEventType, type SendMode } from './instrumentation.js';
export type { ClientConfig } from './client/client-config.js';
export { namesrvList } from './client/client-config.js';
export { fetchNameServerAddr, ADDRESS_SERVER_POLL_MS } from './client/namesrv-address-server.js';
export type { Credentials } from './client/acl-rpc-hook.js';
export { MQClientInstance, type HeartbeatStatus } from './client/client-instance.js';
export { DefaultMQProducer, type ProducerConfig, type SendOptions, type SendCallback } from './producer/producer.js';
export type { Message, SendResult, OnewayResult } from './producer/message.js';
export { DeliverTimeNotSupportedError, MQ_VERSION_5_0_0 } from './producer/send-loop.js';
export { RETRY_RESPONSE_CODES, isRetryResponseCode } from './producer/retry-codes.js';
export type { ConnectionSnapshot } from './remoting/remoting-client.js';
export type { MessageQueue } from './producer/message-queue.js';
export { selectMessageQueueByHash, selectMessageQueueByRandom, javaStringHashCode, type MessageQueueSelector } from './producer/selectors.js';
export { SendFailedError, type AttemptRecord } from './producer/send-errors.js';
export { DEFAULT_FAULT_CONFIG, FAULT_DEFAULTS, type FaultStrategyConfig, type FaultTableSnapshot, type FaultItemView } from './producer/fault-strategy.js';
export type { FaultItem, ProducerBehaviour } from './producer/latency-fault-tolerance.js';
export { silentLogger, createStderrLogger, type Logger, type LogLevel } from './logger.js';
export { isSystemTopic, checkTopic } from './producer/validators.js';
// Names, limits, body and template syntax, error codes: shared with the host and the renderer.
export * from './rules/index.js';
export type { SendStatus } from './protocol/requests/send-message.js';
export type { TopicRouteData, QueueData, BrokerData } from './protocol/route-data.js';
export type { ClusterInfo } from './protocol/cluster-info.js';
export { permToString } from './protocol/perm.js';
export type { SerializeType } from './remoting/command.js';
// Ops (admin): clusters, topics, routes, offsets, broker health, message lookup.
export { MQAdmin, type AdminOptions, type ClusterHealth } from './admin/admin.js';
export { ConfirmationRequiredError, MessageNotFoundError, BrokerNotFoundError, AdminErrorCode, type AdminFailure } from './admin/admin-errors.js';
export type { ClusterOverview, ClusterView, BrokerView, BrokerReplica } from './admin/cluster.js';
export type { TopicListing, TopicListEntry, TopicRouteView, RouteBroker, RouteQueue, TopicStatus, QueueStatus } from './admin/topics.js';
export type { CreateTopicOptions, CreateTopicResult, DeleteTopicOptions, DeleteTopicResult, BrokerOpResult } from './admin/topic-admin.js';
export { mqVersionDesc, type BrokerStatus, type BrokerHealth, type NameServerHealth, type ClientStatus } from './admin/broker-health.js';
export type { MessageView, QueryOptions, QueryResult, LookupResult } from './admin/message-lookup.js';
export { MAX_BROWSE_MESSAGES, type BrowseResult, type TimeRangeOptions, type ConsumedByResult, type ConsumedByGroup } from './admin/message-browser.js';
export type { VerifyResult, VerifiedMessage, VerifyCheck } from './admin/verify.js';
export { topicKind, isInternalTopic, type TopicKind } from './admin/topic-kind.js';
export { describePerm, type PermView } from './admin/perm-view.js';
export { StoredMessageDecodeError, UnknownCompressionTypeError, type StoredMessage, type CompressionType } from './protocol/stored-message.js';
export { COMPRESSION_TYPES, checkCompressionType } from './protocol/compression.js';
export type { BrokerRuntimeInfo, TpsWindows, ThreadPoolQueue } from './protocol/broker-runtime-info.js';
// Transactions and request-reply.
export {
  TransactionMQProducer,
  LOCAL_TRANSACTION_STATES,
  type TransactionListener,
  type TransactionMessage,
  type TransactionCheck,
  type TransactionProducerConfig,
  type TransactionSendResult,
  type EndTransactionOutcome,
  type LocalTransactionState,
} from './producer/transaction-producer.js';
export { RequestReplyTimeoutError, type RequestReply, type RequestCallback } from './producer/request-reply.js';
export type { ReplyMessage } from './protocol/requests/reply-message.js';
