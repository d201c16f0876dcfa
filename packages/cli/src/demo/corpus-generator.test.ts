import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusGenerator } from './corpus-generator.js';
import { referenceCount } from './reference-count.test-support.js';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

describe('CorpusGenerator', () => {
  it("keeps a tally equal to an independent count of what it wrote, for any seed and size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5000 }), (seed, files, size) => {
        const generator = new CorpusGenerator({ files, bytesPerFile: size, seed, vocabularySize: 500 });
        const texts = [...generator.files()].map((file) => decode(file.bytes));
        const reference = referenceCount(texts);
        expect(generator.counts()).toEqual(reference);
        expect(generator.totalWords).toBe([...reference.values()].reduce((a, b) => a + b, 0));
      }),
      { numRuns: 40 },
    );
  });

  it('writes files of at least the target size, overshooting by one word at most', () => {
    const generator = new CorpusGenerator({ files: 5, bytesPerFile: 20_000, seed: 3 });
    const files = [...generator.files()];
    expect(files.map((file) => file.name)).toEqual(['text-001.txt', 'text-002.txt', 'text-003.txt', 'text-004.txt', 'text-005.txt']);
    for (const file of files) {
      expect(file.bytes.length).toBeGreaterThanOrEqual(20_000);
      expect(file.bytes.length).toBeLessThan(20_000 + 40);
      expect(file.bytes.at(-1)).toBe(0x0a);
    }
  });

  it('is deterministic per seed, and different seeds give different text', () => {
    const make = (seed: number) => [...new CorpusGenerator({ files: 2, bytesPerFile: 3000, seed }).files()].map((file) => decode(file.bytes));
    expect(make(11)).toEqual(make(11));
    expect(make(11)).not.toEqual(make(12));
  });

  it('reads like prose: capitalised sentences, wrapped lines, paragraphs', () => {
    const [file] = new CorpusGenerator({ files: 1, bytesPerFile: 50_000, seed: 5 }).files();
    const text = decode(file.bytes);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).toContain('\n\n');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(72);
    for (const sentence of text.split(/[.?]\s+/).slice(0, -1)) expect(sentence.trimStart()).toMatch(/^[A-Z]/);
  });

  it("follows Zipf's law: the most frequent word is about twice as frequent as the second", () => {
    const generator = new CorpusGenerator({ files: 1, bytesPerFile: 2_000_000, seed: 9 });
    [...generator.files()];
    const ranked = [...generator.counts().values()].sort((a, b) => b - a);
    expect(ranked[0] / ranked[1]).toBeGreaterThan(1.8);
    expect(ranked[0] / ranked[1]).toBeLessThan(2.2);
    expect(ranked[0] / ranked[9]).toBeGreaterThan(8);
    expect(ranked[0] / ranked[9]).toBeLessThan(12);
  });

  it('rejects impossible options with the value it got', () => {
    expect(() => new CorpusGenerator({ files: -1, bytesPerFile: 10, seed: 1 })).toThrow(/files must be a whole number, got -1/);
    expect(() => new CorpusGenerator({ files: 1, bytesPerFile: 0, seed: 1 })).toThrow(/bytesPerFile must be a positive whole number, got 0/);
  });
});
