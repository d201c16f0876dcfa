import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '@wordfreq/core';
import {
  collect,
  compareUtf8,
  expectWordFreqError,
  freshFixturePerTest,
  mapLimit,
  readBytes,
  readText,
  retainedBytes,
} from './contract-helpers.js';

export interface ObjectStoreFixture {
  readonly store: ObjectStore;
  /** An existing, empty bucket. */
  readonly bucket: string;
  /** A second existing, empty bucket (copy target). */
  readonly otherBucket: string;
  /** A valid bucket name that does not exist. */
  readonly missingBucket: string;
  /** Keys the pagination test writes: make it exceed the store's list page size (S3: 1000). */
  readonly listKeyCount: number;
  /** Size of the object read by the bounded-memory streaming test (default 50 MiB). */
  readonly largeObjectBytes?: number;
  dispose(): Promise<void>;
}

export interface ObjectStoreContractOptions {
  /** Per-test timeout for the slow tests (large object, pagination); default 120 s. */
  readonly slowTestTimeoutMs?: number;
  /** Timeout of the hooks that create and dispose fixtures; default 60 s. */
  readonly hookTimeoutMs?: number;
  /**
   * False where the store (an emulator) ignores a copy precondition (`ifSourceEtag`); s3rver does,
   * S3 honours CopySourceIfMatch. Metadata added on copy is still checked. Default true.
   */
  readonly copyPreconditions?: boolean;
}

const MiB = 1024 * 1024;

/**
 * ObjectStore behaviour every adapter must show (S3 semantics). `make` is called before each test and
 * must return empty buckets of its own.
 */
