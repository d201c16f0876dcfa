import { describe, expect, it } from 'vitest';
import { countStream, countText, countWords } from './count-stream.js';

const utf8 = new TextEncoder();

async function* slowly(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = utf8.encode(text);
  for (let offset = 0; offset < bytes.length; offset += size) {
    await Promise.resolve();
    yield bytes.subarray(offset, offset + size);
  }
}

const text = 'It was the best of times, it was the worst of times; naïve Ærø it was.';

describe('countStream, countWords, countText', () => {
  it('give the same answer for a string, a sync iterable and an async iterable in 1-byte chunks', async () => {
    const whole = countText(text, { top: 3 });
    expect(whole).toEqual({
      bytes: utf8.encode(text).length,
      totalWords: 16,
      distinctWords: 9,
      top: [{ word: 'it', count: 3 }, { word: 'was', count: 3 }, { word: 'of', count: 2 }],
    });
    expect(countText(utf8.encode(text), { top: 3 })).toEqual(whole);
    expect(await countStream([utf8.encode(text)], { top: 3 })).toEqual(whole);
    expect(await countStream(slowly(text, 1), { top: 3 })).toEqual(whole);
    expect((await countWords(slowly(text, 5))).counts.get('ærø')).toBe(1);
  });

  it('applies stop words and top from the options', async () => {
    const summary = await countStream(slowly(text, 7), { stopWords: 'en', top: 2 });
    expect(summary.top).toEqual([{ word: 'times', count: 2 }, { word: 'best', count: 1 }]);
  });

  it('rejects bad options before reading the input', async () => {
    let pulled = false;
    const source = (async function* () {
      pulled = true;
      yield new Uint8Array(0);
    })();
    await expect(countStream(source, { top: 0 })).rejects.toThrow(/top must be/);
    expect(pulled).toBe(false);
  });
});
