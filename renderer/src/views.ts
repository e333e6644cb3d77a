/** The workbench's views, in sidebar order. Each gets a feature folder when it is built. */
export const VIEWS = [
  { id: 'composer', label: 'Composer' },
  { id: 'topics', label: 'Topics' },
  { id: 'brokers', label: 'Brokers' },
  { id: 'live', label: 'Live' },
  { id: 'history', label: 'History' },
  { id: 'templates', label: 'Templates' },
  { id: 'profiles', label: 'Profiles' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
export interface NavItem {
  id: ViewId;
  label: string;
}
