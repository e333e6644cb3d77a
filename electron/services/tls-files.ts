/**
 * The host's check of a profile's TLS files before a connection is tried: each named file must
 * exist, be a regular file, be readable, and hold PEM text. Each failure is one sentence naming the
 * field and the path (Node's "PEM routines::no start line" tells a user nothing), raised as a
 * TLS_EXCEPTION error at Test connection and at connect — never an uncaught exception.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ClientErrorCode, type ClientConfig } from '../../core/index.js';
import type { ProfileTls } from '../common/contract.js';
import { HostError } from './errors.js';

const FIELDS = [
  ['caFile', 'CA bundle'],
  ['certFile', 'client certificate'],
  ['keyFile', 'client key'],
] as const;

/** Reads at most the first 64 KiB: enough to find a PEM header without loading a huge wrong file. */
function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** The problem with one file, or undefined when it is a readable PEM file. */
export function pemFileProblem(path: string, what: string): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return `TLS ${what} ${path} is a folder, not a file`;
    if (!st.isFile()) return `TLS ${what} ${path} is not a regular file`;
    if (!head(path).includes('-----BEGIN ')) return `TLS ${what} ${path} is not a PEM file (no "-----BEGIN" line)`;
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `TLS ${what} ${path}: no such file`;
    if (code === 'EACCES' || code === 'EPERM') return `TLS ${what} ${path}: permission denied (the workbench cannot read it)`;
    return `TLS ${what} ${path}: ${(e as Error).message}`;
  }
}

/** The first problem with the profile's TLS files, or undefined (also when TLS is off). */
export function tlsFilesProblem(tls: ProfileTls | undefined): string | undefined {
  if (!tls?.enabled) return undefined;
  for (const [field, what] of FIELDS) {
    const path = tls[field];
    if (path === undefined) continue;
    const problem = pemFileProblem(path, what);
    if (problem) return problem;
  }
  return undefined;
}

/** Throws a TLS_EXCEPTION error when a TLS file is missing, unreadable or not PEM. */
export function assertTlsFiles(tls: ProfileTls | undefined): void {
  const problem = tlsFilesProblem(tls);
  if (problem) throw new HostError('TlsError', ClientErrorCode.TLS_EXCEPTION, problem);
}

/** A profile's TLS as core's ClientConfig.tls (undefined when off). */
export function toCoreTls(tls: ProfileTls | undefined): ClientConfig['tls'] {
  if (!tls?.enabled) return undefined;
  return { caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile, insecureSkipVerify: tls.insecureSkipVerify };
}
