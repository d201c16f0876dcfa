import { createHash } from 'node:crypto';
import { NotFoundError, WordFreqError, type ObjectBody } from '@wordfreq/core';
import { createEmulatorClients, startEmulatedAws, type EmulatedAws } from '@wordfreq/local-aws';
import type { S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimumPartBytes, S3ObjectStore } from './s3-object-store.js';

let aws: EmulatedAws;
let store: S3ObjectStore;
let bucket: string;

beforeAll(async () => {
  aws = await startEmulatedAws({ services: ['s3'] });
  store = new S3ObjectStore(aws.clients.s3, { multipartThresholdBytes: minimumPartBytes, listPageSize: 2 });
  bucket = await aws.createBucket('store');
});

afterAll(async () => {
  await aws?.stop();
});

async function text(body: ObjectBody): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body.body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The names of the commands `client` sends from now on. */
function recordCommands(client: S3Client): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return names;
}

it('puts a small body in one PutObject', async () => {
  const clients = createEmulatorClients(aws.endpoints);
  const commands = recordCommands(clients.s3);
  await new S3ObjectStore(clients.s3, { multipartThresholdBytes: minimumPartBytes }).put({ bucket, key: 'small.txt' }, new Uint8Array(minimumPartBytes));
  clients.destroy();
  expect(commands).toEqual(['PutObjectCommand']);
});

const awkwardKeys = ['with space.txt', 'plus+sign.txt', 'ünïcødé/日本語 ✓.txt', 'a%20b.txt', 'dir/sub dir/+ + +.txt', "quote'n\"amp&.txt"];

