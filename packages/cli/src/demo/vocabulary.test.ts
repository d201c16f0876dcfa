import { describe, expect, it } from 'vitest';
import { buildVocabulary } from './vocabulary.js';

describe('buildVocabulary', () => {
  it('gives distinct lower-case words, each one word for the tokenizer, common English first', () => {
    const words = buildVocabulary(20_000);
    expect(words).toHaveLength(20_000);
    expect(new Set(words).size).toBe(20_000);
    expect(words.slice(0, 5)).toEqual(['the', 'of', 'and', 'to', 'a']);
    for (const word of words) expect(word).toMatch(/^[a-z]+(?:'[a-z]+)?$/);
  });

  it('is the same list every time', () => {
    expect(buildVocabulary(3000)).toEqual(buildVocabulary(3000));
  });

  it('can be smaller than the common-word list', () => {
    expect(buildVocabulary(3)).toEqual(['the', 'of', 'and']);
  });
});
