/**
 * The names of every invoke channel and push event, and nothing else: the sandboxed preload builds
 * its allowlist from these lists without bundling the schemas. contract.ts checks at compile time
 * that these lists and its method/event maps name exactly the same channels.
 */

export const CHANNELS = [
  'app:info',
  'profiles:list',
  'profiles:get',
  'profiles:create',
  'profiles:update',
  'profiles:delete',
  'profiles:connect',
  'profiles:disconnect',
  'profiles:status',
  'profiles:test',
  'send:message',
  'send:preview',
  'send:variables',
  'history:search',
  'history:get',
  'history:delete',
  'history:getSettings',
  'history:setSettings',
  'history:stats',
  'history:count',
  'history:export',
  'replay:run',
  'templates:list',
  'templates:get',
  'templates:create',
  'templates:update',
  'templates:delete',
  'templates:duplicate',
  'templates:export',
  'templates:import',
  'bulk:start',
  'bulk:cancel',
  'bulk:status',
  'bulk:list',
  'datafile:choose',
  'datafile:inspect',
  'datafile:start',
  'datafile:rerunFailed',
  'datafile:cancel',
  'datafile:status',
  'live:snapshot',
  'ops:clusters',
  'ops:topics',
  'ops:route',
  'ops:topicStatus',
  'ops:createTopic',
  'ops:deleteTopic',
  'ops:health',
  'ops:clientStatus',
  'ops:watchHealth',
  'ops:unwatchHealth',
  'ops:lookup',
  'ops:queryByKey',
  'ops:verify',
  'browser:byTime',
  'browser:lastN',
  'browser:message',
  'browser:consumedBy',
  'tx:send',
  'tx:inbox',
  'tx:answer',
  'tx:getPolicy',
  'tx:setPolicy',
  'request:send',
  'history:timeline',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export const EVENTS = [
  /** Aggregated producer telemetry, at most 4 per second. */
  'live:tick',
  /** A topic's route changed (immediate). */
  'route:changed',
  /** A profile's connection state changed (immediate). */
  'profiles:state',
  /** A socket to a NameServer or broker opened or closed (immediate). */
  'connection:socket',
  /** Bulk run progress, then exactly one final event (type done | cancelled | failed). */
  'bulk:progress',
  /** Data-file run progress, then exactly one final event. */
  'datafile:progress',
  /** Broker health for an open ops:watchHealth. */
  'ops:healthUpdate',
  /** New rows in the history (batched), so a History view can refresh. */
  'history:changed',
  /** A transaction check arrived or was answered (the check-back inbox). */
  'tx:inbox',
] as const;

export type EventName = (typeof EVENTS)[number];

/** Splits a channel into its WorkbenchApi path: 'send:message' → ['send', 'message']. */
export function channelPath(channel: ChannelName): [domain: string, verb: string] {
  const i = channel.indexOf(':');
  return [channel.slice(0, i), channel.slice(i + 1)];
}

/** Prefix of event messages main sends with webContents.send, kept apart from invoke channels. */
export const EVENT_PREFIX = 'event:';
