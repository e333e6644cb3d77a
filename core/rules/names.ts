/** Topic, group and namespace names, as the Java client's Validators / TopicValidator check them. */

/** Characters allowed in a topic or producer group name: letters, digits, %, |, _ and -. */
export const NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
/** The same set in words, for messages. */
export const NAME_CHARS_TEXT = 'letters, digits, %, |, _ and -';
export const TOPIC_MAX_LENGTH = 127;
export const GROUP_MAX_LENGTH = 255;

/** A namespace is prefixed to topics with '%', so it may not contain '%' or '|' itself. */
export const NAMESPACE_PATTERN = /^[a-zA-Z0-9_-]*$/;
export const NAMESPACE_MAX_LENGTH = 255;

/** The name rule alone (length and characters); callers add their own blank and system-topic checks. */
export function isValidTopicName(topic: string): boolean {
  return topic.length > 0 && topic.length <= TOPIC_MAX_LENGTH && NAME_PATTERN.test(topic);
}
