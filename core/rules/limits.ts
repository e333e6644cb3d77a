/** Size limits of a message, as a 5.x broker enforces them by default. */

/** Broker's maxMessageSize default and the producer's: 4 MiB of body. */
export const DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
/** Encoded properties are written with a 2-byte length on the wire (Java: Short.MAX_VALUE). */
export const PROPERTIES_MAX_BYTES = 32767;

/** UTF-8 byte length without Buffer, so the renderer and core count the same bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP character, or a lone surrogate (encoded as U+FFFD, 3 bytes)
  }
  return n;
}