describe('S3ObjectStore on s3rver', () => {
  it('puts, heads and reads back text with content type and metadata', async () => {
    const ref = { bucket, key: 'docs/hello.txt' };
    const put = await store.put(ref, 'hello wörld', { contentType: 'text/plain; charset=utf-8', metadata: { Source: 'test', 'x-count': '3' } });
    expect(put).toMatchObject({ ...ref, size: Buffer.byteLength('hello wörld'), contentType: 'text/plain; charset=utf-8', metadata: { source: 'test', 'x-count': '3' } });
    expect(put.etag).toBe(createHash('md5').update('hello wörld').digest('hex'));
    const head = await store.head(ref);
    expect(head).toMatchObject({ size: put.size, etag: put.etag, contentType: 'text/plain; charset=utf-8', metadata: { source: 'test', 'x-count': '3' } });
    expect(head.lastModified).toBeInstanceOf(Date);
    const read = await store.read(ref);
    expect(read.info).toMatchObject({ size: put.size, etag: put.etag, metadata: { source: 'test', 'x-count': '3' } });
    expect(await text(read)).toBe('hello wörld');
  });

  it.each(awkwardKeys)('keeps the key %j exact through put, head, read, copy, list and delete', async (key) => {
    const ref = { bucket, key: `awkward/${key}` };
    await store.put(ref, `body of ${key}`, { contentType: 'text/plain' });
    expect((await store.head(ref)).key).toBe(ref.key);
    expect(await text(await store.read(ref))).toBe(`body of ${key}`);
    const copy = { bucket, key: `copies/${key}` };
    expect(await store.copy(ref, copy)).toMatchObject({ key: copy.key, size: Buffer.byteLength(`body of ${key}`), contentType: 'text/plain' });
    const listed = [];
    for await (const info of store.list(bucket, 'copies/')) listed.push(info.key);
    expect(listed).toContain(copy.key);
    await store.delete(copy);
    await expect(store.head(copy)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('copies server-side, keeping content type and metadata', async () => {
    const from = { bucket, key: 'copy/source.txt' };
    const other = await aws.createBucket('backup');
    const put = await store.put(from, 'copy me', { contentType: 'text/markdown', metadata: { author: 'ada' } });
    const copied = await store.copy(from, { bucket: other, key: 'copy/source.txt' });
    expect(copied).toMatchObject({ bucket: other, size: put.size, etag: put.etag, contentType: 'text/markdown', metadata: { author: 'ada' } });
  });

  it('refuses to copy an object onto itself, and reports a missing source as not found', async () => {
    const ref = { bucket, key: 'copy/self.txt' };
    await store.put(ref, 'x');
    await expect(store.copy(ref, ref)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.copy({ bucket, key: 'copy/missing.txt' }, { bucket, key: 'copy/elsewhere.txt' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reads byte ranges (end exclusive) and reports the whole object size', async () => {
    const ref = { bucket, key: 'ranges/digits.txt' };
    await store.put(ref, '0123456789');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), async (start, length) => {
        const end = length === undefined ? undefined : start + length;
        const read = await store.read(ref, { start, end });
        expect(read.info.size).toBe(10);
        expect(await text(read)).toBe('0123456789'.slice(start, end));
      }),
      // The first byte alone (bytes=0-0) and the tail past the end are the edge cases worth pinning.
      { numRuns: 15, examples: [[0, 1], [9, 5], [0, undefined]] },
    );
  });

  it('rejects ranges that are malformed or start past the end, saying why', async () => {
    const ref = { bucket, key: 'ranges/short.txt' };
    await store.put(ref, 'abc');
    await expect(store.read(ref, { start: -1 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/range start -1/) });
    await expect(store.read(ref, { start: 2, end: 2 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/greater than start/) });
    await expect(store.read(ref, { start: 3 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/past the end .*3 bytes/) });
  });

  it('reads an empty object, ranged from 0 too', async () => {
    const ref = { bucket, key: 'ranges/empty.txt' };
    await store.put(ref, '');
    expect(await text(await store.read(ref))).toBe('');
    expect(await text(await store.read(ref, { start: 0 }))).toBe('');
  });

  it('raises NotFoundError for a missing key or bucket, naming it', async () => {
    await expect(store.read({ bucket, key: 'nope.txt' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/"nope.txt"/) });
    await expect(store.head({ bucket, key: 'nope.txt' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.read({ bucket: 'no-such-bucket-here', key: 'a' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no-such-bucket-here/) });
    const listing = async () => {
      for await (const info of store.list('no-such-bucket-here')) void info;
    };
    await expect(listing()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists every object under a prefix across pages, without metadata', async () => {
    const keys = Array.from({ length: 5 }, (_, i) => `list/item-${i}.txt`);
    for (const key of keys) await store.put({ bucket, key }, key, { metadata: { k: 'v' } });
    await store.put({ bucket, key: 'listing-not-under-prefix.txt' }, 'x');
    const listed = [];
    for await (const info of store.list(bucket, 'list/')) listed.push(info);
    expect(listed.map((info) => info.key)).toEqual(keys);
    expect(listed.every((info) => info.size > 0 && info.etag.length === 32 && Object.keys(info.metadata).length === 0)).toBe(true);
  });

  it('deletes, and deleting a missing key succeeds like S3', async () => {
    const ref = { bucket, key: 'gone.txt' };
    await store.put(ref, 'x');
    await store.delete(ref);
    await store.delete(ref);
    await expect(store.head(ref)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('validates keys and metadata before sending', async () => {
    await expect(store.put({ bucket, key: '' }, 'x')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.put({ bucket, key: 'k'.repeat(1025) }, 'x')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/1025 bytes/) });
    await expect(store.put({ bucket, key: 'm' }, 'x', { metadata: { 'bad name': 'v' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.put({ bucket, key: 'm' }, 'x', { metadata: { inject: 'a\r\nX-Evil: 1' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.put({ bucket, key: 'm' }, 'x', { metadata: { name: 'Zoë' } })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/printable ASCII/) });
  });

  it('uploads a stream above the threshold as a multipart upload and streams a 50 MB read in small chunks', async () => {
    const clients = createEmulatorClients(aws.endpoints);
    const commands = recordCommands(clients.s3);
    const recording = new S3ObjectStore(clients.s3, { multipartThresholdBytes: minimumPartBytes });
    const ref = { bucket, key: 'big/fifty-megabytes.bin' };
    const size = 50 * 1024 * 1024;
    const hash = createHash('md5');
    async function* generate(): AsyncIterable<Uint8Array> {
      const block = new Uint8Array(256 * 1024);
      for (let offset = 0, n = 0; offset < size; offset += block.length, n++) {
        block.fill(n % 251);
        hash.update(block);
        yield block.slice();
      }
    }
    const put = await recording.put(ref, generate(), { contentType: 'application/octet-stream' });
    clients.destroy();
    expect(put.size).toBe(size);
    expect(commands.filter((name) => name === 'UploadPartCommand')).toHaveLength(10);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    expect(commands).not.toContain('PutObjectCommand');
    const expected = hash.digest('hex');

    const read = await store.read(ref);
    expect(read.info.size).toBe(size);
    const received = createHash('md5');
    let bytes = 0;
    let largestChunk = 0;
    let chunks = 0;
    for await (const chunk of read.body) {
      received.update(chunk);
      bytes += chunk.length;
      largestChunk = Math.max(largestChunk, chunk.length);
      chunks += 1;
    }
    expect(bytes).toBe(size);
    expect(received.digest('hex')).toBe(expected);
    // Never the whole object at once: the socket's chunks come through as they arrive.
    expect(largestChunk).toBeLessThanOrEqual(1024 * 1024);
    expect(chunks).toBeGreaterThan(50);
  });

  it('stops reading early without leaking the connection', async () => {
    const ref = { bucket, key: 'big/early-exit.bin' };
    await store.put(ref, new Uint8Array(3 * 1024 * 1024).fill(7));
    for (let round = 0; round < 60; round++) {
      const read = await store.read(ref);
      for await (const chunk of read.body) {
        expect(chunk[0]).toBe(7);
        break;
      }
    }
    // The SDK's pool has 50 sockets: without destroying abandoned bodies, this would stall.
    expect(await text(await store.read({ bucket, key: 'docs/hello.txt' }))).toBe('hello wörld');
  });

  it('refuses a multipart threshold below S3\'s minimum part size', () => {
    expect(() => new S3ObjectStore(aws.clients.s3, { multipartThresholdBytes: 1024 })).toThrow(WordFreqError);
  });
});
