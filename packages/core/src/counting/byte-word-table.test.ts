import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWordTable } from './byte-word-table.js';

const utf8 = new TextEncoder();
const latin = new TextDecoder();

function contents(table: ByteWordTable): Map<string, number> {
  const seen = new Map<string, number>();
  table.forEach((bytes, count) => seen.set(latin.decode(bytes), count));
  return seen;
}

function expected(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) {
    const key = word.replace(/[A-Z]/g, (c) => c.toLowerCase());
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function fill(table: ByteWordTable, words: readonly string[]): void {
  for (const word of words) {
    // Each word sits inside a larger buffer, as in a real chunk, so offsets matter.
    const bytes = utf8.encode(`  ${word} `);
    table.add(bytes, 2, bytes.length - 1);
  }
}

const words = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', 'z', '\u2019'), minLength: 1, maxLength: 12 }), { maxLength: 300 });

describe('ByteWordTable', () => {
  it('counts like a Map keyed on ASCII-folded bytes, across growth from 2 slots', () => {
    fc.assert(
      fc.property(words, (list) => {
        const table = new ByteWordTable({ initialCapacity: 2 });
        fill(table, list);
        expect(contents(table)).toEqual(expected(list));
        expect(table.size).toBe(expected(list).size);
      }),
    );
  });

  it('keeps counts exact when they spill out of the slot, through growth', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 2, max: 5 }), (list, spillCount) => {
        const table = new ByteWordTable({ initialCapacity: 2, spillCount });
        fill(table, [...list, ...list, ...list]);
        expect(contents(table)).toEqual(new Map([...expected(list)].map(([word, count]) => [word, count * 3])));
      }),
    );
  });

  it('tells apart different words whose hashes are equal', () => {
    fc.assert(
      fc.property(words, (list) => {
        // Two hash bits: most distinct words share a full hash and must be told apart by their bytes.
        const table = new ByteWordTable({ initialCapacity: 4, hashMask: 0x3 });
        fill(table, list);
        expect(contents(table)).toEqual(expected(list));
      }),
    );
  });

  it('keeps words of the same hash and length apart by content, and long words whole', () => {
    const table = new ByteWordTable({ hashMask: 0 });
    const long = 'x'.repeat(5000);
    fill(table, ['abcd', 'abce', 'ABCD', long, long + 'y', long]);
    expect(contents(table)).toEqual(new Map([['abcd', 2], ['abce', 1], [long, 2], [long + 'y', 1]]));
  });

  it('grows to many distinct words', () => {
    const table = new ByteWordTable({ initialCapacity: 2 });
    const list = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    fill(table, [...list, ...list.slice(0, 10)]);
    const seen = contents(table);
    expect(seen.size).toBe(20_000);
    expect(seen.get('w9')).toBe(2);
    expect(seen.get('w10')).toBe(1);
  });

  it('keeps words around the packed size apart (11, 12, 13 bytes, shared prefixes)', () => {
    const table = new ByteWordTable({ initialCapacity: 2, hashMask: 0x1 });
    const list = ['abcdefghijk', 'abcdefghijkl', 'abcdefghijklm', 'abcdefghijkm', 'ABCDEFGHIJKL', 'abcd', 'abc', 'bcd', 'abcdefgh', 'abcdefghi'];
    fill(table, list);
    expect(contents(table)).toEqual(expected(list));
  });

  it('rejects a capacity that is not a power of two', () => {
    expect(() => new ByteWordTable({ initialCapacity: 3 })).toThrow(/power of two/);
    expect(() => new ByteWordTable({ spillCount: 1 })).toThrow(/spillCount/);
  });
});
