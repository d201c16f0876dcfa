import { describe, expect, it } from 'vitest';
import { EntryBatcher } from './entry-batcher.js';

describe('EntryBatcher', () => {
  it('sends entries added together in batches of at most maxEntries', async () => {
    const calls: number[][] = [];
    const batcher = new EntryBatcher<number>(async (entries) => (calls.push(entries), []), { maxEntries: 3, lingerMs: 5 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => batcher.add(n)));
    expect(calls.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls.every((batch) => batch.length <= 3)).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('rejects only the entries the batch call refused, each with its own error', async () => {
    const batcher = new EntryBatcher<string>(async (entries) => entries.filter((e) => e.startsWith('bad')).map((entry) => ({ entry, error: new Error(`refused ${entry}`) })), {
      maxEntries: 10,
      lingerMs: 5,
    });
    const outcomes = await Promise.allSettled(['ok1', 'bad1', 'ok2', 'bad2'].map((e) => batcher.add(e)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as Error).message))).toEqual(['ok', 'refused bad1', 'ok', 'refused bad2']);
  });

  it('rejects every entry of a call that failed as a whole', async () => {
    const down = new Error('network down');
    const batcher = new EntryBatcher<number>(async () => {
      throw down;
    }, { maxEntries: 10, lingerMs: 5 });
    const outcomes = await Promise.allSettled([1, 2].map((n) => batcher.add(n)));
    expect(outcomes.map((o) => o.status === 'rejected' && o.reason)).toEqual([down, down]);
  });

  it('settle sends what waits at once and waits for the calls in flight', async () => {
    let answered = 0;
    const batcher = new EntryBatcher<number>(async (entries) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      answered += entries.length;
      return [];
    }, { maxEntries: 10, lingerMs: 60_000 });
    const added = batcher.add(1);
    await batcher.settle();
    expect(answered).toBe(1);
    await added;
  });
});
