import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSpillStoreContract } from '@wordfreq/testing';
import { FsSpillStore } from './fs-spill-store.js';

describeSpillStoreContract('file system', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wordfreq-fs-spill-test-'));
  const quotaBytes = 1000;
  return { store: new FsSpillStore({ dir, quotaBytes }), quotaBytes, dispose: () => rm(dir, { recursive: true, force: true }) };
});

describe('FsSpillStore', () => {
  it('spills into a directory of its own per job and leaves nothing after dispose', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordfreq-fs-spill-test-'));
    try {
      const store = new FsSpillStore({ dir });
      const space = await store.open('up/a.txt');
      await space.append('p0', Uint8Array.from([1, 2, 3]));
      const [own] = await readdir(dir);
      expect(own).toMatch(/^wordfreq-spill-/);
      expect(await readdir(join(dir, own))).toEqual(['p0']);
      expect(store.heldBytes).toBe(3);
      await space.dispose();
      expect(await readdir(dir)).toEqual([]);
      expect(store.heldBytes).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses file names that are not plain names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordfreq-fs-spill-test-'));
    try {
      const space = await new FsSpillStore({ dir }).open('up/a.txt');
      await expect(space.append('../escape', Uint8Array.from([1]))).rejects.toThrow(/not a plain file name/);
      await space.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
