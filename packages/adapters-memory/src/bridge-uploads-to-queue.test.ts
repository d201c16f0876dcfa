import { describe, expect, it } from 'vitest';
import { parseJobMessage } from '@wordfreq/core';
import { bridgeUploadsToQueue } from './bridge-uploads-to-queue.js';
import { ManualClock } from './manual-clock.js';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryObjectStore } from './memory-object-store.js';

function setup(bucket?: string) {
  const clock = new ManualClock(new Date('2024-06-01T08:30:00Z'));
  const store = new MemoryObjectStore({ buckets: ['uploads', 'backup'], clock });
  const queue = new MemoryJobQueue({ name: 'jobs', clock });
  const unsubscribe = bridgeUploadsToQueue(store, queue, bucket === undefined ? {} : { bucket });
  const bodies = async () => (await queue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 })).map((d) => d.body);
  return { store, queue, unsubscribe, bodies };
}

describe('bridgeUploadsToQueue', () => {
  it('turns an upload into the S3 notification a worker parses back to the same object', async () => {
    const { store, bodies } = setup('uploads');
    const key = 'books/Moby Dick+notes ü.txt';
    const info = await store.put({ bucket: 'uploads', key }, 'Call me Ishmael.');
    const [body] = await bodies();
    expect(parseJobMessage(body)).toEqual([{ bucket: 'uploads', key }]);
    const record = JSON.parse(body).Records[0];
    expect(record).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      eventTime: '2024-06-01T08:30:00.000Z',
      s3: { bucket: { name: 'uploads' }, object: { size: 16, eTag: info.etag } },
    });
    // S3 form-encodes keys in notifications: spaces as +, a literal + as %2B.
    expect(record.s3.object.key).toBe('books/Moby+Dick%2Bnotes+%C3%BC.txt');
  });

  it('announces copies too, and only for the configured bucket', async () => {
    const { store, bodies } = setup('backup');
    await store.put({ bucket: 'uploads', key: 'a.txt' }, 'a');
    await store.copy({ bucket: 'uploads', key: 'a.txt' }, { bucket: 'backup', key: 'a.txt' });
    const all = await bodies();
    expect(all).toHaveLength(1);
    expect(JSON.parse(all[0]).Records[0]).toMatchObject({ eventName: 'ObjectCreated:Copy', s3: { bucket: { name: 'backup' } } });
  });

  it('bridges every bucket without a filter, and nothing after unsubscribing', async () => {
    const { store, unsubscribe, bodies } = setup();
    await store.put({ bucket: 'uploads', key: 'a.txt' }, 'a');
    await store.put({ bucket: 'backup', key: 'b.txt' }, 'b');
    unsubscribe();
    await store.put({ bucket: 'uploads', key: 'c.txt' }, 'c');
    expect((await bodies()).flatMap((body) => parseJobMessage(body).map((ref) => ref.key))).toEqual(['a.txt', 'b.txt']);
  });
});
