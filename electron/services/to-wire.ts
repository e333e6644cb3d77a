/**
 * The host's mapping of core results to the contract's wire types: one explicit function per result
 * kind, each typed from core's type to the contract's, so the compiler checks every field (a bigint
 * or a Buffer left in place does not type-check). electron/services/wire-assertions.ts proves the
 * contract types are `Wire<core type>`; these functions are the runtime half. There is no generic
 * deep copy: what a handler returns is exactly what crosses the boundary.
 * Kinds without 64-bit values or bytes are already their own wire form: their mapping is the value.
 */
import type * as C from '../../core/index.js';
import type * as K from '../common/contract.js';
import { bodyAsText } from './body-codec.js';

export function messageToWire(m: C.MessageView): K.MessageViewDTO {
  return {
    topic: m.topic,
    msgId: m.msgId,
    offsetMsgId: m.offsetMsgId,
    brokerName: m.brokerName,
    brokerAddr: m.brokerAddr,
    queueId: m.queueId,
    queueOffset: m.queueOffset.toString(),
    commitLogOffset: m.commitLogOffset.toString(),
    preparedTransactionOffset: m.preparedTransactionOffset.toString(),
    tags: m.tags,
    keys: m.keys,
    properties: m.properties,
    bodyBase64: m.body.toString('base64'),
    bodyText: bodyAsText(m.body),
    bodySize: m.body.length,
    compression: m.compression,
    bodyDecompressed: m.bodyDecompressed,
    bornTimestamp: m.bornTimestamp,
    bornHost: m.bornHost,
    storeTimestamp: m.storeTimestamp,
    storeHost: m.storeHost,
    reconsumeTimes: m.reconsumeTimes,
    flag: m.flag,
    sysFlag: m.sysFlag,
    storeSize: m.storeSize,
    bodyCRC: m.bodyCRC,
    magicCode: m.magicCode,
    transactionType: m.transactionType,
  };
}

export const clusterOverviewToWire = (c: C.ClusterOverview): K.ClusterOverview => c;
export const topicListingToWire = (t: C.TopicListing): K.TopicListing => t;
export const topicRouteToWire = (r: C.TopicRouteView): K.TopicRouteView => r;
export const createTopicToWire = (r: C.CreateTopicResult): K.CreateTopicView => r;
export const deleteTopicToWire = (r: C.DeleteTopicResult): K.DeleteTopicView => r;
export const clientStatusToWire = (s: C.ClientStatus): K.ClientStatusView => s;

export function topicStatusToWire(s: C.TopicStatus): K.TopicStatusView {
  return {
    topic: s.topic,
    queues: s.queues.map((q) => ({ ...q, minOffset: q.minOffset.toString(), maxOffset: q.maxOffset.toString(), messageCount: q.messageCount.toString() })),
    totalMessages: s.totalMessages.toString(),
    brokers: s.brokers,
    errors: s.errors,
  };
}

export function runtimeInfoToWire(i: C.BrokerRuntimeInfo): K.BrokerRuntimeInfoView {
  return {
    ...i,
    commitLogMinOffset: i.commitLogMinOffset?.toString(),
    commitLogMaxOffset: i.commitLogMaxOffset?.toString(),
    dispatchBehindBytes: i.dispatchBehindBytes?.toString(),
  };
}

export function clusterHealthToWire(h: C.ClusterHealth, profileId: string, at: number): K.ClusterHealthView {
  return {
    profileId,
    nameServers: h.nameServers,
    brokers: h.brokers.map((b) => ({ ...b, info: b.info && runtimeInfoToWire(b.info) })),
    client: clientStatusToWire(h.client),
    at,
  };
}

export function lookupToWire(r: C.LookupResult): K.LookupView {
  return { id: r.id, by: r.by, messages: r.messages.map(messageToWire) };
}

export function queryToWire(r: C.QueryResult): K.QueryView {
  return { ...r, messages: r.messages.map(messageToWire) };
}

export function verifyToWire(v: C.VerifyResult, historyId: number): K.VerifyView {
  return {
    ok: v.ok,
    historyId,
    messages: v.messages.map((m) => ({ ...m, message: m.message && messageToWire(m.message) })),
  };
}

export function browseToWire(r: C.BrowseResult): K.BrowseView {
  return { ...r, messages: r.messages.map(messageToWire) };
}

export function consumedByToWire(r: C.ConsumedByResult): K.ConsumedByView {
  return {
    ...r,
    queueOffset: r.queueOffset.toString(),
    groups: r.groups.map((g) => ({ ...g, committedOffset: g.committedOffset?.toString() })),
  };
}
