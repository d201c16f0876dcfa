// Test support shared by the counting tests: generated inputs and independent reference models.
import fc from 'fast-check';
import type { WordCounts } from './word-count.js';

const utf8 = new TextEncoder();
const bytesOf = (text: string) => Array.from(utf8.encode(text));

/** Pieces that make chunk cuts interesting: multi-byte letters, marks, apostrophes, Go spaces, bad bytes. */
const fragments: fc.Arbitrary<number[]>[] = [
  fc.stringMatching(/^[a-zA-Z]{1,7}$/).map(bytesOf),
  fc.stringMatching(/^[0-9]{1,3}$/).map(bytesOf),
  fc.constantFrom("'", '\u2019', "''", ' ', '  ', '\n', '\t', '.', ',', '"', '?', '!', '-', '\r\n').map(bytesOf),
  fc
    .constantFrom('é', 'É', 'ß', 'ñ', 'Ж', 'дом', 'Σ', 'ΟΔΟΣ', 'λόγος', '中文', 'ﬁ', 'İ', '\u0301', 'e\u0301', '𝐀', '𝒳', '١٢', 'ǅ')
    .map(bytesOf),
  // Separators outside ASCII: emoji (4 bytes), Go's extra spaces, punctuation.
  fc.constantFrom('😀', '\u00a0', '\u0085', '\u2003', '\u3000', '\u2028', '—', '«', '\ufeff', '\ufffd').map(bytesOf),
  // Invalid UTF-8: lone continuation, truncated sequences, overlongs, surrogates, bytes never valid.
  fc.constantFrom([0x80], [0xbf], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xc1, 0x81], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xfe], [0xe0, 0x80, 0x80]),
];

/** A byte string mixing every kind of fragment, weighted towards words. */
export function textBytes(maxFragments = 40): fc.Arbitrary<Uint8Array> {
  const fragment = fc.oneof(
    { arbitrary: fragments[0], weight: 6 },
    { arbitrary: fragments[1], weight: 1 },
    { arbitrary: fragments[2], weight: 5 },
    { arbitrary: fragments[3], weight: 3 },
    { arbitrary: fragments[4], weight: 1 },
    { arbitrary: fragments[5], weight: 1 },
  );
  return fc.array(fragment, { maxLength: maxFragments }).map((parts) => Uint8Array.from(parts.flat()));
}

/** Cuts `bytes` at the given offsets (taken modulo the length, any order, duplicates allowed). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % (bytes.length + 1))))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(previous, offset));
    previous = offset;
  }
  return chunks;
}

/** Sorted entries, so two counts compare with one toEqual and a failure shows the difference. */
export function entries(counts: WordCounts): { bytes: number; totalWords: number; counts: [string, number][] } {
  return {
    bytes: counts.bytes,
    totalWords: counts.totalWords,
    counts: [...counts.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

function tally(words: Iterable<string>, bytes: number): WordCounts {
  const counts = new Map<string, number>();
  let totalWords = 0;
  for (const word of words) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
    totalWords++;
  }
  return { bytes, totalWords, counts };
}

const decodeWhole = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** The design's `unicode` rule as one regular expression over the whole decoded text. */
export function referenceUnicode(bytes: Uint8Array): WordCounts {
  const words = decodeWhole(bytes).match(/[\p{L}\p{M}\p{Nd}]+(?:['\u2019][\p{L}\p{M}\p{Nd}]+)*/gu) ?? [];
  return tally(
    words.map((word) => {
      const lower = word.toLowerCase();
      return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFC');
    }),
    bytes.length,
  );
}

/** The Go sample, transcribed: ScanWords, strings.ToLower, len(word) > 4, strings.Trim(word, `.,"'?!`). */
export function referenceClassic(bytes: Uint8Array): WordCounts {
  const goSpaces = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
  const isSpace = (c: number) => goSpaces.has(c) || (c >= 0x2000 && c <= 0x200a);
  const tokens: string[] = [];
  let token = '';
  for (const c of decodeWhole(bytes)) {
    if (isSpace(c.codePointAt(0)!)) {
      if (token) tokens.push(token);
      token = '';
    } else token += c;
  }
  if (token) tokens.push(token);
  const cut = '.,"\'?!';
  const words: string[] = [];
  for (const t of tokens) {
    const lower = t.toLowerCase();
    if (new TextEncoder().encode(lower).length <= 4) continue;
    let from = 0;
    let to = lower.length;
    while (from < to && cut.includes(lower[from])) from++;
    while (to > from && cut.includes(lower[to - 1])) to--;
    if (to > from) words.push(lower.slice(from, to));
  }
  return tally(words, bytes.length);
}
