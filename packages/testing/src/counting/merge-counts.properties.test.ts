import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyCounts, mergeCounts, topWords, WordCounter, type WordCounts } from '@wordfreq/core';
import { textBytes } from './counting-arbitraries.js';
import { sortedCounts } from './sorted-counts.js';

const word = fc.constantFrom('a', 'b', 'c', 'the', 'dom', 'ß', 'é', 'z', 'x', '\ufb01', '𝐀');
const wordCounts: fc.Arbitrary<WordCounts> = fc
  .tuple(fc.array(fc.tuple(word, fc.integer({ min: 1, max: 5 })), { maxLength: 8 }), fc.nat(1000))
  .map(([pairs, extraBytes]) => {
    const counts = new Map<string, number>();
    for (const [w, n] of pairs) counts.set(w, (counts.get(w) ?? 0) + n);
    const totalWords = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return { bytes: totalWords + extraBytes, totalWords, counts };
  });

function countBytes(bytes: Uint8Array): WordCounts {
  const counter = new WordCounter();
  counter.write(bytes);
  return counter.end();
}

describe('mergeCounts', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(wordCounts, wordCounts, (a, b) => {
        expect(sortedCounts(mergeCounts(a, b))).toEqual(sortedCounts(mergeCounts(b, a)));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(wordCounts, wordCounts, wordCounts, (a, b, c) => {
        expect(sortedCounts(mergeCounts(mergeCounts(a, b), c))).toEqual(sortedCounts(mergeCounts(a, mergeCounts(b, c))));
      }),
    );
  });

  it('has emptyCounts() as identity and changes neither input', () => {
    fc.assert(
      fc.property(wordCounts, (a) => {
        const before = sortedCounts(a);
        expect(sortedCounts(mergeCounts(a, emptyCounts()))).toEqual(before);
        expect(sortedCounts(mergeCounts(emptyCounts(), a))).toEqual(before);
        expect(sortedCounts(a)).toEqual(before);
      }),
    );
  });

  it('merging the counts of pieces cut at word boundaries gives the counts and top-N of the whole', () => {
    const space = new TextEncoder().encode(' ');
    fc.assert(
      fc.property(fc.array(textBytes(12), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 6 }), (pieces, n) => {
        // A space between pieces is a word boundary in the whole, and is counted in the pieces' bytes.
        const separated = pieces.map((piece) => Uint8Array.from([...piece, ...space]));
        const whole = countBytes(Uint8Array.from(separated.flatMap((piece) => [...piece])));
        const merged = separated.map(countBytes).reduce(mergeCounts, emptyCounts());
        expect(sortedCounts(merged)).toEqual(sortedCounts(whole));
        expect(topWords(merged.counts, n)).toEqual(topWords(whole.counts, n));
      }),
      { numRuns: 200 },
    );
  });
});
