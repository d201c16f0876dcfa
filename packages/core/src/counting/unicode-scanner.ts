import type { ByteWordTable } from './byte-word-table.js';
import { APOSTROPHE, WORD, asciiUnicodeClass, asciiWordByte, unicodeClassAboveAscii } from './char-classes.js';
import { INCOMPLETE, decodeUtf8At } from './utf8-decode.js';

/**
 * Adds every `unicode` word of `buf[from, to)` to `table`. The scan starts outside any word.
 *
 * When `final` is false and the bytes stop in the middle of something (a word, a UTF-8 sequence, an
 * apostrophe whose next character is not there yet), that thing is left uncounted and its start is
 * returned: the caller rescans from there once more bytes arrive. Otherwise returns `to`.
 *
 * Runs of ASCII letters and digits take a fast path that packs the folded bytes into integers while
 * scanning; words with apostrophes or non-ASCII characters take the general path.
 */
export function scanUnicode(buf: Uint8Array, from: number, to: number, final: boolean, table: ByteWordTable): number {
  const wordByte = asciiWordByte;
  let i = from;
  while (i < to) {
    const b = buf[i];
    if (wordByte[b] === 0) {
      // Between words: skip ASCII separators, stray apostrophes, non-word characters and invalid bytes.
      if (b < 0x80) {
        i++;
        continue;
      }
      const decoded = decodeUtf8At(buf, i, to);
      if (decoded < 0) {
        if (decoded !== INCOMPLETE) i += -decoded - 1;
        else if (!final) return i;
        else i = to;
        continue;
      }
      if (unicodeClassAboveAscii(decoded >> 3) !== WORD) {
        i += decoded & 7;
        continue;
      }
      const end = wordEnd(buf, i, to, final);
      if (end < 0) return i;
      table.add(buf, i, end);
      i = end;
      continue;
    }
    const start = i;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (;;) {
      const folded = wordByte[buf[i]];
      if (folded === 0) break;
      const n = i - start;
      if (n < 4) a0 = (a0 << 8) | folded;
      else if (n < 8) a1 = (a1 << 8) | folded;
      else if (n < 12) a2 = (a2 << 8) | folded;
      if (++i >= to) break;
    }
    if (i < to) {
      const c = buf[i];
      if (c >= 0x80 || c === 0x27) {
        // An apostrophe or a non-ASCII character may continue the word: finish it the general way.
        const end = wordEnd(buf, i, to, final);
        if (end < 0) return start;
        table.add(buf, start, end);
        i = end;
        continue;
      }
      table.addPacked(a0, a1, a2, i - start, buf, start);
      i++; // the byte that ended the word is an ASCII separator: step over it here
      continue;
    }
    if (!final) return start;
    table.addPacked(a0, a1, a2, i - start, buf, start);
  }
  return to;
}

/**
 * The end of the word that continues at `i`, or -1 when `final` is false and the bytes run out
 * before the end is certain. Handles everything: ASCII, multi-byte characters, inner apostrophes.
 */
function wordEnd(buf: Uint8Array, i: number, to: number, final: boolean): number {
  for (;;) {
    if (i >= to) return final ? i : -1;
    const c = buf[i];
    let kind: number;
    let width = 1;
    if (c < 0x80) {
      kind = asciiUnicodeClass[c];
    } else {
      const decoded = decodeUtf8At(buf, i, to);
      if (decoded < 0) return decoded === INCOMPLETE && !final ? -1 : i;
      kind = unicodeClassAboveAscii(decoded >> 3);
      width = decoded & 7;
    }
    if (kind === WORD) {
      i += width;
      continue;
    }
    if (kind !== APOSTROPHE) return i;
    // An apostrophe stays inside only when a word character follows it.
    const next = wordCharacterAt(buf, i + width, to);
    if (next === 1) {
      i += width;
      continue;
    }
    if (next === UNKNOWN && !final) return -1;
    return i;
  }
}

const UNKNOWN = -1;

/** 1 if a word character starts at `j`, 0 if something else does, UNKNOWN if the bytes run out first. */
function wordCharacterAt(buf: Uint8Array, j: number, to: number): number {
  if (j >= to) return UNKNOWN;
  const b = buf[j];
  if (b < 0x80) return asciiUnicodeClass[b] === WORD ? 1 : 0;
  const decoded = decodeUtf8At(buf, j, to);
  if (decoded === INCOMPLETE) return UNKNOWN;
  if (decoded < 0) return 0;
  return unicodeClassAboveAscii(decoded >> 3) === WORD ? 1 : 0;
}

/**
 * Continues the unfinished word `buf[0, carried)` over `buf[carried, to)` without rescanning it:
 * resumes at its last word character (before any trailing apostrophe or cut UTF-8 sequence). Adds the
 * word and returns its end, or returns -1 when it is still unfinished.
 */
export function continueUnicodeWord(buf: Uint8Array, carried: number, to: number, final: boolean, table: ByteWordTable): number {
  const end = wordEnd(buf, lastWordCharacterStart(buf, carried), to, final);
  if (end >= 0) table.add(buf, 0, end);
  return end;
}

/** Where the last whole word character of `buf[0, carried)` starts; 0 if none is found near the end. */
function lastWordCharacterStart(buf: Uint8Array, carried: number): number {
  let after = carried;
  // At most an apostrophe and a cut sequence trail the last word character.
  for (let step = 0; step < 3 && after > 0; step++) {
    let at = after - 1;
    while (at > 0 && after - at < 4 && (buf[at] & 0xc0) === 0x80) at--;
    const b = buf[at];
    if (b < 0x80) {
      if (asciiUnicodeClass[b] === WORD) return at;
    } else {
      const decoded = decodeUtf8At(buf, at, carried);
      if (decoded >= 0 && at + (decoded & 7) === after && unicodeClassAboveAscii(decoded >> 3) === WORD) return at;
    }
    after = at;
  }
  return 0;
}
