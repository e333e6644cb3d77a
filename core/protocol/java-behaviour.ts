/**
 * Which Java client a version-dependent detail follows. The producer config's `behaviour` switch
 * passes its value down to the protocol helpers that differ between 4.9.8 and 5.x (system-topic
 * set for namespaces, message-id address choice, batch member properties).
 */
export type JavaBehaviour = 'java-5' | 'java-4.9';

/** The newest client is the default where a caller does not say. */
export const DEFAULT_JAVA_BEHAVIOUR: JavaBehaviour = 'java-5';
