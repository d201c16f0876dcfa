import { describe, expect, it } from 'vitest';
import type { SpillStore } from '@wordfreq/core';
import { expectWordFreqError, freshFixturePerTest } from './contract-helpers.js';

export interface SpillStoreFixture {
  /** A store whose spaces may hold `quotaBytes` (the fixture's) between them. */
  readonly store: SpillStore;
  readonly quotaBytes: number;
  dispose(): Promise<void>;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of chunks) out.push(...chunk);
  return out;
}

/** SpillStore behaviour: private append-only files per job, a quota that fails as TOO_MANY_WORDS, nothing left after dispose. */
export function describeSpillStoreContract(name: string, make: () => Promise<SpillStoreFixture>): void {
  describe(`SpillStore contract: ${name}`, () => {
    let f: SpillStoreFixture;
    freshFixturePerTest(make, (made) => (f = made));

    it('reads back what was appended, in order, across appends', async () => {
      const space = await f.store.open('up/a.txt');
      const buffer = Uint8Array.from([1, 2, 3]);
      await space.append('p0', buffer);
      buffer.set([9, 9, 9]); // the caller may reuse its buffer once append resolved
      await space.append('p0', Uint8Array.from([4, 5]));
      await space.append('p1', Uint8Array.from([7]));
      expect(await bytesOf(space.read('p0'))).toEqual([1, 2, 3, 4, 5]);
      expect(await bytesOf(space.read('p1'))).toEqual([7]);
      expect(await bytesOf(space.read('never-written'))).toEqual([]);
      await space.dispose();
    });

    it('keeps the spaces of two jobs apart', async () => {
      const a = await f.store.open('up/a.txt');
      const b = await f.store.open('up/b.txt');
      await a.append('p0', Uint8Array.from([1]));
      await b.append('p0', Uint8Array.from([2]));
      expect(await bytesOf(a.read('p0'))).toEqual([1]);
      expect(await bytesOf(b.read('p0'))).toEqual([2]);
      await a.dispose();
      expect(await bytesOf(b.read('p0'))).toEqual([2]);
      await b.dispose();
    });

    it('removes a file, and frees its bytes for the quota', async () => {
      const space = await f.store.open('up/a.txt');
      await space.append('p0', new Uint8Array(f.quotaBytes));
      await space.remove('p0');
      await space.remove('p0');
      expect(await bytesOf(space.read('p0'))).toEqual([]);
      await space.append('p1', new Uint8Array(f.quotaBytes));
      await space.dispose();
    });

    it('fails an append past the quota with TOO_MANY_WORDS naming the job', async () => {
      const space = await f.store.open('up/many words.txt');
      await space.append('p0', new Uint8Array(f.quotaBytes - 1));
      await expectWordFreqError(space.append('p1', new Uint8Array(2)), 'TOO_MANY_WORDS', 'up/many words.txt', 'full');
      await space.dispose();
      // Disposing gives the quota back to the next job.
      const next = await f.store.open('up/next.txt');
      await next.append('p0', new Uint8Array(f.quotaBytes));
      await next.dispose();
    });

    it('can be disposed twice', async () => {
      const space = await f.store.open('up/a.txt');
      await space.append('p0', Uint8Array.from([1, 2]));
      await space.dispose();
      await space.dispose();
    });
  });
}
