import { describe, expect, it } from 'vitest';
import { referenceWordCounts } from './reference-word-counts.js';

const utf8 = new TextEncoder();
const words = (text: string | Uint8Array, options?: Parameters<typeof referenceWordCounts>[1]) =>
  Object.fromEntries(referenceWordCounts(typeof text === 'string' ? utf8.encode(text) : text, options).counts);

// The design's own examples, so the model is checked against the rules and not only against the counter.
describe('referenceWordCounts', () => {
  it('unicode: letters, marks and digits, apostrophes inside words, case folded to NFC', () => {
    expect(words("Don't stop, O'Brien! 'Tis Café CAFE\u0301 2024 a😀b")).toEqual({ "don't": 1, stop: 1, "o'brien": 1, tis: 1, 'café': 2, '2024': 1, a: 1, b: 1 });
  });

  it('unicode: invalid UTF-8 separates words', () => {
    expect(words(Uint8Array.from([...utf8.encode('ab'), 0xff, ...utf8.encode('cd')]))).toEqual({ ab: 1, cd: 1 });
  });

  it('classic: Go white space, more than 4 bytes before trimming, trims .,"\'?!', () => {
    expect(words('The quick "brown," fox!! lazy café\u00a0naïf', { preset: 'classic' })).toEqual({ quick: 1, brown: 1, fox: 1, 'café': 1, 'naïf': 1 });
  });

  it('filters by minLength in code points and by stop words compared after folding', () => {
    expect(words('a an ant 𝐀𝐀 дом', { minLength: 3 })).toEqual({ ant: 1, 'дом': 1 });
    expect(words("The cat DOESN'T sit", { stopWords: 'en' })).toEqual({ cat: 1, sit: 1 });
    expect(words('Straße STRASSE', { stopWords: ['STRASSE'] })).toEqual({ 'straße': 1 });
  });

  it('counts bytes and the words kept', () => {
    const counts = referenceWordCounts(utf8.encode('the cat and the hat'), { stopWords: ['and'] });
    expect(counts.bytes).toBe(19);
    expect(counts.totalWords).toBe(4);
  });
});
