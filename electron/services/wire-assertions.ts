/**
 * Compile-time proof that the contract's response types are the wire form of core's types:
 * each line fails `tsc` ("Type 'false' does not satisfy the constraint 'true'") when core and the
 * contract drift apart. Nothing here runs. It lives in the host, the one layer allowed to see both
 * core (through core/index.ts) and the contract, so electron/common never depends on core, not
 * even for types (docs/layering.md). Where the contract deliberately reshapes a core type (message
 * bodies as base64 + text + size, a SendResult flattened), the reshaping is spelled out here.
 */
import type * as C from '../../core/index.js';
import type * as K from '../common/contract.js';
import type { Assert, Equals, Flatten, Reshape, Wire } from '../common/wire.js';

/** A stored message: the body as base64, plus its text when UTF-8 and its size. */
type MessageWire = Flatten<Omit<Wire<C.MessageView>, 'body'> & { bodyBase64: string; bodyText?: string | undefined; bodySize: number }>;
type WithMessages<T> = Reshape<Wire<T>, { messages: K.MessageViewDTO[] }>;

export type WireAssertions = [
  Assert<Equals<K.MessageViewDTO, MessageWire>>,
  Assert<Equals<K.ClusterOverview, Wire<C.ClusterOverview>>>,
  Assert<Equals<K.TopicListing, Wire<C.TopicListing>>>,
  Assert<Equals<K.TopicRouteView, Wire<C.TopicRouteView>>>,
  Assert<Equals<K.TopicStatusView, Wire<C.TopicStatus>>>,
  Assert<Equals<K.CreateTopicView, Wire<C.CreateTopicResult>>>,
  Assert<Equals<K.DeleteTopicView, Wire<C.DeleteTopicResult>>>,
  Assert<Equals<K.ClientStatusView, Wire<C.ClientStatus>>>,
  Assert<Equals<K.BrokerRuntimeInfoView, Wire<C.BrokerRuntimeInfo>>>,
  Assert<Equals<K.BrokerHealthView, Wire<C.BrokerHealth>>>,
  Assert<Equals<K.NameServerHealthView, Wire<C.NameServerHealth>>>,
  // ops:health adds which profile and when to the core's health.
  Assert<Equals<K.ClusterHealthView, Flatten<Wire<C.ClusterHealth> & { profileId: string; at: number }>>>,
  Assert<Equals<K.LookupView, WithMessages<C.LookupResult>>>,
  Assert<Equals<K.QueryView, WithMessages<C.QueryResult>>>,
  // ops:verify names the history entry it checked; each message read back is a MessageViewDTO.
  Assert<
    Equals<
      K.VerifyView,
      Flatten<
        Reshape<Wire<C.VerifyResult>, { messages: Reshape<Wire<C.VerifiedMessage>, { message?: K.MessageViewDTO | undefined }>[] }> & { historyId: number }
      >
    >
  >,
  Assert<Equals<K.BrowseView, WithMessages<C.BrowseResult>>>,
  Assert<Equals<K.ConsumedByView, Wire<C.ConsumedByResult>>>,
  Assert<Equals<K.AttemptView, Wire<C.AttemptRecord>>>,
  // A SendResult as the composer and history show it: the queue flattened in, the attempts beside it
  // (SendOutcome.attempts), the trace flag left out.
  Assert<Equals<K.SendResultView, Flatten<Omit<Wire<C.SendResult>, 'messageQueue' | 'attempts' | 'traceOn'> & Wire<C.MessageQueue>>>>,
];
