import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError } from '@wordfreq/core';
import { collect, expectWordFreqError, readBytes } from '@wordfreq/testing';
import { ManualClock } from './manual-clock.js';
import { MemoryObjectStore, type ObjectCreatedEvent } from './memory-object-store.js';
import { compareUtf8 } from './utf8-order.js';

describe('MemoryObjectStore', () => {
  it('refuses bucket names S3 refuses', () => {
    const store = new MemoryObjectStore();
    for (const name of ['ab', 'Uploads', 'under_score', '-leading', 'double..dot', 'x'.repeat(64)]) {
      expect(() => store.createBucket(name), name).toThrow(/bucket name .* is invalid/);
    }
    store.createBucket('my.bucket-01');
    store.createBucket('my.bucket-01');
    expect(store.hasBucket('my.bucket-01')).toBe(true);
  });

  it('refuses empty and over-long keys, and metadata S3 could not carry', async () => {
    const store = new MemoryObjectStore({ buckets: ['b01'] });
    await expectWordFreqError(store.put({ bucket: 'b01', key: '' }, 'x'), 'BAD_INPUT', 'must not be empty');
    await expectWordFreqError(store.put({ bucket: 'b01', key: 'é'.repeat(513) }, 'x'), 'BAD_INPUT', '1026 bytes');
    await expectWordFreqError(store.put({ bucket: 'b01', key: 'k' }, 'x', { metadata: { 'bad name': 'v' } }), 'BAD_INPUT', 'bad name');
    await expectWordFreqError(store.put({ bucket: 'b01', key: 'k' }, 'x', { metadata: { n: 'a\r\nb' } }), 'BAD_INPUT', 'line breaks');
    await expectWordFreqError(store.put({ bucket: 'b01', key: 'k' }, 'x', { metadata: { n: 'v'.repeat(2048) } }), 'BAD_INPUT', '2048');
  });

  it('announces puts and copies after the object is readable, and stops after unsubscribing', async () => {
    const clock = new ManualClock(new Date('2024-03-01T10:00:00Z'));
    const store = new MemoryObjectStore({ buckets: ['up1', 'bak'], clock });
    const events: ObjectCreatedEvent[] = [];
    const unsubscribe = store.onObjectCreated(async (event) => {
      // The object must already be there when the notification is handled.
      await store.head(event.object);
      events.push(event);
    });
    const put = await store.put({ bucket: 'up1', key: 'a b+c.txt' }, 'hello', { contentType: 'text/plain' });
    await store.copy({ bucket: 'up1', key: 'a b+c.txt' }, { bucket: 'bak', key: 'a b+c.txt' });
    expect(events.map((e) => [e.eventName, e.object.bucket, e.object.key, e.object.etag])).toEqual([
      ['ObjectCreated:Put', 'up1', 'a b+c.txt', put.etag],
      ['ObjectCreated:Copy', 'bak', 'a b+c.txt', put.etag],
    ]);
    expect(events[0].object.lastModified?.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    unsubscribe();
    await store.put({ bucket: 'up1', key: 'later.txt' }, 'x');
    expect(events).toHaveLength(2);
  });

  it('reports a failing listener without failing the upload', async () => {
    const failures: unknown[] = [];
    const store = new MemoryObjectStore({ buckets: ['up1'], onListenerError: (error) => failures.push(error) });
    store.onObjectCreated(() => {
      throw new Error('queue unavailable');
    });
    await store.put({ bucket: 'up1', key: 'k' }, 'x');
    expect(await store.head({ bucket: 'up1', key: 'k' })).toMatchObject({ size: 1 });
    expect(failures).toEqual([new Error('queue unavailable')]);
  });

  it('refuses to copy an object onto itself, as S3 does', async () => {
    const store = new MemoryObjectStore({ buckets: ['up1'] });
    await store.put({ bucket: 'up1', key: 'k' }, 'x');
    await expectWordFreqError(store.copy({ bucket: 'up1', key: 'k' }, { bucket: 'up1', key: 'k' }), 'BAD_INPUT', 'onto itself');
  });

  it('refuses ranges S3 answers with 416 or that make no sense', async () => {
    const store = new MemoryObjectStore({ buckets: ['up1'] });
    const ref = { bucket: 'up1', key: 'k' };
    await store.put(ref, '0123456789');
    await expectWordFreqError(store.read(ref, { start: 10 }), 'BAD_INPUT', 'past the end');
    await expectWordFreqError(store.read(ref, { start: -1 }), 'BAD_INPUT', 'start -1');
    await expectWordFreqError(store.read(ref, { start: 5, end: 5 }), 'BAD_INPUT', 'greater than start');
    await expectWordFreqError(store.read(ref, { start: 1.5 }), 'BAD_INPUT', 'integer');
  });

  it('hands out copies: changing a read chunk or the put buffer does not change the object', async () => {
    const store = new MemoryObjectStore({ buckets: ['up1'] });
    const ref = { bucket: 'up1', key: 'k' };
    const source = new TextEncoder().encode('abc');
    await store.put(ref, source);
    source[0] = 0x7a;
    const [chunk] = await collect((await store.read(ref)).body);
    chunk[1] = 0x7a;
    expect(new TextDecoder().decode(await readBytes((await store.read(ref)).body))).toBe('abc');
  });

  it('reads any range as the same bytes as slicing the whole object', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, rawStart, rawLength, chunk) => {
          const store = new MemoryObjectStore({ buckets: ['up1'], readChunkBytes: chunk });
          const ref = { bucket: 'up1', key: 'k' };
          await store.put(ref, bytes);
          const start = rawStart % bytes.length;
          const end = rawLength === undefined ? undefined : start + 1 + rawLength;
          const read = await store.read(ref, { start, ...(end === undefined ? {} : { end }) });
          expect(new Uint8Array(await readBytes(read.body))).toEqual(bytes.slice(start, end));
          expect(read.info.size).toBe(bytes.length);
        },
      ),
    );
  });

  it('lists every key under a prefix once, in UTF-8 order, whatever the page size', async () => {
    const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), fc.string({ maxLength: 2 }), async (keys, pageSize, prefix) => {
        const store = new MemoryObjectStore({ buckets: ['up1'], listPageSize: pageSize });
        for (const k of keys) await store.put({ bucket: 'up1', key: k }, k);
        const listed = (await collect(store.list('up1', prefix))).map((info) => info.key);
        expect(listed).toEqual(keys.filter((k) => k.startsWith(prefix)).sort(compareUtf8));
      }),
    );
  });

  it('lists neither content type nor metadata, as ListObjectsV2 does not', async () => {
    const store = new MemoryObjectStore({ buckets: ['up1'] });
    await store.put({ bucket: 'up1', key: 'k' }, 'x', { contentType: 'text/plain', metadata: { a: 'b' } });
    const [listed] = await collect(store.list('up1'));
    expect(listed.contentType).toBeUndefined();
    expect(listed.metadata).toEqual({});
  });

  it('uses the error classes of the core', async () => {
    const store = new MemoryObjectStore({ buckets: ['up1'] });
    const error = await store.head({ bucket: 'up1', key: 'missing' }).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'NOT_FOUND')).toBe(true);
    expect((error as Error).name).toBe('NotFoundError');
  });
});
