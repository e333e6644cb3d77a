/** Message bodies as the user types them (text, JSON, hex, base64) ↔ bytes. */
// The rules alone, not the whole client: this codec also serves previews and history.
import { base64SyntaxError, compactBase64, compactHex, hexSyntaxError, isBase64Url } from '../../core/rules/index.js';
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
    // The syntax is the composer's too (core/rules), so what it accepts the host accepts.
    case 'hex': {
      const error = hexSyntaxError(text);
      if (error) throw invalidInput(`body: ${error}`);
      return Buffer.from(compactHex(text), 'hex');
    }
    case 'base64': {
      const error = base64SyntaxError(text);
      if (error) throw invalidInput(`body: ${error}`);
      const clean = compactBase64(text);
      return Buffer.from(clean, isBase64Url(clean) ? 'base64url' : 'base64');
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
