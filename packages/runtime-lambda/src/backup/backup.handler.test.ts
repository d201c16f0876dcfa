import { MemoryLogger, MemoryMetrics, MemoryObjectStore } from '@wordfreq/adapters-memory';
import { encodeS3EventKey, TransientError, type ObjectStore } from '@wordfreq/core';
import { coreModule, replicateUploadFrom, Tokens } from '@wordfreq/core/di';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { lambdaContext, s3CreatedRecord, s3Event } from '../../test/events.js';
import { wrapPort } from '../../test/wrap-port.js';
import { createBackupHandler } from './backup.handler.js';

async function setUp(wrap: (store: ObjectStore) => ObjectStore = (s) => s) {
  const real = new MemoryObjectStore({ buckets: ['uploads', 'backup'] });
  const metrics = new MemoryMetrics();
  const logger = new MemoryLogger();
  const container = new Container();
  container.load(coreModule());
  container.bind(Tokens.ObjectStore).toConstantValue(wrap(real));
  container.bind(Tokens.Logger).toConstantValue(logger);
  const handler = createBackupHandler(
    { replicateUpload: replicateUploadFrom(container), storage: container.get(Tokens.ObjectStore), logger, metrics },
    { backupBucket: 'backup' },
  );
  const upload = async (key: string, body: string) => {
    const info = await real.put({ bucket: 'uploads', key }, body, { contentType: 'text/plain', metadata: { author: 'ana' } });
    return s3CreatedRecord('uploads', encodeS3EventKey(key), info.size, info.etag);
  };
  return { real, handler, upload, metrics, logger };
}

describe('backup handler (memory store)', () => {
  it('copies each created object under its decoded key, keeping type and metadata, and copying again is harmless', async () => {
    const { real, handler, upload, metrics } = await setUp();
    const keys = ['trip notes/día 1.txt', 'a+b.txt', 'photos/東京 2024.jpg'];
    const event = s3Event(await Promise.all(keys.map((k) => upload(k, `body of ${k}`))));
    await handler(event, lambdaContext());
    await handler(event, lambdaContext());
    for (const key of keys) {
      const copy = await real.head({ bucket: 'backup', key });
      expect(copy).toMatchObject({ size: Buffer.byteLength(`body of ${key}`), contentType: 'text/plain', metadata: { author: 'ana' } });
    }
    expect(metrics.sum('BackupsCopied')).toBe(6);
  });

  it('ignores other event types and skips an upload deleted before the copy', async () => {
    const { real, handler, upload, metrics } = await setUp();
    const removed = { ...(await upload('gone.txt', 'x')), eventName: 'ObjectRemoved:Delete' };
    const vanished = await upload('vanished.txt', 'y');
    await real.delete({ bucket: 'uploads', key: 'vanished.txt' });
    await handler(s3Event([removed, vanished]), lambdaContext());
    expect(metrics.sum('BackupsSkipped')).toBe(1);
    expect(metrics.sum('BackupsCopied')).toBe(0);
  });

  it('throws, naming what was not backed up, when a copy fails, after copying the others', async () => {
    const { real, handler, upload } = await setUp((store) =>
      wrapPort(store, {
        copy: async (from, to) => {
          if (from.key === 'b.txt') throw new TransientError('S3 SlowDown');
          return store.copy(from, to);
        },
      }),
    );
    const event = s3Event([await upload('a.txt', 'a'), await upload('b.txt', 'b')]);
    await expect(handler(event, lambdaContext())).rejects.toThrow('1 of 2 uploads were not backed up to backup (uploads/b.txt); Lambda retries the event');
    expect((await real.head({ bucket: 'backup', key: 'a.txt' })).size).toBe(1);
  });
});
