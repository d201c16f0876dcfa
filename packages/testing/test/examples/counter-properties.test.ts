import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, type CountOptions } from '@wordfreq/core';
import { referenceWordCounts, sortedCounts, splitAt, textBytes } from '@wordfreq/testing';

const options = fc.record({
  preset: fc.constantFrom('unicode' as const, 'classic' as const),
  minLength: fc.nat(3),
  stopWords: fc.constant('en' as const),
}) satisfies fc.Arbitrary<CountOptions>;

describe('counting my chunked input', () => {
  it('gives the reference model\'s counts, wherever the chunks are cut', async () => {
    await fc.assert(
      fc.asyncProperty(textBytes(), fc.array(fc.nat()), options, async (bytes, cuts, opts) => {
        // splitAt cuts inside UTF-8 sequences, words and apostrophes: a counter must carry them over.
        const counts = await countWords(splitAt(bytes, cuts), opts);
        expect(sortedCounts(counts)).toEqual(sortedCounts(referenceWordCounts(bytes, opts)));
      }),
    );
  });
});
