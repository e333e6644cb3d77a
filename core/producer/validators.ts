/**
 * Validation before any network I/O, as the Java Validators / TopicValidator do, with messages
 * a user can act on.
 */
import { ValidationError } from '../errors.js';
import { RESERVED_PROPERTY_NAMES } from '../protocol/message-properties.js';
import { NOT_ALLOWED_SEND_TOPICS } from '../protocol/system-topics.js';

export { isSystemTopic, NOT_ALLOWED_SEND_TOPICS, SYSTEM_TOPICS } from '../protocol/system-topics.js';

// Names and limits are shared with the host and the renderer: one definition, in core/rules.
import { DEFAULT_MAX_MESSAGE_SIZE, GROUP_MAX_LENGTH, NAME_PATTERN as VALID_CHARS, PROPERTIES_MAX_BYTES, TOPIC_MAX_LENGTH } from '../rules/index.js';
export { DEFAULT_MAX_MESSAGE_SIZE, GROUP_MAX_LENGTH, PROPERTIES_MAX_BYTES, TOPIC_MAX_LENGTH };

export function checkTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || topic.trim() === '') throw new ValidationError('The specified topic is blank: enter a topic name.');
  if (topic.length > TOPIC_MAX_LENGTH)
    throw new ValidationError(`The specified topic is longer than topic max length ${TOPIC_MAX_LENGTH} (it has ${topic.length} characters).`);
  if (!VALID_CHARS.test(topic)) {
    throw new ValidationError(`The specified topic '${topic}' contains illegal characters: only letters, digits, '%', '|', '-' and '_' are allowed.`);
  }
  if (NOT_ALLOWED_SEND_TOPICS.has(topic)) throw new ValidationError(`Sending message to topic '${topic}' is forbidden: it is a RocketMQ system topic.`);
}

export function checkGroup(group: unknown): asserts group is string {
  if (typeof group !== 'string' || group.trim() === '') throw new ValidationError('The specified producer group is blank.');
  if (group.length > GROUP_MAX_LENGTH) throw new ValidationError(`The specified group is longer than group max length ${GROUP_MAX_LENGTH}.`);
  if (!VALID_CHARS.test(group))
    throw new ValidationError(`The specified group '${group}' contains illegal characters: only letters, digits, '%', '|', '-' and '_' are allowed.`);
  if (group === 'DEFAULT_PRODUCER') throw new ValidationError("producerGroup can not equal 'DEFAULT_PRODUCER', please specify another one.");
}

export function checkBody(body: Buffer, maxMessageSize: number): void {
  if (body.length === 0) throw new ValidationError('The message body length is zero: a message needs a body.');
  if (body.length > maxMessageSize) {
    throw new ValidationError(`The message body size is over max value, MAX: ${maxMessageSize} bytes (this body has ${body.length}).`);
  }
}

export function checkUserProperties(props: Record<string, string> | undefined): void {
  if (!props) return;
  for (const [k, v] of Object.entries(props)) {
    if (k.trim() === '') throw new ValidationError('A message property has a blank name.');
    if (typeof v !== 'string' || v.trim() === '') throw new ValidationError(`Message property '${k}' has a blank value.`);
    if (RESERVED_PROPERTY_NAMES.has(k)) throw new ValidationError(`The property name '${k}' is reserved by RocketMQ; choose another name.`);
    // eslint-disable-next-line no-control-regex -- \u0001/\u0002 are the wire format's separators: finding them is the point
    if (/[\u0001\u0002]/.test(k) || /[\u0001\u0002]/.test(v))
      throw new ValidationError(`Message property '${k}' contains the control characters \\u0001 or \\u0002, which the wire format reserves.`);
  }
}

/** Returns the encoded byte length, which a batch needs anyway. */
export function checkPropertiesLength(encoded: string): number {
  const n = Buffer.byteLength(encoded, 'utf8');
  if (n > PROPERTIES_MAX_BYTES) throw new ValidationError(`The message properties are ${n} bytes, over the ${PROPERTIES_MAX_BYTES}-byte limit.`);
  return n;
}

export function checkDelayLevel(level: number | undefined): void {
  if (level === undefined) return;
  if (!Number.isInteger(level) || level < 0) throw new ValidationError(`Delay level must be an integer from 1 to 18 (got ${level}).`);
}
