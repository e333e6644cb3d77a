/** Message bodies as the user types them (text, JSON, hex, base64) ↔ bytes. */
import type { BodyFormat } from '../common/contract.js';
import { invalidInput } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeBody(text: string, format: BodyFormat): Buffer {
  switch (format) {
    case 'text':
      return Buffer.from(text, 'utf8');
    case 'json':
      try {
        JSON.parse(text);
      } catch (e) {
        throw invalidInput(`body: not valid JSON (${e instanceof Error ? e.message : String(e)}); choose the text format to send it as is`);
      }
      return Buffer.from(text, 'utf8');
    case 'hex': {
      const clean = text.replace(/\s+/g, '').replace(/^0x/i, '');
      if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw invalidInput('body: not hex (pairs of 0-9, a-f; spaces allowed)');
      return Buffer.from(clean, 'hex');
    }
    case 'base64': {
      const clean = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) throw invalidInput('body: not base64');
      return Buffer.from(clean, clean.includes('-') || clean.includes('_') ? 'base64url' : 'base64');
    }
  }
}

/** The body as text when it is valid UTF-8, else undefined (show it as hex/base64). */
export function bodyAsText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What to index for search: the text, or the hex of binary bodies. */
export function searchableBody(bytes: Uint8Array, max = 4096): string {
  const slice = bytes.subarray(0, max);
  return bodyAsText(slice) ?? Buffer.from(slice).toString('hex');
}
