import type { ByteWordTable } from './byte-word-table.js';
import { NON_ASCII_BYTE, SPACE_BYTE, TOKEN_BYTE, classicByteKind, classicTrimByte, isGoSpaceAboveAscii } from './char-classes.js';
import { INCOMPLETE, decodeUtf8At } from './utf8-decode.js';
import { utf8Length } from './utf8-length.js';

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
  const kinds = classicByteKind;
  let i = from;
  while (i < to) {
    const kind = kinds[buf[i]];
    if (kind === SPACE_BYTE) {
      i++;
      continue;
    }
    const start = i;
    if (kind === TOKEN_BYTE) {
      let next = SPACE_BYTE;
      while (++i < to && (next = kinds[buf[i]]) === TOKEN_BYTE);
      if (i >= to) {
        if (!final) return start;
      } else if (next === NON_ASCII_BYTE) {
        const end = tokenEnd(buf, i, to, final);
        if (end < 0) return start;
        if (end > i) {
          table.add(buf, start, end);
          i = end;
          continue;
        }
        // It stopped at a non-ASCII space, so it is an ASCII token after all.
      }
      const end = i;
      if (next === SPACE_BYTE && i < to) i++; // step over the ASCII space that ended the token here
      // A whole ASCII token: lower-casing keeps its length, so the Go rules apply to the bytes.
      if (end - start > 4) {
        let first = start;
        let last = end;
        // One test for the common case of nothing to trim, instead of two loops per token.
        if ((classicTrimByte[buf[first]] | classicTrimByte[buf[last - 1]]) !== 0) {
          while (first < last && classicTrimByte[buf[first]] === 1) first++;
          while (last > first && classicTrimByte[buf[last - 1]] === 1) last--;
        }
        if (first < last) table.add(buf, first, last);
      }
      continue;
    }
    const decoded = decodeUtf8At(buf, i, to);
    if (decoded === INCOMPLETE && !final) return i;
    if (decoded >= 0 && isGoSpaceAboveAscii(decoded >> 3)) {
      i += decoded & 7;
      continue;
    }
    const end = tokenEnd(buf, i, to, final);
    if (end < 0) return start;
    table.add(buf, start, end);
    i = end;
  }
  return to;
}

/** The end of the token that continues at `i`, or -1 when `final` is false and the bytes run out first. */
function tokenEnd(buf: Uint8Array, i: number, to: number, final: boolean): number {
  for (;;) {
    if (i >= to) return final ? i : -1;
    const kind = classicByteKind[buf[i]];
    if (kind === TOKEN_BYTE) {
      i++;
      continue;
    }
    if (kind === SPACE_BYTE) return i;
    const decoded = decodeUtf8At(buf, i, to);
    if (decoded >= 0) {
      if (isGoSpaceAboveAscii(decoded >> 3)) return i;
      i += decoded & 7;
    } else if (decoded !== INCOMPLETE) {
      i += -decoded - 1; // invalid bytes belong to the token, as in Go
    } else if (!final) {
      return -1;
    } else {
      return to;
    }
  }
}

/**
 * Continues the unfinished token `buf[0, carried)` over `buf[carried, to)` without rescanning it:
 * resumes at the start of its last (possibly cut) UTF-8 sequence. Adds the token and returns its end,
 * or returns -1 when it is still unfinished.
 */
export function continueClassicToken(buf: Uint8Array, carried: number, to: number, final: boolean, table: ByteWordTable): number {
  let from = carried - 1;
  while (from > 0 && carried - from < 4 && (buf[from] & 0xc0) === 0x80) from--;
  const end = tokenEnd(buf, from, to, final);
  if (end < 0) return end;
  let ascii = true;
  for (let k = 0; k < end && ascii; k++) ascii = buf[k] < 0x80;
  if (!ascii) {
    table.add(buf, 0, end);
  } else if (end > 4) {
    let first = 0;
    let last = end;
    while (first < last && classicTrimByte[buf[first]] === 1) first++;
    while (last > first && classicTrimByte[buf[last - 1]] === 1) last--;
    if (first < last) table.add(buf, first, last);
  }
  return end;
}

const trimmed = /^[.,"'?!]+|[.,"'?!]+$/g;

/** Finishes a raw non-ASCII token: lower-case, skip if 4 UTF-8 bytes or fewer, trim; '' when dropped. */
export function finishClassicToken(token: string): string {
  const lower = token.toLowerCase();
  if (utf8Length(lower) <= 4) return '';
  return lower.replace(trimmed, '');
}
