/** A stored body shown every way a developer may need: text (UTF-8), pretty JSON, hex and base64. */
export type BodyView = 'text' | 'json' | 'hex' | 'base64';

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Hex dump, 16 bytes a line with offsets; capped so a 4 MiB body cannot freeze the view. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, maxBytes);
  for (let i = 0; i < n; i += 16) {
    const row = Array.from(bytes.subarray(i, Math.min(i + 16, n)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${row}`);
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
  return lines.join('\n');
}

export function prettyJson(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

export function renderBody(view: BodyView, bodyBase64: string, bodyText: string | undefined): string {
  switch (view) {
    case 'text':
      return bodyText ?? '(not valid UTF-8: see hex or base64)';
    case 'json':
      return prettyJson(bodyText) ?? '(not JSON)';
    case 'hex':
      return hexDump(base64ToBytes(bodyBase64));
    case 'base64':
      return bodyBase64;
  }
}
