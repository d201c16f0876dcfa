// fast-check arbitraries of the word counter's input: bytes where chunk cuts fall inside characters,
// words and apostrophes, with invalid UTF-8 among them.
import fc from 'fast-check';

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
