import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePartialCounts, encodePartialCounts } from './partial-counts-codec.js';
import type { PartialCounts } from './partial-counts.js';

const sorted = (partial: PartialCounts) => ({ ...partial, counts: [...partial.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) });

const partials: fc.Arbitrary<PartialCounts> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 2 ** 40 })), { selector: ([word]) => word, maxLength: 30 }),
    fc.nat(100),
    fc.nat(2 ** 45),
  )
  .map(([entries, parts, bytes]) => ({
    parts,
    bytes,
    totalWords: entries.reduce((sum, [, count]) => sum + count, 0),
    counts: new Map(entries),
  }));

const sample: PartialCounts = { parts: 2, bytes: 40, totalWords: 6, counts: new Map([['zebra', 1], ['apple', 2], ['applied', 1], ['café', 2]]) };

describe('the partial-counts codec', () => {
  it('round-trips any partial counts, and gives the same bytes whatever the Map order', () => {
    fc.assert(
      fc.property(partials, (partial) => {
        const bytes = encodePartialCounts(partial);
        expect(sorted(decodePartialCounts(bytes))).toEqual(sorted(partial));
        const reversed = { ...partial, counts: new Map([...partial.counts].reverse()) };
        expect(encodePartialCounts(reversed)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('front-codes sorted words: "applied" after "apple" stores only "ied"', () => {
    const bytes = encodePartialCounts(sample);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('WFPC\u0001');
    expect(Buffer.from(bytes).includes(Buffer.from('applied'))).toBe(false);
    expect(Buffer.from(bytes).includes(Buffer.from('ied'))).toBe(true);
  });

  it('names what is wrong with a payload it cannot read', () => {
    const good = encodePartialCounts(sample);
    const flipped = good.slice();
    flipped[12] ^= 0x01;
    const version2 = good.slice();
    version2[4] = 2;
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('{"word":1}'), /^parts\/p1: not a wordfreq partial-counts payload \(it does not start with "WFPC"\)/],
      [version2, /^parts\/p1: format version 2 is not one this reader knows \(it reads version 1\)/],
      [good.subarray(0, good.length - 3), /^parts\/p1: checksum mismatch over \d+ bytes: the payload is truncated or corrupt$/],
      [flipped, /checksum mismatch/],
      [good.subarray(0, 6), /truncated: too short/],
    ];
    for (const [payload, message] of cases) {
      expect(() => decodePartialCounts(payload, 'parts/p1')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(message) }));
    }
  });

  it('refuses to encode what it could not decode back', () => {
    expect(() => encodePartialCounts({ ...sample, counts: new Map([['a', 0]]) })).toThrow(/the count of "a" is 0; counts are whole numbers >= 1/);
    expect(() => encodePartialCounts({ ...sample, counts: new Map([['\ud800x', 1]]) })).toThrow(/lone surrogate/);
    expect(() => encodePartialCounts({ ...sample, bytes: -1 })).toThrow(/bytes is -1/);
  });

  it('holds distinct English-like words in under 9 bytes each, less than half of NDJSON', () => {
    // Words of 2-12 letters from a seeded generator, counts from a Zipf-like law: what a part holds
    // (a million such words take 6.9 MB; the README has the figures).
    const counts = new Map<string, number>();
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    while (counts.size < 100_000) {
      const length = 2 + (next() % 11);
      let word = '';
      for (let k = 0; k < length; k++) word += String.fromCharCode(97 + (next() % 26));
      counts.set(word, 1 + Math.floor(1e6 / (counts.size + 1)));
    }
    const totalWords = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const bytes = encodePartialCounts({ parts: 1, bytes: 0, totalWords, counts });
    const ndjson = [...counts].reduce((sum, [word, count]) => sum + JSON.stringify([word, count]).length + 1, 0);
    expect(bytes.length / counts.size).toBeLessThan(9);
    expect(ndjson / bytes.length).toBeGreaterThan(2);
    expect(sorted(decodePartialCounts(bytes))).toEqual(sorted({ parts: 1, bytes: 0, totalWords, counts }));
  }, 60_000);
});
