/**
 * verify(sendResult): reads a just-sent message (or every member of a batch) back with
 * VIEW_MESSAGE_BY_ID and checks it is stored where the SendResult says — topic, queue, queue
 * offset, client id and broker — and, when the sent message is given, with the same body, tags,
 * keys and user properties.
 */
import { wrapNamespace } from '../client/namespace.js';
import { bodyBytes, keysString, type Message, type SendResult } from '../producer/message.js';
import { MessageConst } from '../protocol/message-properties.js';
import { toFailure, type AdminFailure } from './admin-errors.js';
import { fetchClusterInfo, type AdminContext } from './context.js';
import { viewMessage, type MessageView } from './message-lookup.js';

export interface VerifyCheck {
  field: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export interface VerifiedMessage {
  msgId: string;
  offsetMsgId: string;
  ok: boolean;
  checks: VerifyCheck[];
  message?: MessageView | undefined;
  error?: AdminFailure | undefined;
}

export interface VerifyResult {
  ok: boolean;
  messages: VerifiedMessage[];
}

function check(field: string, expected: unknown, actual: unknown): VerifyCheck {
  const e = String(expected);
  const a = String(actual);
  return { field, expected: e, actual: a, ok: e === a };
}

function compareSent(m: MessageView, sent: Message): VerifyCheck[] {
  const out: VerifyCheck[] = [];
  const body = bodyBytes(sent.body);
  out.push({
    field: 'body',
    expected: `${body.length} bytes`,
    actual: `${m.body.length} bytes${m.bodyDecompressed ? '' : ` (still ${m.compression}-compressed)`}`,
    ok: m.bodyDecompressed && body.equals(m.body),
  });
  if (sent.tags !== undefined) out.push(check('tags', sent.tags, m.tags ?? ''));
  const keys = keysString(sent.keys);
  if (keys !== undefined) out.push(check('keys', keys, m.properties[MessageConst.KEYS] ?? ''));
  for (const [k, v] of Object.entries(sent.properties ?? {})) out.push(check(`property ${k}`, v, m.properties[k] ?? ''));
  return out;
}

/**
 * @param sent the message (or batch) that was sent, to compare content too.
 * @param namespace the producer's namespace, if any (stored topics carry it, SendResult topics do not).
 */
export async function verifySend(ctx: AdminContext, result: SendResult, sent?: Message | Message[], namespace?: string): Promise<VerifyResult> {
  const msgIds = result.msgId.split(',');
  const offsetIds = result.offsetMsgId.split(',');
  const sentList = sent === undefined ? [] : Array.isArray(sent) ? sent : [sent];
  const brokerAddrs = new Set<string>();
  try {
    const info = (await fetchClusterInfo(ctx)).value;
    for (const b of info.brokers) if (b.brokerName === result.messageQueue.brokerName) for (const a of b.brokerAddrs.values()) brokerAddrs.add(a);
  } catch {
    // Without cluster info the broker check falls back to the address the send went to.
  }
  if (brokerAddrs.size === 0 && result.brokerAddr) brokerAddrs.add(result.brokerAddr);
  const topic = wrapNamespace(namespace, result.messageQueue.topic);

  const messages = await Promise.all(
    offsetIds.map(async (offsetMsgId, i): Promise<VerifiedMessage> => {
      const msgId = msgIds[i] ?? '';
      try {
        const m = await viewMessage(ctx, offsetMsgId, topic, result.brokerAddr);
        const checks = [
          check('topic', topic, m.topic),
          check('queueId', result.messageQueue.queueId, m.queueId),
          check('queueOffset', result.queueOffset + BigInt(i), m.queueOffset),
          check('msgId (UNIQ_KEY)', msgId, m.properties[MessageConst.UNIQ_KEY] ?? ''),
          {
            field: 'broker',
            expected: `${result.messageQueue.brokerName} (${[...brokerAddrs].join(', ')})`,
            actual: m.storeHost,
            ok: brokerAddrs.has(m.storeHost),
          },
        ];
        const s = sentList[i];
        if (s) checks.push(...compareSent(m, s));
        return { msgId, offsetMsgId, ok: checks.every((c) => c.ok), checks, message: { ...m, brokerName: result.messageQueue.brokerName } };
      } catch (e) {
        return { msgId, offsetMsgId, ok: false, checks: [], error: toFailure(result.brokerAddr, e, result.messageQueue.brokerName) };
      }
    }),
  );
  return { ok: messages.length > 0 && messages.every((m) => m.ok), messages };
}
