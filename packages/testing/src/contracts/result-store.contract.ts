import { describe, expect, it } from 'vitest';
import type { ResultStore } from '@wordfreq/core';
import type { StoreContractOptions } from './counter-store.contract.js';
import { collect, freshFixturePerTest } from './contract-helpers.js';
import { failedResult, succeededResult } from './sample-results.js';

export interface ResultStoreFixture {
  /** An empty results table. */
  readonly results: ResultStore;
  dispose(): Promise<void>;
}

/** ResultStore behaviour: exact round trips, one row per filename however often a job is saved. */
export function describeResultStoreContract(
  name: string,
  make: () => Promise<ResultStoreFixture>,
  options: StoreContractOptions = {},
): void {
  describe(`ResultStore contract: ${name}`, () => {
    let f: ResultStoreFixture;
    freshFixturePerTest(make, (made) => (f = made), options);

    it('saves and reads back a succeeded result exactly', async () => {
      const result = succeededResult('uploads', 'books/kjv bible+1.txt');
      await f.results.save(result);
      expect(await f.results.get('uploads/books/kjv bible+1.txt')).toEqual(result);
    });

    it('saves and reads back a failed result without an ETag', async () => {
      const result = failedResult('uploads', 'gone.txt');
      await f.results.save(result);
      const read = await f.results.get('uploads/gone.txt');
      expect(read).toEqual(result);
      expect(read?.etag).toBeUndefined();
    });

    it('has nothing for a filename never saved', async () => {
      expect(await f.results.get('uploads/never.txt')).toBeUndefined();
    });

    it('keeps one row when the same job is saved twice', async () => {
      const result = succeededResult('uploads', 'twice.txt');
      await f.results.save(result);
      await f.results.save(result);
      expect(await collect(f.results.list())).toEqual([result]);
    });

    it('replaces the row when the same filename is saved with a new outcome', async () => {
      await f.results.save(succeededResult('uploads', 'edited.txt'));
      const newer = succeededResult('uploads', 'edited.txt', { etag: '0cc175b9c0f1b6a831c399e269772661', words: [{ word: 'a', count: 1 }] });
      await f.results.save(newer);
      expect(await f.results.get('uploads/edited.txt')).toEqual(newer);
      expect(await collect(f.results.list())).toEqual([newer]);
    });

    it('sets and clears the outbox flag only on the row still holding that result', async () => {
      const result = succeededResult('uploads', 'outbox.txt', { published: true });
      await f.results.save(result);
      await f.results.markUnpublished('uploads/outbox.txt', 'some-other-result');
      expect((await f.results.get('uploads/outbox.txt'))?.published).toBe(true);
      await f.results.markUnpublished('uploads/outbox.txt', result.resultId);
      expect((await f.results.get('uploads/outbox.txt'))?.published).toBe(false);
      await f.results.markPublished('uploads/outbox.txt', 'some-other-result');
      expect((await f.results.get('uploads/outbox.txt'))?.published).toBe(false);
      await f.results.markPublished('uploads/outbox.txt', result.resultId);
      expect(await f.results.get('uploads/outbox.txt')).toEqual(result);
      // A row never saved stays absent.
      await f.results.markUnpublished('uploads/never.txt', result.resultId);
      await f.results.markPublished('uploads/never.txt', result.resultId);
      expect(await f.results.get('uploads/never.txt')).toBeUndefined();
    });

    it('lists every saved result', async () => {
      const saved = [
        succeededResult('uploads', 'a.txt'),
        failedResult('uploads', 'b.txt'),
        succeededResult('uploads', 'ünïcödé dir/c+d.txt'),
      ];
      for (const result of saved) await f.results.save(result);
      const listed = await collect(f.results.list());
      const byName = (a: { filename: string }, b: { filename: string }) => (a.filename < b.filename ? -1 : 1);
      expect(listed.sort(byName)).toEqual([...saved].sort(byName));
    });
  });
}
