import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.js';
import { FakeObjectStore } from '../jobs/fakes.test-support.js';
import { reconcileBackups } from './reconcile-backups.js';

const options = { backupBucket: 'backup' };

describe('reconcileBackups', () => {
  it('copies what is missing or has another size, and nothing else', async () => {
    const storage = new FakeObjectStore();
    for (const key of ['a', 'b', 'c', 'd']) await storage.put({ bucket: 'primary', key }, `body of ${key}`);
    await storage.copy({ bucket: 'primary', key: 'a' }, { bucket: 'backup', key: 'a' });
    await storage.put({ bucket: 'backup', key: 'b' }, 'short');
    await storage.put({ bucket: 'other', key: 'c' }, 'body of c');
    expect(await reconcileBackups('primary', { storage }, options)).toEqual({ checked: 4, copied: ['b', 'c', 'd'] });
    expect(await reconcileBackups('primary', { storage }, options)).toEqual({ checked: 4, copied: [] });
  });

  it('limits itself to a prefix', async () => {
    const storage = new FakeObjectStore();
    await storage.put({ bucket: 'primary', key: 'posts/1' }, 'x');
    await storage.put({ bucket: 'primary', key: 'tmp/2' }, 'y');
    expect(await reconcileBackups('primary', { storage }, { ...options, prefix: 'posts/' })).toEqual({ checked: 1, copied: ['posts/1'] });
  });

  it('skips an object deleted between listing and copying', async () => {
    const storage = new FakeObjectStore();
    await storage.put({ bucket: 'primary', key: 'gone' }, 'x');
    await storage.put({ bucket: 'primary', key: 'kept' }, 'y');
    storage.failures.head = [new NotFoundError('primary/gone does not exist')];
    expect(await reconcileBackups('primary', { storage }, options)).toEqual({ checked: 2, copied: ['kept'] });
  });

  it('leaves every primary object backed up with its bytes, from any starting state', async () => {
    const state = fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.record({ body: fc.string({ maxLength: 8 }), backup: fc.constantFrom('none', 'same', 'stale') }));
    await fc.assert(
      fc.asyncProperty(state, async (objects) => {
        const storage = new FakeObjectStore();
        for (const [key, { body, backup }] of Object.entries(objects)) {
          await storage.put({ bucket: 'primary', key }, body);
          if (backup === 'same') await storage.copy({ bucket: 'primary', key }, { bucket: 'backup', key });
          if (backup === 'stale') await storage.put({ bucket: 'backup', key }, `${body}+old`);
        }
        const report = await reconcileBackups('primary', { storage }, options);
        expect(report.checked).toBe(Object.keys(objects).length);
        expect(report.copied.sort()).toEqual(Object.entries(objects).filter(([, o]) => o.backup !== 'same').map(([k]) => k).sort());
        for (const key of Object.keys(objects)) {
          expect(storage.objects.get(`backup/${key}`)?.bytes).toEqual(storage.objects.get(`primary/${key}`)?.bytes);
        }
        expect((await reconcileBackups('primary', { storage }, options)).copied).toEqual([]);
      }),
    );
  });

  it('repairs a same-size overwrite whose backup event was lost, and leaves a current multipart-style backup alone', async () => {
    const storage = new FakeObjectStore();
    await storage.put({ bucket: 'primary', key: 'same' }, 'version 1');
    await storage.put({ bucket: 'primary', key: 'multipart' }, 'big file');
    expect((await reconcileBackups('primary', { storage }, options)).copied).toEqual(['multipart', 'same']);
    await storage.put({ bucket: 'primary', key: 'same' }, 'version 2');
    // An S3 copy of a multipart upload gets an ETag of its own: the backup's differs from the source's.
    const backup = await storage.head({ bucket: 'backup', key: 'multipart' });
    await storage.put({ bucket: 'backup', key: 'multipart' }, 'big file', { metadata: backup.metadata });
    expect(await reconcileBackups('primary', { storage }, options)).toEqual({ checked: 2, copied: ['same'] });
    expect(new TextDecoder().decode(storage.objects.get('backup/same')?.bytes)).toBe('version 2');
  });
});