export function describeObjectStoreContract(
  name: string,
  make: () => Promise<ObjectStoreFixture>,
  options: ObjectStoreContractOptions = {},
): void {
  const slow = options.slowTestTimeoutMs ?? 120_000;
  describe(`ObjectStore contract: ${name}`, () => {
    let f: ObjectStoreFixture;
    freshFixturePerTest(make, (made) => (f = made), options);

    it('round-trips bytes, content type and metadata', async () => {
      const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
      const ref = { bucket: f.bucket, key: 'docs/all-bytes.bin' };
      const put = await f.store.put(ref, bytes, {
        contentType: 'application/x-test',
        metadata: { origin: 'contract', 'uploaded-by': 'zoe' },
      });
      expect(put).toMatchObject({ ...ref, size: 512 });
      expect(put.etag).toMatch(/^[^"]+$/);

      const head = await f.store.head(ref);
      expect(head).toMatchObject({
        ...ref,
        size: 512,
        etag: put.etag,
        contentType: 'application/x-test',
        metadata: { origin: 'contract', 'uploaded-by': 'zoe' },
      });

      const read = await f.store.read(ref);
      expect(read.info).toMatchObject({ size: 512, etag: put.etag, contentType: 'application/x-test' });
      expect(await readBytes(read.body)).toEqual(Buffer.from(bytes));
    });

    it('returns user metadata names lower-cased, as S3 does', async () => {
      const ref = { bucket: f.bucket, key: 'meta.txt' };
      await f.store.put(ref, 'x', { metadata: { Origin: 'Upload-Form' } });
      expect((await f.store.head(ref)).metadata).toEqual({ origin: 'Upload-Form' });
    });

    it('accepts string and streamed bodies', async () => {
      const text = 'héllo wörld — ünïcödé ✓';
      await f.store.put({ bucket: f.bucket, key: 'text.txt' }, text);
      expect(await readText((await f.store.read({ bucket: f.bucket, key: 'text.txt' })).body)).toBe(text);

      async function* parts() {
        yield new TextEncoder().encode('one ');
        yield new TextEncoder().encode('two ');
        yield new TextEncoder().encode('three');
      }
      const info = await f.store.put({ bucket: f.bucket, key: 'streamed.txt' }, parts());
      expect(info.size).toBe('one two three'.length);
      expect(await readText((await f.store.read({ bucket: f.bucket, key: 'streamed.txt' })).body)).toBe('one two three');
    });

    it('gives a different ETag when the content changes and the same one for the same bytes', async () => {
      const ref = { bucket: f.bucket, key: 'versions.txt' };
      const first = await f.store.put(ref, 'first version');
      const second = await f.store.put(ref, 'second version');
      expect(second.etag).not.toBe(first.etag);
      expect((await f.store.head(ref)).etag).toBe(second.etag);
      const again = await f.store.put(ref, 'first version');
      expect(again.etag).toBe(first.etag);
    });

    it('raises NOT_FOUND naming the key for a missing object', async () => {
      const ref = { bucket: f.bucket, key: 'no such key.txt' };
      await expectWordFreqError(f.store.head(ref), 'NOT_FOUND', 'no such key.txt');
      await expectWordFreqError(f.store.read(ref), 'NOT_FOUND', 'no such key.txt');
      await expectWordFreqError(f.store.copy(ref, { bucket: f.otherBucket, key: 'x' }), 'NOT_FOUND', 'no such key.txt');
    });

    it('raises NOT_FOUND naming the bucket for a missing bucket', async () => {
      const ref = { bucket: f.missingBucket, key: 'a.txt' };
      await expectWordFreqError(f.store.head(ref), 'NOT_FOUND', f.missingBucket);
      await expectWordFreqError(f.store.put(ref, 'x'), 'NOT_FOUND', f.missingBucket);
      await expectWordFreqError(collect(f.store.list(f.missingBucket)), 'NOT_FOUND', f.missingBucket);
    });

    it('deletes objects, and deleting a missing key is not an error', async () => {
      const ref = { bucket: f.bucket, key: 'short-lived.txt' };
      await f.store.put(ref, 'bye');
      await f.store.delete(ref);
      await expectWordFreqError(f.store.head(ref), 'NOT_FOUND', 'short-lived.txt');
      await f.store.delete(ref);
      expect(await collect(f.store.list(f.bucket))).toEqual([]);
    });

    it('reads byte ranges (end exclusive, clamped at the object end) and reports the full size', async () => {
      const ref = { bucket: f.bucket, key: 'alphabet.txt' };
      await f.store.put(ref, 'abcdefghijklmnopqrstuvwxyz');
      const middle = await f.store.read(ref, { start: 2, end: 6 });
      expect(await readText(middle.body)).toBe('cdef');
      expect(middle.info.size).toBe(26);
      expect(await readText((await f.store.read(ref, { start: 20 })).body)).toBe('uvwxyz');
      expect(await readText((await f.store.read(ref, { start: 24, end: 1000 })).body)).toBe('yz');
      expect(await readText((await f.store.read(ref, { start: 0, end: 1 })).body)).toBe('a');
    });

    it('ends a read whose signal aborts with the abort reason: before the GET and in the middle of the body', async () => {
      const ref = { bucket: f.bucket, key: 'aborted.txt' };
      await f.store.put(ref, new Uint8Array(1024 * 1024).fill(97));
      const early = new Error('aborted before the read');
      await expect(f.store.read(ref, undefined, { signal: AbortSignal.abort(early) })).rejects.toBe(early);
      const controller = new AbortController();
      const chunks = (await f.store.read(ref, undefined, { signal: controller.signal })).body[Symbol.asyncIterator]();
      const first = await chunks.next();
      expect(first.done).toBe(false);
      const reason = new Error('job time limit is over');
      controller.abort(reason);
      await expect(chunks.next()).rejects.toBe(reason);
    });

    it('keeps keys with spaces, unicode, plus and percent signs exact in put, head, read, list and copy', async () => {
      const keys = ['with space.txt', 'a+b.txt', '100% sure.txt', 'ünïcödé/日本語 ファイル.txt', 'emoji 🎉.txt', 'plus+and space/x.txt'];
      await mapLimit(keys, 4, (key) => f.store.put({ bucket: f.bucket, key }, `content of ${key}`));
      for (const key of keys) {
        expect((await f.store.head({ bucket: f.bucket, key })).key).toBe(key);
        expect(await readText((await f.store.read({ bucket: f.bucket, key })).body)).toBe(`content of ${key}`);
      }
      const listed = (await collect(f.store.list(f.bucket))).map((info) => info.key);
      expect(listed).toEqual([...keys].sort(compareUtf8));
      const copied = await f.store.copy({ bucket: f.bucket, key: 'a+b.txt' }, { bucket: f.otherBucket, key: 'a+b copy ü.txt' });
      expect(copied.key).toBe('a+b copy ü.txt');
      expect(await readText((await f.store.read({ bucket: f.otherBucket, key: 'a+b copy ü.txt' })).body)).toBe('content of a+b.txt');
      await expectWordFreqError(f.store.head({ bucket: f.bucket, key: 'a b.txt' }), 'NOT_FOUND');
    });

    it('copies with content type, metadata, size and ETag kept, leaving the source as it was', async () => {
      const from = { bucket: f.bucket, key: 'posts/photo caption.txt' };
      const to = { bucket: f.otherBucket, key: 'posts/photo caption.txt' };
      const source = await f.store.put(from, 'a caption with ümlauts', {
        contentType: 'text/plain; charset=utf-8',
        metadata: { author: 'ada', visibility: 'public' },
      });
      const copied = await f.store.copy(from, to);
      expect(copied).toMatchObject({ ...to, size: source.size, etag: source.etag });
      const head = await f.store.head(to);
      expect(head).toMatchObject({
        size: source.size,
        etag: source.etag,
        contentType: 'text/plain; charset=utf-8',
        metadata: { author: 'ada', visibility: 'public' },
      });
      expect(await readText((await f.store.read(to)).body)).toBe('a caption with ümlauts');
      expect(await f.store.head(from)).toMatchObject({ etag: source.etag, metadata: { author: 'ada', visibility: 'public' } });
    });

    it('adds metadata to a copy keeping the source’s, and copies only the version named by ifSourceEtag', async () => {
      const from = { bucket: f.bucket, key: 'backup me.txt' };
      const to = { bucket: f.otherBucket, key: 'backup me.txt' };
      const v1 = await f.store.put(from, 'version one', { contentType: 'text/plain', metadata: { author: 'ada' } });
      await f.store.copy(from, to, { ifSourceEtag: v1.etag, metadata: { 'wordfreq-source-etag': v1.etag } });
      expect(await f.store.head(to)).toMatchObject({ size: v1.size, contentType: 'text/plain', metadata: { author: 'ada', 'wordfreq-source-etag': v1.etag } });
      const v2 = await f.store.put(from, 'version two', { contentType: 'text/plain' });
      expect(v2.etag).not.toBe(v1.etag);
      if (options.copyPreconditions === false) return;
      await expectWordFreqError(f.store.copy(from, to, { ifSourceEtag: v1.etag, metadata: { 'wordfreq-source-etag': v1.etag } }), 'TRANSIENT');
      expect(await readText((await f.store.read(to)).body)).toBe('version one');
    });

    it('lists by prefix in key order, with sizes and ETags', async () => {
      await f.store.put({ bucket: f.bucket, key: 'b/2.txt' }, '22');
      await f.store.put({ bucket: f.bucket, key: 'a/1.txt' }, '1');
      const b1 = await f.store.put({ bucket: f.bucket, key: 'b/1.txt' }, '111');
      await f.store.put({ bucket: f.bucket, key: 'c.txt' }, 'c');
      const listed = await collect(f.store.list(f.bucket, 'b/'));
      expect(listed.map((info) => [info.key, info.size])).toEqual([
        ['b/1.txt', 3],
        ['b/2.txt', 2],
      ]);
      expect(listed[0]).toMatchObject({ bucket: f.bucket, etag: b1.etag });
      expect(await collect(f.store.list(f.bucket, 'nothing-here/'))).toEqual([]);
      expect((await collect(f.store.list(f.bucket))).map((info) => info.key)).toEqual(['a/1.txt', 'b/1.txt', 'b/2.txt', 'c.txt']);
    });

    it(
      'lists every key of a bucket larger than one page, once each, in order',
      async () => {
        const width = String(f.listKeyCount).length;
        const keys = Array.from({ length: f.listKeyCount }, (_, i) => `many/${String(i).padStart(width, '0')}.txt`);
        await mapLimit(keys, 16, (key) => f.store.put({ bucket: f.bucket, key }, key));
        await f.store.put({ bucket: f.bucket, key: 'other/outside.txt' }, 'x');
        const listed = (await collect(f.store.list(f.bucket, 'many/'))).map((info) => info.key);
        expect(listed.length).toBe(f.listKeyCount);
        expect(listed).toEqual(keys);
        expect((await collect(f.store.list(f.bucket))).length).toBe(f.listKeyCount + 1);
      },
      slow,
    );

    it(
      'streams a large object in many chunks while memory stays far below its size',
      async () => {
        const size = f.largeObjectBytes ?? 50 * MiB;
        const ref = { bucket: f.bucket, key: 'large/streamed.bin' };
        const written = createHash('sha256');
        await f.store.put(ref, generated(size, written));
        const expectedDigest = written.digest('hex');

        const baseline = retainedBytes();
        const { info, body } = await f.store.read(ref);
        expect(info.size).toBe(size);
        const digest = createHash('sha256');
        let received = 0;
        let chunks = 0;
        let largestChunk = 0;
        let peakGrowth = 0;
        let nextProbe = 0;
        for await (const chunk of body) {
          digest.update(chunk);
          received += chunk.length;
          chunks += 1;
          largestChunk = Math.max(largestChunk, chunk.length);
          // Probe right away (an adapter that buffers everything shows it on the first chunk) and
          // then every 4 MiB.
          if (received >= nextProbe) {
            peakGrowth = Math.max(peakGrowth, retainedBytes() - baseline);
            nextProbe = received + 4 * MiB;
          }
        }
        expect(received).toBe(size);
        expect(digest.digest('hex')).toBe(expectedDigest);
        expect(chunks).toBeGreaterThan(8);
        expect(largestChunk).toBeLessThanOrEqual(size / 8);
        expect(peakGrowth, `retained memory grew by ${(peakGrowth / MiB).toFixed(1)} MiB while streaming`).toBeLessThan(size / 4);
      },
      slow,
    );
  });
}

/** `size` deterministic bytes in 1 MiB chunks, hashed into `hash` as they are produced. */
async function* generated(size: number, hash: ReturnType<typeof createHash>): AsyncIterable<Uint8Array> {
  for (let offset = 0, index = 0; offset < size; offset += MiB, index += 1) {
    const chunk = new Uint8Array(Math.min(MiB, size - offset));
    for (let i = 0; i < chunk.length; i += 1) chunk[i] = (index * 131 + i * 31 + (i >>> 12)) & 0xff;
    hash.update(chunk);
    yield chunk;
  }
}
