import type { ByteWordTable } from './byte-word-table.js';
import { asciiGoSpace, classicTrimByte, isGoSpaceAboveAscii } from './char-classes.js';
import { INCOMPLETE, decodeUtf8At } from './utf8-decode.js';

/**
 * Adds every `classic` token of `buf[from, to)` to `table`: tokens are runs of anything but Go's
 * white space (invalid bytes included, as in Go). Same contract as scanUnicode for `final` and the
 * returned restart position.
 *
 * ASCII tokens are finished here (length test, trimming) so the table holds final words. A token with
 * a non-ASCII byte is stored raw and finished by `finishClassicToken` once per distinct token, since
 * lower-casing outside ASCII can change its length in bytes.
 */
export function scanClassic(buf: Uint8Array, from: number, to: number, final: boolean, table: ByteWordTable): number {
  let i = from;
  while (i < to) {
    const b = buf[i];
    if (b < 0x80) {
      if (asciiGoSpace[b] === 1) {
        i++;
        continue;
      }
    } else {
      const decoded = decodeUtf8At(buf, i, to);
      if (decoded === INCOMPLETE && !final) return i;
      if (decoded >= 0 && isGoSpaceAboveAscii(decoded >> 3)) {
        i += decoded & 7;
        continue;
      }
    }
    const start = i;
    let ascii = true;
    for (;;) {
      if (i >= to) {
        if (!final) return start;
        break;
      }
      const c = buf[i];
      if (c < 0x80) {
        if (asciiGoSpace[c] === 1) break;
        i++;
        continue;
      }
      const decoded = decodeUtf8At(buf, i, to);
      if (decoded >= 0 && isGoSpaceAboveAscii(decoded >> 3)) break;
      ascii = false;
      if (decoded >= 0) {
        i += decoded & 7;
      } else if (decoded !== INCOMPLETE) {
        i += -decoded - 1;
      } else if (!final) {
        return start;
      } else {
        i = to;
      }
    }
    if (!ascii) {
      table.add(buf, start, i);
    } else if (i - start > 4) {
      let first = start;
      let last = i;
      while (first < last && classicTrimByte[buf[first]] === 1) first++;
      while (last > first && classicTrimByte[buf[last - 1]] === 1) last--;
      if (first < last) table.add(buf, first, last);
    }
  }
  return to;
}

const trimmed = /^[.,"'?!]+|[.,"'?!]+$/g;

/** Finishes a raw non-ASCII token: lower-case, skip if 4 UTF-8 bytes or fewer, trim; '' when dropped. */
export function finishClassicToken(token: string): string {
  const lower = token.toLowerCase();
  if (utf8Length(lower) <= 4) return '';
  return lower.replace(trimmed, '');
}

function utf8Length(text: string): number {
  let length = 0;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && k + 1 < text.length) {
      length += 4;
      k++;
    } else length += 3;
  }
  return length;
}
