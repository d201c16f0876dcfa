// The word counter's properties: the same counts however the input is cut into chunks, and the same
// counts as the reference model of the design's rules. They run here, against @wordfreq/core as
// published, because the arbitraries and the model are this package's (core cannot depend on it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordCounter, type CountOptions } from '@wordfreq/core';
import { splitAt, textBytes } from './counting-arbitraries.js';
import { referenceWordCounts } from './reference-word-counts.js';
import { sortedCounts } from './sorted-counts.js';

const utf8 = new TextEncoder();
const referenceUnicode = (bytes: Uint8Array) => referenceWordCounts(bytes);
const referenceClassic = (bytes: Uint8Array) => referenceWordCounts(bytes, { preset: 'classic' });

function count(chunks: Iterable<Uint8Array>, options?: CountOptions) {
  const counter = new WordCounter(options);
  for (const chunk of chunks) counter.write(chunk);
  return counter.end();
}

const words = (text: string | Uint8Array, options?: CountOptions) =>
  Object.fromEntries(count([typeof text === 'string' ? utf8.encode(text) : text], options).counts);

describe('WordCounter, unicode preset', () => {
  it('counts a word cut inside a multi-byte character once', () => {
    const bytes = utf8.encode('naïve Ж𝐀');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(sortedCounts(count([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual(sortedCounts(count([bytes])));
    }
    expect(words(bytes)).toEqual({ 'naïve': 1, 'ж𝐀': 1 });
  });

  it('handles words far longer than any packed key', () => {
    const long = 'abcdefghij'.repeat(100);
    const text = `${long} ${long.toUpperCase()} ${long}x`;
    const bytes = utf8.encode(text);
    // Over the default word-length cap (which skips such tokens), so the cap is raised here.
    const options = { maxWordBytes: 4096 };
    expect(words(text, options)).toEqual({ [long]: 2, [long + 'x']: 1 });
    expect(sortedCounts(count(splitAt(bytes, [7, 500, 1001, 1500, 2500]), options))).toEqual(sortedCounts(count([bytes], options)));
  });

  it('counts the same however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(textBytes(), fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        expect(sortedCounts(count(splitAt(bytes, cuts)))).toEqual(sortedCounts(count([bytes])));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the one-regex reference model of the design', () => {
    fc.assert(
      fc.property(textBytes(), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        expect(sortedCounts(count(splitAt(bytes, cuts)))).toEqual(sortedCounts(referenceUnicode(bytes)));
      }),
      { numRuns: 500 },
    );
  });

  // This compared with a second, streaming "simple" counter in core; the reference model now takes
  // the options too, so one model of the rules serves both presets and the filters.
  it('agrees with the reference model for both presets with minLength and stop words', () => {
    const options = fc.record(
      {
        preset: fc.constantFrom<'unicode' | 'classic'>('unicode', 'classic'),
        minLength: fc.nat(4),
        stopWords: fc.oneof(fc.constant<'en'>('en'), fc.array(fc.constantFrom('the', 'ABC', 'é', 'Straße', 'don\'t', 'ωμέγα'), { maxLength: 4 })),
      },
      { requiredKeys: ['preset'] },
    );
    fc.assert(
      fc.property(textBytes(), fc.array(fc.nat(), { maxLength: 6 }), options, (bytes, cuts, opts) => {
        expect(sortedCounts(count(splitAt(bytes, cuts), opts))).toEqual(sortedCounts(referenceWordCounts(bytes, opts)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WordCounter, classic preset (the Go sample)', () => {
  const classic = { preset: 'classic' } as const;

  it('agrees with a reference model of the Go rules, however the input is cut', () => {
    fc.assert(
      fc.property(textBytes(), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        expect(sortedCounts(count(splitAt(bytes, cuts), classic))).toEqual(sortedCounts(referenceClassic(bytes)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('WordCounter hash table under stress', () => {
  it('agrees with the reference models when the table starts tiny and most hashes collide', () => {
    fc.assert(
      fc.property(textBytes(80), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom<'unicode' | 'classic'>('unicode', 'classic'), (bytes, cuts, preset) => {
        const counter = new WordCounter({ preset }, { initialCapacity: 2, hashMask: 0x7, spillCount: 2 });
        for (const chunk of splitAt(bytes, cuts)) counter.write(chunk);
        const reference = preset === 'unicode' ? referenceUnicode(bytes) : referenceClassic(bytes);
        expect(sortedCounts(counter.end())).toEqual(sortedCounts(reference));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WordCounter, words spanning many chunks', () => {
  // With longCarry tiny, every word cut by a chunk boundary takes the continue-not-rescan path.
  const longWordBytes = fc
    .array(fc.constantFrom('ab', 'C', 'é', 'Ж', '𝐀', "x'y", 'z’w', '\u0301', '7'), { minLength: 1, maxLength: 60 })
    .map((parts) => new TextEncoder().encode(parts.join('')));
  const input = fc
    .array(fc.oneof(textBytes(6), longWordBytes), { maxLength: 6 })
    .map((parts) => Uint8Array.from(parts.flatMap((part) => [...part])));

  it('agrees with the reference models whatever the carry threshold and cuts', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 40 }), fc.constantFrom<'unicode' | 'classic'>('unicode', 'classic'), fc.integer({ min: 3, max: 12 }), (bytes, cuts, preset, longCarry) => {
        const counter = new WordCounter({ preset }, { longCarry });
        for (const chunk of splitAt(bytes, cuts)) counter.write(chunk);
        const reference = preset === 'unicode' ? referenceUnicode(bytes) : referenceClassic(bytes);
        expect(sortedCounts(counter.end())).toEqual(sortedCounts(reference));
      }),
      { numRuns: 500 },
    );
  });

  it('counts a 3.6 MB word fed in 1 KiB chunks once (continued, not rescanned, chunk after chunk)', () => {
    const word = new TextEncoder().encode('ab’c'.repeat(600_000));
    for (const preset of ['unicode', 'classic'] as const) {
      // The default word-length cap would skip it: this test is about the continuation path.
      const counter = new WordCounter({ preset, maxWordBytes: word.length });
      for (let offset = 0; offset < word.length; offset += 1024) counter.write(word.subarray(offset, offset + 1024));
      const result = counter.end();
      expect(result.totalWords).toBe(1);
      expect([...result.counts.keys()][0]).toHaveLength(2_400_000);
    }
  });
});
