/** The workbench's views, in sidebar order; each lives in its feature folder. */
export const VIEWS = [
  { id: 'composer', label: 'Composer', hint: 'compose and send a message' },
  { id: 'topics', label: 'Topics & routes', hint: 'topics, routes, queue offsets' },
  { id: 'brokers', label: 'Brokers & health', hint: 'clusters, brokers, runtime figures' },
  { id: 'live', label: 'Live', hint: 'latency, retries, fault window' },
  { id: 'runner', label: 'Load runner', hint: 'bulk and data-file runs' },
  { id: 'history', label: 'History', hint: 'every send, replay' },
  { id: 'transactions', label: 'Transactions', hint: 'check-back inbox, check policy' },
  { id: 'browser', label: 'Message browser', hint: 'stored messages by time or queue, consumed by' },
  { id: 'templates', label: 'Templates', hint: 'saved messages' },
  { id: 'profiles', label: 'Profiles', hint: 'connections to clusters' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
export interface NavItem {
  id: ViewId;
  label: string;
}
