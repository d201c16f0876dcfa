import { BoundedWordCounter, type CountBudget } from './bounded-word-counter.js';
import { resolveCountOptions, type CountOptions } from './count-options.js';
import { summarize } from './top-words.js';
import type { CountSummary, WordCounts } from './word-count.js';
import { WordCounter } from './word-counter.js';

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Counts every word of `source`, chunk by chunk, without holding the whole input. */
export async function countWords(source: ByteSource, options?: CountOptions): Promise<WordCounts> {
  const counter = new WordCounter(options);
  for await (const chunk of source) counter.write(chunk);
  return counter.end();
}

/** Counts `source` and summarises it with `options.top` words (default 10). */
export async function countStream(source: ByteSource, options?: CountOptions): Promise<CountSummary> {
  const { top } = resolveCountOptions(options);
  return summarize(await countWords(source, options), top);
}

/**
 * Counts and summarises `source` within a memory budget, spilling to `budget.spill` past it (or
 * failing with TOO_MANY_WORDS without one): exact for any input, bounded memory.
 */
export async function countWithinBudget(source: ByteSource, options?: CountOptions, budget?: CountBudget): Promise<CountSummary> {
  const counter = new BoundedWordCounter(options, budget);
  try {
    for await (const chunk of source) await counter.write(chunk);
    return await counter.end();
  } finally {
    await counter.dispose();
  }
}

const utf8 = new TextEncoder();

/** Counts a whole text at once (a string is taken as its UTF-8 bytes). */
export function countText(text: string | Uint8Array, options?: CountOptions): CountSummary {
  const { top } = resolveCountOptions(options);
  const counter = new WordCounter(options);
  counter.write(typeof text === 'string' ? utf8.encode(text) : text);
  return summarize(counter.end(), top);
}
