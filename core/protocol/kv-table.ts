/** KVTable body (`{"table":{"k":"v",…}}`), e.g. GET_BROKER_RUNTIME_INFO. Values are kept as strings. */
import { asObject, parseLenientJson, type LenientValue } from './lenient-json.js';

function text(v: LenientValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

export function parseKVTable(body: Buffer | string): Record<string, string> {
  const o = asObject(parseLenientJson(body), 'KVTable');
  const table = o.table == null ? {} : asObject(o.table, 'KVTable.table');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(table)) out[k] = text(v);
  return out;
}
