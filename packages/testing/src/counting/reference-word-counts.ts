import { englishStopWords, type Preset, type WordCounts } from '@wordfreq/core';

/** What the reference model understands of `CountOptions` (`top` does not change the counts). */
export interface ReferenceOptions {
  readonly preset?: Preset;
  readonly minLength?: number;
  readonly stopWords?: 'en' | Iterable<string>;
}

// Go's unicode.IsSpace, which bufio.ScanWords splits on in the Go sample.
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** Case folding of the design: toLowerCase, then NFC (which leaves ASCII as it is). */
const fold = (word: string) => word.toLowerCase().normalize('NFC');

/** The `unicode` rule: runs of letters, marks and decimal digits, an apostrophe kept between two of them. */
function unicodeWords(text: string): string[] {
  return (text.match(/[\p{L}\p{M}\p{Nd}]+(?:['\u2019][\p{L}\p{M}\p{Nd}]+)*/gu) ?? []).map(fold);
}

/** The Go sample: split on white space, lower-case, skip tokens of 4 UTF-8 bytes or fewer, trim `.,"'?!`. */
function classicWords(text: string): string[] {
  return text
    .split(goSpace)
    .map((token) => token.toLowerCase())
    .filter((token) => new TextEncoder().encode(token).length > 4)
    .map((token) => token.replace(/^[.,"'?!]+|[.,"'?!]+$/g, ''))
    .filter((word) => word.length > 0);
}

/**
 * A deliberately simple, obviously-correct model of wordfreq's word rules (`unicode` and `classic`)
 * and of the `minLength` and `stopWords` filters: it decodes the whole input at once (invalid bytes
 * become U+FFFD, a separator) and applies the design's rules with a regular expression, a string at a
 * time. Far too slow to ship; made to property-test a counter against, whatever its chunking.
 */
export function referenceWordCounts(bytes: Uint8Array, options: ReferenceOptions = {}): WordCounts {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const stopWords = new Set([...(options.stopWords === 'en' ? englishStopWords : options.stopWords ?? [])].map(fold));
  const minLength = options.minLength ?? 0;
  const words = (options.preset === 'classic' ? classicWords(text) : unicodeWords(text)).filter(
    (word) => [...word].length >= minLength && !stopWords.has(word),
  );
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { bytes: bytes.length, totalWords: words.length, counts };
}
