/**
 * What a profile needs to reach a real cluster beyond NameServer addresses and keys: TLS (CA
 * bundle, client certificate and key, and the loudly marked "skip verification"), a NameServer
 * address server, and the producer's compression type and message trace. Shared by profiles and
 * profiles:test. Environment-neutral (zod and core/rules only): the host checks that the files
 * exist and are readable (electron/services/tls-files.ts).
 */
import { z } from 'zod';
import { NAME_CHARS_TEXT, NAME_PATTERN, TOPIC_MAX_LENGTH } from '../../core/rules/index.js';

/** RMQ_SYS_TRACE_TOPIC (TopicValidator): the trace topic unless a profile names another. */
export const DEFAULT_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';

/** The 5.x compression types (Java CompressionType); ZLIB is what every client reads. */
export const CompressionType = z.enum(['ZLIB', 'LZ4', 'ZSTD']);

/** A PEM file path on the host: checked for existence and readability when a connection is made. */
const pemPath = z
  .string()
  .trim()
  .min(1, 'a file path is required')
  .max(4096)
  .refine((s) => !s.includes('\0'), 'a file path cannot contain a NUL character');

export const ProfileTls = z
  .object({
    /** TLS to NameServers and brokers (RocketMQ server TLS, enforcing or permissive). */
    enabled: z.boolean().default(false),
    /** CA bundle the server's certificate must chain to; empty: the system's trusted CAs. */
    caFile: pemPath.optional(),
    /** Client certificate and key, both or neither (mutual TLS). */
    certFile: pemPath.optional(),
    keyFile: pemPath.optional(),
    /** DANGEROUS: accept any server certificate (no CA, no host-name check). Only with enabled. */
    insecureSkipVerify: z.boolean().default(false),
  })
  .strict()
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    message: 'give both the client certificate and its key, or neither',
    path: ['keyFile'],
  });

/** Java fetchNameServerAddr's endpoint: answers `host:port;host:port` as plain text. */
export const NamesrvAddressServer = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'the NameServer address server is an http:// or https:// URL, e.g. http://host:8080/rocketmq/nsaddr');

export const TraceTopic = z.string().trim().min(1).max(TOPIC_MAX_LENGTH).regex(NAME_PATTERN, `a trace topic uses ${NAME_CHARS_TEXT} only`);
