/**
 * The text forms a body may be typed in, other than text and JSON: hex and base64. One syntax for
 * the composer's immediate check and the host's encoder, so both accept exactly the same input
 * (whitespace ignored everywhere; hex may start with 0x; base64 may be standard or URL-safe).
 */

const HEX_DIGITS = /^[0-9a-fA-F]*$/;
/** Standard (+/) or URL-safe (-_) alphabet, optional = padding; not both alphabets' specials mixed in padding. */
const BASE64_CHARS = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** The hex digits of a hex body: whitespace and one leading 0x removed. */
export function compactHex(text: string): string {
  return text.replace(/\s+/g, '').replace(/^0x/i, '');
}

/** Why a hex body is not valid, or undefined. */
export function hexSyntaxError(text: string): string | undefined {
  const clean = compactHex(text);
  if (!HEX_DIGITS.test(clean)) return 'not hex: only 0-9 and a-f are allowed (spaces and a leading 0x are ignored)';
  if (clean.length % 2 !== 0) return 'not hex: an odd number of digits — every byte needs two';
  return undefined;
}

/** The characters of a base64 body: whitespace removed. */
export function compactBase64(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Why a base64 body is not valid, or undefined. */
export function base64SyntaxError(text: string): string | undefined {
  const clean = compactBase64(text);
  if (!BASE64_CHARS.test(clean) || clean.replace(/=+$/, '').length % 4 === 1)
    return 'not base64: use A–Z, a–z, 0–9, + and / (or the URL-safe - and _), with optional = padding';
  return undefined;
}

/** Whether a compact base64 body uses the URL-safe alphabet. */
export function isBase64Url(clean: string): boolean {
  return clean.includes('-') || clean.includes('_');
}

/** Bytes a valid compact base64 body decodes to. */
export function base64DecodedLength(clean: string): number {
  const data = clean.replace(/=+$/, '').length;
  return Math.floor((data * 3) / 4);
}
