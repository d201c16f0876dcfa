// The bounded counter's law over the memory spill store, with the published counter arbitraries
// (core cannot depend on @wordfreq/testing, which depends on it): past its memory budget it spills and merges, and gives exactly the unbounded answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedWordCounter, minCountMemoryBytes, summarize, WordCounter, type BoundedCounterTuning, type CountBudget, type CountOptions, type CountSummary } from '@wordfreq/core';
import { splitAt, textBytes } from '@wordfreq/testing';
import { MemorySpillStore } from './memory-spill-store.js';

const slow = 60_000;

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

describe('BoundedWordCounter', () => {
  it('spilled counting equals unspilled counting for any text, options, budget and chunk cuts', async () => {
    const options = fc.record(
      {
        preset: fc.constantFrom('unicode' as const, 'classic' as const),
        minLength: fc.integer({ min: 0, max: 3 }),
        stopWords: fc.constantFrom(undefined, 'en' as const, ['a', 'é', 'ΟΔΟΣ']),
        top: fc.integer({ min: 1, max: 12 }),
      },
      { requiredKeys: ['preset', 'top'] },
    );
    const seen = { spilled: 0, split: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(textBytes(60), { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        options,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 5 }),
        async (parts, cuts, countOptions, heldWords, mergedWords, fanout) => {
          // Words repeat across the parts, so spilled runs hold the same words and must add up.
          const joined = Uint8Array.from(parts.flatMap((part) => [...part, 0x20, ...parts[0], 0x20]));
          const chunks = splitAt(joined, cuts);
          const tuning = {
            initialCapacity: 2,
            fanout,
            splitFanout: fanout,
            bytesPerHeldWord: Math.floor(minCountMemoryBytes / (heldWords + 1)),
            bytesPerMapEntry: Math.floor(minCountMemoryBytes / (mergedWords + 1)),
          };
          const store = new MemorySpillStore({ readChunkBytes: 3 });
          const { summary, spills, splits } = await bounded(chunks, countOptions, { memoryBytes: minCountMemoryBytes, spill: store }, tuning);
          if (spills > 1) seen.spilled++;
          if (splits > 0) seen.split++;
          expect(summary).toEqual(unbounded([joined], countOptions));
          expect(store.heldBytes).toBe(0); // every scratch space emptied and disposed
        },
      ),
      { numRuns: 300 },
    );
    // The property says something only if many runs spilled more than once and some had to split.
    expect(seen.spilled).toBeGreaterThan(80);
    expect(seen.split).toBeGreaterThan(10);
  }, slow);
});
