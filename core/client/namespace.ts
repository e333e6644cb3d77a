/** NamespaceUtil: `ns%name` wrapping of topics and groups, leaving system resources alone. */
import { isSystemTopic } from '../protocol/system-topics.js';

const RETRY = '%RETRY%';
const DLQ = '%DLQ%';

export function wrapNamespace(namespace: string | undefined, resource: string): string {
  if (!namespace || !resource) return resource;
  if (isSystemTopic(resource) && !resource.startsWith(RETRY) && !resource.startsWith(DLQ)) return resource;
  let prefix = '';
  let rest = resource;
  if (rest.startsWith(RETRY)) {
    prefix = RETRY;
    rest = rest.slice(RETRY.length);
  } else if (rest.startsWith(DLQ)) {
    prefix = DLQ;
    rest = rest.slice(DLQ.length);
  }
  if (rest.startsWith(`${namespace}%`)) return resource;
  return `${prefix}${namespace}%${rest}`;
}

export function withoutNamespace(namespace: string | undefined, resource: string): string {
  if (!namespace) return resource;
  const prefix = resource.startsWith(RETRY) ? RETRY : resource.startsWith(DLQ) ? DLQ : '';
  const rest = resource.slice(prefix.length);
  return rest.startsWith(`${namespace}%`) ? prefix + rest.slice(namespace.length + 1) : resource;
}
