import { describe, expect, it } from 'vitest';
import type { CountOptions } from './count-options.js';
import { WordCounter } from './word-counter.js';

const utf8 = new TextEncoder();

function count(chunks: Iterable<Uint8Array>, options?: CountOptions) {
  const counter = new WordCounter(options);
  for (const chunk of chunks) counter.write(chunk);
  return counter.end();
}

const words = (text: string | Uint8Array, options?: CountOptions) =>
  Object.fromEntries(count([typeof text === 'string' ? utf8.encode(text) : text], options).counts);

describe('WordCounter, unicode preset', () => {
  it('keeps apostrophes between word characters and folds case', () => {
    expect(words("Don't stop, O'Brien! 'Tis rock'n'roll''s end'")).toEqual({
      "don't": 1, stop: 1, "o'brien": 1, tis: 1, "rock'n'roll": 1, s: 1, end: 1,
    });
  });

  it('treats the typographic apostrophe like the ASCII one, but keeps them apart', () => {
    expect(words('don’t don\'t ’quoted’')).toEqual({ 'don’t': 1, "don't": 1, quoted: 1 });
  });

  it('folds case and normalises to NFC, so precomposed and combining forms are one word', () => {
    expect(words('Café CAFE\u0301 café')).toEqual({ 'café': 3 });
  });

  it('counts letters, marks and decimal digits of any script; other symbols separate', () => {
    expect(words('Ωμέγα 2024 дом_дом 中文 x²y ١٢٣ a😀b')).toEqual({
      'ωμέγα': 1, '2024': 1, 'дом': 2, '中文': 1, x: 1, y: 1, '١٢٣': 1, a: 1, b: 1,
    });
  });

  it('separates words at invalid UTF-8 and never throws', () => {
    const bytes = Uint8Array.from([...utf8.encode('ab'), 0xff, ...utf8.encode('cd'), 0xc3, ...utf8.encode('ef'), 0xed, 0xa0, 0x80, 0x67, 0xc1, 0x81, 0x68]);
    expect(words(bytes)).toEqual({ ab: 1, cd: 1, ef: 1, g: 1, h: 1 });
  });

  it('reports bytes and totals', () => {
    const result = count([utf8.encode('the cat and the hat')]);
    expect(result.bytes).toBe(19);
    expect(result.totalWords).toBe(5);
    expect(result.counts.get('the')).toBe(2);
  });

  it('counts a word split between a letter and its apostrophe once', () => {
    expect(Object.fromEntries(count(["don", "'", 't', ' o', '’', ''].map((s) => utf8.encode(s))).counts)).toEqual({ "don't": 1, o: 1 });
  });
});

describe('WordCounter, classic preset (the Go sample)', () => {
  const classic = { preset: 'classic' } as const;

  it('splits on white space only, skips tokens of 4 bytes or fewer before trimming, trims .,"\'?!', () => {
    // "fox!!" is 5 bytes before trimming, so it counts as "fox"; "lazy" is 4 bytes and is skipped.
    expect(words('The quick "brown," fox!! jumps?? over... a lazy dog\'s back. "'  + "'''''", classic)).toEqual({
      quick: 1, brown: 1, fox: 1, jumps: 1, over: 1, "dog's": 1, back: 1,
    });
  });

  it('measures length in UTF-8 bytes after lower-casing, so short non-ASCII words count', () => {
    expect(words('Ωμέ café naïf tree trees', classic)).toEqual({ 'ωμέ': 1, 'café': 1, 'naïf': 1, trees: 1 });
  });

  it("splits on Go's unicode.IsSpace set, including NBSP, NEL and ideographic space", () => {
    expect(words('alpha\u00a0bravo\u0085charlie\u3000delta\u2003echoes\u200bfoxtrot', classic)).toEqual({
      alpha: 1, bravo: 1, charlie: 1, delta: 1, 'echoes\u200bfoxtrot': 1,
    });
  });
});

describe('WordCounter, classic 4-byte rule on the continue-not-rescan path', () => {
  // The Go rule "skip tokens of 4 bytes or fewer, measured before trimming", at its boundary, on the
  // continue-not-rescan path: with longCarry 3 (the least) every carried token of 4 or more bytes
  // takes it, so a cut after the token's fourth byte reaches the length test there.
  it.each([
    ['abcd x', 4, {}],
    ['abcde ', 4, { abcde: 1 }],
    ['abcde ', 5, { abcde: 1 }],
    ["'ab' ", 4, {}],
    ["'abc' ", 4, { abc: 1 }],
    ["'abc' ", 5, { abc: 1 }],
    ['..... ', 4, {}],
    ['éab ', 4, {}],
    ['été ', 4, { 'été': 1 }],
    ['été ', 3, { 'été': 1 }],
  ] as [string, number, Record<string, number>][])('classic: %j cut after byte %i counts %j', (text, cut, expected) => {
    const bytes = utf8.encode(text);
    const counter = new WordCounter({ preset: 'classic' }, { longCarry: 3 });
    counter.write(bytes.subarray(0, cut));
    counter.write(bytes.subarray(cut));
    expect(Object.fromEntries(counter.end().counts)).toEqual(expected);
  });

  it('classic, under the defaults: a token continued past 4096 bytes is measured before trimming', () => {
    const cases: [string, Record<string, number>][] = [
      [`${'.'.repeat(5000)}abc! `, { abc: 1 }],
      [`${'.'.repeat(5000)} `, {}],
      [`${'"'.repeat(4999)}x" `, { x: 1 }],
    ];
    for (const [text, expected] of cases) {
      const bytes = utf8.encode(text);
      const counter = new WordCounter({ preset: 'classic' });
      for (let offset = 0; offset < bytes.length; offset += 1000) counter.write(bytes.subarray(offset, offset + 1000));
      expect(Object.fromEntries(counter.end().counts)).toEqual(expected);
    }
  });
});

describe('WordCounter filters', () => {
  it('drops words shorter than minLength code points, counted after folding', () => {
    expect(words('a an ant 𝐀𝐀 дом', { minLength: 3 })).toEqual({ ant: 1, 'дом': 1 });
    expect(words('a an ant 𝐀𝐀 дом', { minLength: 2 })).toEqual({ an: 1, ant: 1, '𝐀𝐀': 1, 'дом': 1 });
  });

  it('drops stop words after case folding, the shipped list or a custom one', () => {
    expect(words("The cat DOESN'T sit on the mat", { stopWords: 'en' })).toEqual({ cat: 1, sit: 1, mat: 1 });
    expect(words('Straße STRASSE strasse', { stopWords: ['STRASSE'] })).toEqual({ 'straße': 1 });
  });

  it('keeps totals consistent with the kept words', () => {
    const result = count([utf8.encode('the the cat on a mat')], { stopWords: 'en', minLength: 1 });
    expect(result.totalWords).toBe(2);
    expect([...result.counts.values()].reduce((a, b) => a + b, 0)).toBe(result.totalWords);
  });

  it('refuses to be used after end()', () => {
    const counter = new WordCounter();
    counter.end();
    expect(() => counter.write(new Uint8Array(1))).toThrow(/after end/);
  });
});
