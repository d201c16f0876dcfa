import { describe, expect, it } from 'vitest';
import { expectWordFreqError, succeededResult } from '@wordfreq/testing';
import { MemoryResultStore } from './memory-result-store.js';

describe('MemoryResultStore', () => {
  it('stores copies, so changing a saved or read result changes no row', async () => {
    const results = new MemoryResultStore();
    const result = succeededResult('uploads', 'a.txt');
    type Mutable = { words: { word: string; count: number }[] };
    const saved = structuredClone(result);
    await results.save(saved);
    (saved as unknown as Mutable).words[0].count = -1;
    const read = await results.get('uploads/a.txt');
    (read as unknown as Mutable).words[0].count = -2;
    expect(await results.get('uploads/a.txt')).toEqual(result);
  });

  it('refuses a result without a filename', async () => {
    await expectWordFreqError(new MemoryResultStore().save({ ...succeededResult('u', 'k'), filename: '' }), 'BAD_INPUT', 'filename');
  });
});
