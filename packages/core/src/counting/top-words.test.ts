import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize, topWords } from './top-words.js';
import { compareWordCounts, type WordCount } from './word-count.js';

// U+FB01 and U+FFFD sort after U+1F600 and U+1D400 in UTF-16 order (a surrogate pair starts at
// 0xD800) but before them in code point order: the two orders disagree on these ties.
const wordCount: fc.Arbitrary<WordCount> = fc.record({
  word: fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'é', 'e\u0301', 'ж', '😀', '\ufb01', '\ufffd', '𝐀'), maxLength: 4 }),
  count: fc.integer({ min: 1, max: 6 }),
});
const countMap = fc.array(wordCount, { maxLength: 60 }).map((list) => new Map(list.map(({ word, count }) => [word, count])));

/** The documented order written out independently: count descending, then UTF-16 code units one by one. */
function oracleOrder(a: WordCount, b: WordCount): number {
  if (a.count !== b.count) return a.count > b.count ? -1 : 1;
  for (let k = 0; k < Math.min(a.word.length, b.word.length); k++) {
    const difference = a.word.charCodeAt(k) - b.word.charCodeAt(k);
    if (difference !== 0) return difference;
  }
  return a.word.length - b.word.length;
}

describe('compareWordCounts', () => {
  it('orders by count descending, then word ascending in JS string order', () => {
    const list: WordCount[] = [
      { word: 'b', count: 2 }, { word: 'a', count: 1 }, { word: 'B', count: 2 }, { word: 'é', count: 2 }, { word: 'z', count: 3 },
    ];
    expect(list.sort(compareWordCounts).map((e) => e.word)).toEqual(['z', 'B', 'b', 'é', 'a']);
  });

  it('breaks ties in UTF-16 order, not code point order: U+1F600 and U+1D400 before U+FB01 and U+FFFD', () => {
    const list: WordCount[] = [
      { word: '\ufb01', count: 2 }, { word: '😀', count: 2 }, { word: '\ufffd', count: 2 }, { word: '𝐀', count: 2 }, { word: 'z', count: 2 },
    ];
    expect(list.sort(compareWordCounts).map((e) => e.word)).toEqual(['z', '𝐀', '😀', '\ufb01', '\ufffd']);
    expect(topWords(new Map([['\ufb01', 1], ['😀', 1]]), 1)).toEqual([{ word: '😀', count: 1 }]);
  });

  it('is a total order: antisymmetric, transitive, zero only for equal entries', () => {
    fc.assert(
      fc.property(wordCount, wordCount, wordCount, (a, b, c) => {
        expect(Math.sign(compareWordCounts(a, b))).toBe(-Math.sign(compareWordCounts(b, a)) || 0);
        expect(compareWordCounts(a, b) === 0).toBe(a.word === b.word && a.count === b.count);
        if (compareWordCounts(a, b) <= 0 && compareWordCounts(b, c) <= 0) expect(compareWordCounts(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('topWords', () => {
  it('equals the first n of a full sort, whatever the insertion order', () => {
    fc.assert(
      fc.property(countMap, fc.nat(12), fc.nat(), (counts, n, seed) => {
        const expected = [...counts].map(([word, count]) => ({ word, count })).sort(oracleOrder).slice(0, n);
        const shuffled = [...counts].sort((x, y) => ((x[0].length * 31 + seed) % 7) - ((y[0].length * 31 + seed) % 7));
        expect(topWords(counts, n)).toEqual(expected);
        expect(topWords(new Map(shuffled), n)).toEqual(expected);
      }),
    );
  });

  it('rejects a negative or fractional n', () => {
    expect(() => topWords(new Map(), -1)).toThrow(/topWords needs a whole number/);
    expect(() => topWords(new Map(), 1.5)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('summarize', () => {
  it('reports totals, distinct words and the top 10 by default', () => {
    const counts = new Map(Array.from({ length: 15 }, (_, i) => [`w${String(i).padStart(2, '0')}`, i + 1] as const));
    const summary = summarize({ bytes: 99, totalWords: 120, counts });
    expect(summary).toMatchObject({ bytes: 99, totalWords: 120, distinctWords: 15 });
    expect(summary.top.map((e) => e.word)).toEqual(['w14', 'w13', 'w12', 'w11', 'w10', 'w09', 'w08', 'w07', 'w06', 'w05']);
    expect(summarize({ bytes: 99, totalWords: 120, counts }, 2).top).toEqual([{ word: 'w14', count: 15 }, { word: 'w13', count: 14 }]);
  });

  it('rejects top < 1', () => {
    expect(() => summarize({ bytes: 0, totalWords: 0, counts: new Map() }, 0)).toThrow(/top must be a whole number >= 1, got 0/);
  });
});
