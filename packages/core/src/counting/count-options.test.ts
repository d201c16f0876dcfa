import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { resolveCountOptions, type CountOptions } from './count-options.js';
import { englishStopWords } from './stop-words.en.js';
import { WordCounter } from './word-counter.js';

describe('resolveCountOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveCountOptions()).toEqual({ preset: 'unicode', minLength: 0, top: 10, maxWordBytes: 256, stopWords: new Set() });
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown preset', { preset: 'fancy' }, /unknown preset 'fancy'; use one of: unicode, classic/],
    ['a negative minLength', { minLength: -1 }, /minLength must be a whole number of code points >= 0, got -1/],
    ['a fractional minLength', { minLength: 2.5 }, /minLength .* got 2.5/],
    ['top 0', { top: 0 }, /top must be a whole number >= 1, got 0/],
    ['a fractional top', { top: 1.5 }, /top must be .* got 1.5/],
    ['an unknown stop-word list', { stopWords: 'fr' }, /stopWords must be 'en' or a list of words, got "fr"/],
    ['a non-string stop word', { stopWords: ['a', 3] }, /stopWords must contain only strings, got 3/],
  ])('rejects %s with BAD_INPUT', (_, options, message) => {
    const attempt = () => resolveCountOptions(options as CountOptions);
    expect(attempt).toThrow(message);
    expect(() => new WordCounter(options as CountOptions)).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(WordFreqError.hasCode(error, 'BAD_INPUT')).toBe(true);
    }
  });

  it("folds custom stop words and ships an English list with both apostrophes", () => {
    expect(resolveCountOptions({ stopWords: ['The', 'CAFE\u0301'] }).stopWords).toEqual(new Set(['the', 'café']));
    expect(resolveCountOptions({ stopWords: 'en' }).stopWords).toBe(englishStopWords);
    for (const word of ['the', 'and', "don't", 'don’t', 'i']) expect(englishStopWords.has(word)).toBe(true);
  });
});
