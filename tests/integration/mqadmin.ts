/** Reads messages back with RocketMQ's own mqadmin, parsing its "Name:   value" report. */
import { readFileSync } from 'node:fs';
import { mqadmin } from '../cluster/cluster.js';

export interface MqadminMessage {
  fields: Record<string, string>;
  properties: Record<string, string>;
  body: Buffer | undefined;
}

/** Parses mqadmin's `{A=b, C=d}` property map (values never contain ", " in our tests). */
function parseProps(s: string): Record<string, string> {
  const inner = s.trim().replace(/^\{/, '').replace(/\}$/, '');
  const out: Record<string, string> = {};
  for (const part of inner.split(', ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

export function queryMsgById(topic: string, offsetMsgId: string): MqadminMessage {
  const r = mqadmin(['queryMsgById', '-t', topic, '-i', offsetMsgId]);
  if (r.status !== 0) throw new Error(`mqadmin queryMsgById failed (${r.status}): ${r.stderr || r.stdout}`);
  const fields: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]+?):\s+(.*)$/.exec(line);
    if (m) fields[m[1]!.trim()] = m[2]!.trim();
  }
  if (!fields.Topic) throw new Error(`mqadmin printed no message for ${offsetMsgId}:\n${r.stdout}\n${r.stderr}`);
  const path = fields['Message Body Path'];
  let body: Buffer | undefined;
  try {
    body = path ? readFileSync(path) : undefined;
  } catch {
    body = undefined;
  }
  return { fields, properties: parseProps(fields.Properties ?? '{}'), body };
}
