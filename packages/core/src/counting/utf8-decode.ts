/**
 * Decodes the UTF-8 sequence whose lead byte (>= 0x80) is at `buf[i]`, looking no further than `to`.
 *
 * Returns `cp * 8 + length` for a valid sequence, INCOMPLETE when the bytes so far are a valid
 * prefix cut off by `to`, or `-(1 + k)` for an invalid sequence whose maximal valid prefix is `k`
 * bytes (the WHATWG decoder's unit of replacement: scanning resumes at the byte that broke it).
 * Overlong forms, surrogates and code points above U+10FFFF are invalid, exactly as TextDecoder has it.
 */
export const INCOMPLETE = -1;

export function decodeUtf8At(buf: Uint8Array, i: number, to: number): number {
  const b0 = buf[i];
  if (b0 < 0xc2 || b0 > 0xf4) return -2;
  if (i + 1 >= to) return INCOMPLETE;
  const b1 = buf[i + 1];
  if (b0 < 0xe0) {
    if ((b1 & 0xc0) !== 0x80) return -2;
    return (((b0 & 0x1f) << 6) | (b1 & 0x3f)) * 8 + 2;
  }
  // The second byte's range depends on the lead byte: it is what rules out overlongs, surrogates and > U+10FFFF.
  const low = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
  const high = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < low || b1 > high) return -2;
  if (i + 2 >= to) return INCOMPLETE;
  const b2 = buf[i + 2];
  if ((b2 & 0xc0) !== 0x80) return -3;
  if (b0 < 0xf0) return (((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)) * 8 + 3;
  if (i + 3 >= to) return INCOMPLETE;
  const b3 = buf[i + 3];
  if ((b3 & 0xc0) !== 0x80) return -4;
  return (((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)) * 8 + 4;
}
