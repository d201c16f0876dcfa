import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { BoundedWordCounter, type BoundedCounterTuning, type CountBudget } from './bounded-word-counter.js';
import { minCountMemoryBytes } from './count-budget.js';
import type { CountOptions } from './count-options.js';
import { FakeSpillStore } from './spill-store.test-support.js';
import { summarize } from './top-words.js';
import type { CountSummary } from './word-count.js';
import { WordCounter } from './word-counter.js';

const utf8 = new TextEncoder();

/** The unbounded answer: the plain counter, summarised. */
function unbounded(chunks: readonly Uint8Array[], options?: CountOptions): CountSummary {
  const counter = new WordCounter(options);
  for (const chunk of chunks) counter.write(chunk);
  return summarize(counter.end(), options?.top);
}

async function bounded(chunks: readonly Uint8Array[], options: CountOptions | undefined, budget: CountBudget, tuning?: BoundedCounterTuning) {
  const counter = new BoundedWordCounter(options, budget, tuning);
  try {
    for (const chunk of chunks) await counter.write(chunk);
    const summary = await counter.end();
    return { summary, spills: counter.spills, splits: counter.splits };
  } finally {
    await counter.dispose();
  }
}

/** `n` different words, base-26 numbers spelled in letters, each once, some twice. */
function distinctWords(n: number): Uint8Array {
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let word = '';
    for (let x = i; ; x = Math.floor(x / 26) - 1) {
      word = String.fromCharCode(97 + (x % 26)) + word;
      if (x < 26) break;
    }
    words.push(word, ...(i % 7 === 0 ? [word.toUpperCase()] : []));
  }
  return utf8.encode(words.join(' '));
}

/** `bytes` in chunks of `size`. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** Tests that count tens of thousands of words in small steps: seconds on a loaded machine. */
const slow = 60_000;

describe('BoundedWordCounter', () => {
  it('counts 60,000 different words within a 64 KiB budget exactly, spilling, and leaves no scratch files', async () => {
    const chunks = chunked(distinctWords(60_000), 4096);
    const store = new FakeSpillStore();
    const { summary, spills } = await bounded(chunks, { top: 25 }, { memoryBytes: minCountMemoryBytes, spill: store }, { initialCapacity: 2 });
    expect(spills).toBeGreaterThan(10);
    expect(summary).toEqual(unbounded(chunks, { top: 25 }));
    expect(summary.distinctWords).toBe(60_000);
    expect(store.spaces).toHaveLength(1);
    expect(store.spaces[0].disposed).toBe(true);
    expect(store.spaces[0].files.size).toBe(0);
  }, slow);

  it('fails with TOO_MANY_WORDS, naming the input and what to do, when over budget with no scratch space', async () => {
    const counter = new BoundedWordCounter({}, { memoryBytes: minCountMemoryBytes, label: 'up/words.txt' }, { initialCapacity: 2 });
    const attempt = (async () => {
      for (const chunk of chunked(distinctWords(60_000), 4096)) await counter.write(chunk);
      return counter.end();
    })();
    const error = await attempt.catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'TOO_MANY_WORDS')).toBe(true);
    expect((error as Error).message).toMatch(/^up\/words\.txt has more different words than fit in the counter's memory budget of 0\.06 MiB .*no scratch space.*larger memory budget/);
  });

  it('fails on the chunk that takes the words over the budget, before reading on', async () => {
    const counter = new BoundedWordCounter({}, { memoryBytes: minCountMemoryBytes }, { initialCapacity: 2 });
    await counter.write(distinctWords(100));
    const error = await counter.write(distinctWords(5_000)).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'TOO_MANY_WORDS')).toBe(true);
  });

  it('gives the plain answer without opening a scratch space when the words fit', async () => {
    const store = new FakeSpillStore();
    const text = utf8.encode('the cat and the hat, the end');
    const { summary, spills } = await bounded([text], {}, { spill: store });
    expect(spills).toBe(0);
    expect(summary).toEqual(unbounded([text]));
    expect(store.spaces).toHaveLength(0);
  });

  it('passes on a full scratch space as TOO_MANY_WORDS and still removes what it wrote', async () => {
    const store = new FakeSpillStore({ quotaBytes: 50_000 });
    const error = await bounded(chunked(distinctWords(60_000), 4096), {}, { memoryBytes: minCountMemoryBytes, spill: store }, { initialCapacity: 2 }).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'TOO_MANY_WORDS')).toBe(true);
    expect((error as Error).message).toContain('scratch space for the input is full');
    expect(store.spaces[0].disposed).toBe(true);
  });

  it('splits a partition too big to merge, again and again, and still counts exactly', async () => {
    const chunks = chunked(distinctWords(3_000), 1000);
    const store = new FakeSpillStore();
    // About 8 words held and merged at once (a quarter of the budget), two partitions per level:
    // merging must split ~9 levels deep.
    const tuning = { initialCapacity: 2, fanout: 2, splitFanout: 2, bytesPerHeldWord: 8192, bytesPerMapEntry: 2048 };
    const { summary, splits } = await bounded(chunks, { top: 12 }, { memoryBytes: minCountMemoryBytes, spill: store }, tuning);
    expect(splits).toBeGreaterThan(100);
    expect(summary).toEqual(unbounded(chunks, { top: 12 }));
    expect(store.spaces[0].files.size).toBe(0);
  }, slow);

  it('never lets one Map of words outgrow the engine limit, however large the budget', async () => {
    const chunks = chunked(distinctWords(20_000), 4096);
    const store = new FakeSpillStore();
    // 1 GiB of budget, but Maps capped at 1,000 words (standing in for 2^22): it must spill and split.
    const { summary, spills, splits } = await bounded(chunks, {}, { memoryBytes: 2 ** 30, spill: store }, { maxWordsInOneMap: 1000, fanout: 4 });
    expect(spills).toBeGreaterThan(10);
    expect(splits).toBeGreaterThan(0);
    expect(summary).toEqual(unbounded(chunks));
  }, slow);

  it('refuses a budget below 64 KiB', () => {
    expect(() => new BoundedWordCounter({}, { memoryBytes: 1000 })).toThrow(/memory budget must be a whole number of bytes >= 65536/);
  });
});
