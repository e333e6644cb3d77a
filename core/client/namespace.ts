/**
 * NamespaceUtil (same in 4.9.8 and 5.x): `ns%name` wrapping of topics and groups. A resource is
 * left alone when it is a system resource — TopicValidator.isSystemTopic (fixed set + `rmq_sys_`)
 * or a `CID_RMQ_SYS_` group — or already carries the namespace. `%RETRY%` / `%DLQ%` stay in
 * front: `%RETRY%g` → `%RETRY%ns%g`. Nothing else is special: `ORDERS_REPLY_TOPIC` or
 * `RMQ_SYS_X` are user topics and are wrapped, as the Java client wraps them.
 */
import type { JavaBehaviour } from '../protocol/java-behaviour.js';
import { isSystemTopic } from '../protocol/system-topics.js';

const RETRY = '%RETRY%';
const DLQ = '%DLQ%';
/** MixAll.CID_RMQ_SYS_PREFIX (MixAll.isSysConsumerGroup). */
const CID_RMQ_SYS_PREFIX = 'CID_RMQ_SYS_';
const NAMESPACE_SEPARATOR = '%';

/** NamespaceUtil.isSystemResource. */
export function isSystemResource(resource: string, behaviour?: JavaBehaviour): boolean {
  return resource !== '' && (isSystemTopic(resource, behaviour) || resource.startsWith(CID_RMQ_SYS_PREFIX));
}

function retryOrDlqPrefix(resource: string): string {
  return resource.startsWith(RETRY) ? RETRY : resource.startsWith(DLQ) ? DLQ : '';
}

/** NamespaceUtil.wrapNamespace. `behaviour` picks 4.9.8's or 5.x's system-topic set (default 5.x). */
export function wrapNamespace(namespace: string | undefined, resource: string, behaviour?: JavaBehaviour): string {
  if (!namespace || !resource) return resource;
  if (isSystemResource(resource, behaviour)) return resource;
  const prefix = retryOrDlqPrefix(resource);
  const rest = resource.slice(prefix.length);
  if (rest.startsWith(namespace + NAMESPACE_SEPARATOR)) return resource; // isAlreadyWithNamespace
  return `${prefix}${namespace}${NAMESPACE_SEPARATOR}${rest}`;
}

/** NamespaceUtil.withoutNamespace(resource, namespace): strips only this namespace. */
export function withoutNamespace(namespace: string | undefined, resource: string, behaviour?: JavaBehaviour): string {
  if (!namespace || !resource) return resource;
  const prefix = retryOrDlqPrefix(resource);
  const rest = resource.slice(prefix.length);
  if (!rest.startsWith(namespace + NAMESPACE_SEPARATOR)) return resource;
  // Java then strips up to the first separator, unless the whole resource is a system resource
  // (possible only with a namespace that itself starts with `rmq_sys_` or `CID_RMQ_SYS_`).
  if (isSystemResource(resource, behaviour)) return resource;
  return prefix + rest.slice(rest.indexOf(NAMESPACE_SEPARATOR) + 1);
}
