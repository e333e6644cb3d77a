/**
 * "Copy as code": the composer's message as a Java DefaultMQProducer snippet, as RocketMQ's own
 * `mqadmin sendMessage` command, and as this project's CLI command. Pure functions of the request.
 */
import type { SendRequest } from '../../../../electron/common/api.js';

export interface SnippetInput {
  request: SendRequest;
  namesrvAddrs: string[];
  group: string;
}

/** POSIX shell single-quoting: safe for any content. */
export function shq(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function javaStr(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function keysOf(r: SendRequest): string[] {
  const k = r.message.keys;
  if (!k) return [];
  return Array.isArray(k) ? k : k.split(/\s+/).filter(Boolean);
}

export function javaSnippet({ request: r, namesrvAddrs, group }: SnippetInput): string {
  const m = r.message;
  const lines: string[] = [];
  lines.push(`DefaultMQProducer producer = new DefaultMQProducer(${javaStr(group)});`);
  lines.push(`producer.setNamesrvAddr(${javaStr(namesrvAddrs.join(';'))});`);
  lines.push('producer.start();');
  const bodyExpr =
    m.bodyFormat === 'hex'
      ? `HexFormat.of().parseHex(${javaStr(m.body.replace(/\s+/g, ''))})`
      : m.bodyFormat === 'base64'
        ? `Base64.getDecoder().decode(${javaStr(m.body.replace(/\s+/g, ''))})`
        : `${javaStr(m.body)}.getBytes(StandardCharsets.UTF_8)`;
  lines.push(`Message msg = new Message(${javaStr(m.topic)}, ${javaStr(m.tags ?? '')}, ${bodyExpr});`);
  const keys = keysOf(r);
  if (keys.length) lines.push(`msg.setKeys(Arrays.asList(${keys.map(javaStr).join(', ')}));`);
  for (const [k, v] of Object.entries(m.properties ?? {})) lines.push(`msg.putUserProperty(${javaStr(k)}, ${javaStr(v)});`);
  if (m.delayLevel) lines.push(`msg.setDelayTimeLevel(${m.delayLevel});`);
  const batch = r.batch ?? 1;
  const mode = r.mode ?? 'sync';
  const target = r.target ?? { kind: 'auto' };
  let send: string;
  let arg = 'msg';
  if (batch > 1) {
    lines.push(`List<Message> batch = new ArrayList<>();`);
    lines.push(`for (int i = 0; i < ${batch}; i++) batch.add(msg);`);
    arg = 'batch';
  }
  const callback =
    'new SendCallback() {\n  public void onSuccess(SendResult r) { System.out.println(r); }\n  public void onException(Throwable e) { e.printStackTrace(); }\n}';
  if (target.kind === 'queue') {
    const mq = `new MessageQueue(${javaStr(m.topic)}, ${javaStr(target.brokerName)}, ${target.queueId})`;
    send =
      mode === 'oneway'
        ? `producer.sendOneway(${arg}, ${mq});`
        : mode === 'async'
          ? `producer.send(${arg}, ${mq}, ${callback});`
          : `SendResult result = producer.send(${arg}, ${mq});`;
  } else if (target.kind === 'orderKey') {
    const sel = 'new SelectMessageQueueByHash()';
    send =
      mode === 'oneway'
        ? `producer.sendOneway(${arg}, ${sel}, ${javaStr(target.key)});`
        : mode === 'async'
          ? `producer.send(${arg}, ${sel}, ${javaStr(target.key)}, ${callback});`
          : `SendResult result = producer.send(${arg}, ${sel}, ${javaStr(target.key)});`;
  } else {
    send =
      mode === 'oneway'
        ? `producer.sendOneway(${arg});`
        : mode === 'async'
          ? `producer.send(${arg}, ${callback});`
          : `SendResult result = producer.send(${arg});`;
  }
  lines.push(send);
  if (mode === 'sync') lines.push('System.out.println(result);');
  lines.push('producer.shutdown();');
  return lines.join('\n');
}

/** RocketMQ's `mqadmin sendMessage` (topic, body, keys, tags, broker, queue; text bodies only). */
export function mqadminSnippet({ request: r, namesrvAddrs }: SnippetInput): string {
  const m = r.message;
  const parts = ['sh', 'bin/mqadmin', 'sendMessage', '-n', shq(namesrvAddrs.join(';')), '-t', shq(m.topic), '-p', shq(m.body)];
  const keys = keysOf(r);
  if (keys.length) parts.push('-k', shq(keys.join(' ')));
  if (m.tags) parts.push('-c', shq(m.tags));
  const target = r.target ?? { kind: 'auto' };
  if (target.kind === 'queue') parts.push('-b', shq(target.brokerName), '-i', String(target.queueId));
  const notes: string[] = [];
  if (Object.keys(m.properties ?? {}).length) notes.push('user properties');
  if (m.delayLevel) notes.push('delay level');
  if ((r.batch ?? 1) > 1) notes.push('batch');
  if ((r.mode ?? 'sync') !== 'sync') notes.push(`${r.mode} mode`);
  if (target.kind === 'orderKey') notes.push('order key');
  if (m.bodyFormat === 'hex' || m.bodyFormat === 'base64') notes.push(`${m.bodyFormat} body (sent as text)`);
  const cmd = parts.join(' ');
  return notes.length ? `# mqadmin sendMessage cannot express: ${notes.join(', ')}\n${cmd}` : cmd;
}

/** This project's CLI: `npm run cli -- send …`. */
export function cliSnippet({ request: r, namesrvAddrs, group }: SnippetInput): string {
  const m = r.message;
  const parts = ['npm', 'run', 'cli', '--', 'send', '--namesrv', shq(namesrvAddrs.join(';')), '--topic', shq(m.topic), '--body', shq(m.body)];
  if (m.tags) parts.push('--tag', shq(m.tags));
  for (const k of keysOf(r)) parts.push('--key', shq(k));
  for (const [k, v] of Object.entries(m.properties ?? {})) parts.push('--prop', shq(`${k}=${v}`));
  parts.push('--mode', r.mode ?? 'sync');
  const target = r.target ?? { kind: 'auto' };
  if (target.kind === 'queue') parts.push('--queue', shq(`${target.brokerName}:${target.queueId}`));
  if (target.kind === 'orderKey') parts.push('--order-key', shq(target.key));
  if ((r.batch ?? 1) > 1) parts.push('--batch', String(r.batch));
  if (m.delayLevel) parts.push('--delay', String(m.delayLevel));
  if (group) parts.push('--group', shq(group));
  const cmd = parts.join(' ');
  return m.bodyFormat === 'hex' || m.bodyFormat === 'base64' ? `# the CLI sends --body as UTF-8 text; decode the ${m.bodyFormat} body first\n${cmd}` : cmd;
}
