import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { FakeObjectStore } from '../jobs/fakes.test-support.js';
import { replicateUpload } from './replicate-upload.js';

const upload = { bucket: 'primary', key: 'posts/2024/lisbon tram.jpg' };
const options = { backupBucket: 'backup' };

async function setup() {
  const storage = new FakeObjectStore();
  await storage.put(upload, Uint8Array.from([1, 2, 3, 4, 5]), { contentType: 'image/jpeg', metadata: { author: 'ana' } });
  return storage;
}

describe('replicateUpload', () => {
  it('copies to the same key in the backup bucket, keeping type and metadata', async () => {
    const storage = await setup();
    const copy = await replicateUpload(upload, { storage }, options);
    expect(copy).toMatchObject({ bucket: 'backup', key: upload.key, size: 5, contentType: 'image/jpeg', metadata: { author: 'ana' } });
    expect(await storage.head({ bucket: 'backup', key: upload.key })).toEqual(copy);
  });

  it('is idempotent: a second run finds the backup current and copies nothing', async () => {
    const storage = await setup();
    const first = await replicateUpload(upload, { storage }, options);
    const copies = storage.calls.filter((c) => c === 'copy').length;
    expect(await replicateUpload(upload, { storage }, options)).toEqual(first);
    expect(storage.calls.filter((c) => c === 'copy').length).toBe(copies);
  });

  it('copies again when the source changed', async () => {
    const storage = await setup();
    await replicateUpload(upload, { storage }, options);
    await storage.put(upload, 'a new version', { contentType: 'text/plain' });
    expect(await replicateUpload(upload, { storage }, options)).toMatchObject({ size: 13, contentType: 'text/plain' });
  });

  it('reports a short copy as transient, so it is retried', async () => {
    const storage = await setup();
    storage.truncateCopies = 1;
    const run = replicateUpload(upload, { storage }, options);
    await expect(run).rejects.toSatisfy((e) => WordFreqError.hasCode(e, 'TRANSIENT'));
    await expect(replicateUpload(upload, { storage }, options)).rejects.toThrow('backup backup/posts/2024/lisbon tram.jpg is 4 bytes but primary/posts/2024/lisbon tram.jpg is 5 bytes');
  });

  it('lets a missing source surface as NOT_FOUND', async () => {
    const storage = new FakeObjectStore();
    await expect(replicateUpload(upload, { storage }, options)).rejects.toSatisfy((e) => WordFreqError.hasCode(e, 'NOT_FOUND'));
  });

  it('refuses to back a bucket up onto itself', async () => {
    const storage = await setup();
    await expect(replicateUpload(upload, { storage }, { backupBucket: 'primary' })).rejects.toThrow(/a backup must go to another bucket/);
    await expect(replicateUpload(upload, { storage }, { backupBucket: '' })).rejects.toSatisfy((e) => WordFreqError.hasCode(e, 'CONFIG'));
  });
});
