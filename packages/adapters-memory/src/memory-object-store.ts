import { createHash } from 'node:crypto';
import {
  NotFoundError,
  TransientError,
  systemClock,
  type ByteRange,
  type CopyOptions,
  type Clock,
  type ObjectBody,
  type ObjectInfo,
  type ObjectRef,
  type ObjectStore,
  type PutOptions,
  type ReadOptions,
} from '@wordfreq/core';
import { badInput } from './bad-input.js';
import { compareUtf8 } from './utf8-order.js';

/** What S3 would announce in an event notification for a new object. */
export interface ObjectCreatedEvent {
  readonly eventName: 'ObjectCreated:Put' | 'ObjectCreated:Copy';
  readonly object: ObjectInfo;
}

export type ObjectCreatedListener = (event: ObjectCreatedEvent) => void | Promise<void>;

export interface MemoryObjectStoreOptions {
  /** Buckets that exist from the start. */
  readonly buckets?: Iterable<string>;
  readonly clock?: Clock;
  /** Keys per page when listing (S3: 1000); small values let tests cross page boundaries cheaply. */
  readonly listPageSize?: number;
  /** Size of the chunks a read yields. */
  readonly readChunkBytes?: number;
  /** Where a failing `onObjectCreated` listener is reported; it never fails the upload. */
  readonly onListenerError?: (error: unknown, event: ObjectCreatedEvent) => void;
}

interface StoredObject {
  readonly bytes: Uint8Array;
  readonly etag: string;
  readonly contentType?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly lastModified: Date;
}

interface Bucket {
  readonly objects: Map<string, StoredObject>;
  /** Keys in S3 list order, rebuilt lazily after writes. */
  sortedKeys?: string[];
}

const maxKeyBytes = 1024;
const maxMetadataBytes = 2048;
const bucketNamePattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const encoder = new TextEncoder();

/**
 * S3 in a Map: buckets must exist, keys are exact strings (never URL-decoded here), ETags are the MD5
 * of the content, user-metadata keys are lower-cased like S3 does, lists come in UTF-8 key order page
 * by page, reads are streamed in fixed-size chunks. `onObjectCreated` stands in for bucket
 * notifications.
 */
export class MemoryObjectStore implements ObjectStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #listeners = new Set<ObjectCreatedListener>();
  readonly #clock: Clock;
  readonly #pageSize: number;
  readonly #chunkBytes: number;
  readonly #onListenerError: (error: unknown, event: ObjectCreatedEvent) => void;

  constructor(options: MemoryObjectStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#pageSize = positiveInteger(options.listPageSize ?? 1000, 'listPageSize');
    this.#chunkBytes = positiveInteger(options.readChunkBytes ?? 64 * 1024, 'readChunkBytes');
    this.#onListenerError =
      options.onListenerError ??
      ((error, event) =>
        process.emitWarning(
          `onObjectCreated listener failed for ${event.object.bucket}/${event.object.key}: ${String(error)}`,
        ));
    for (const name of options.buckets ?? []) this.createBucket(name);
  }

  /** Creates a bucket (idempotent, like CreateBucket by its owner). Names follow S3's rules. */
  createBucket(name: string): void {
    if (!bucketNamePattern.test(name) || name.includes('..')) {
      throw badInput(
        `bucket name "${name}" is invalid; use 3-63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit`,
      );
    }
    if (!this.#buckets.has(name)) this.#buckets.set(name, { objects: new Map() });
  }

  hasBucket(name: string): boolean {
    return this.#buckets.has(name);
  }

  /**
   * Calls `listener` after every put and copy (the object is readable by then). `put` and `copy`
   * wait for listeners so an in-process upload is already a queue message when they resolve; a
   * listener's failure is reported, never turned into an upload failure. Returns an unsubscribe.
   */
  onObjectCreated(listener: ObjectCreatedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async head(ref: ObjectRef): Promise<ObjectInfo> {
    return infoOf(ref, this.#object(ref));
  }

  async read(ref: ObjectRef, range?: ByteRange, options: ReadOptions = {}): Promise<ObjectBody> {
    options.signal?.throwIfAborted();
    const stored = this.#object(ref);
    const size = stored.bytes.length;
    const { start, end } = resolveRange(ref, size, range);
    return { info: infoOf(ref, stored), body: chunksOf(stored.bytes, start, end, this.#chunkBytes, options.signal) };
  }

  async put(
    ref: ObjectRef,
    body: Uint8Array | string | AsyncIterable<Uint8Array>,
    options: PutOptions = {},
  ): Promise<ObjectInfo> {
    const bucket = this.#bucket(ref.bucket);
    validateKey(ref.key);
    const metadata = normaliseMetadata(options.metadata ?? {});
    const bytes = await collect(body);
    const stored: StoredObject = {
      bytes,
      etag: md5(bytes),
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      metadata,
      lastModified: this.#clock.now(),
    };
    this.#store(bucket, ref.key, stored);
    const info = infoOf(ref, stored);
    await this.#emit({ eventName: 'ObjectCreated:Put', object: info });
    return info;
  }

  async copy(from: ObjectRef, to: ObjectRef, options: CopyOptions = {}): Promise<ObjectInfo> {
    const source = this.#object(from);
    if (options.ifSourceEtag !== undefined && options.ifSourceEtag !== source.etag) {
      throw new TransientError(`${from.bucket}/${from.key} changed (ETag ${source.etag}, expected ${options.ifSourceEtag}) before it could be copied; retry`);
    }
    const target = this.#bucket(to.bucket);
    validateKey(to.key);
    if (from.bucket === to.bucket && from.key === to.key) {
      // S3 refuses this too, unless metadata is replaced; a self-copy is always a caller's mistake here.
      throw badInput(`cannot copy ${from.bucket}/${from.key} onto itself; choose a different key or bucket`);
    }
    const stored: StoredObject = { ...source, metadata: { ...source.metadata, ...options.metadata }, lastModified: this.#clock.now() };
    this.#store(target, to.key, stored);
    const info = infoOf(to, stored);
    await this.#emit({ eventName: 'ObjectCreated:Copy', object: info });
    return info;
  }

  async *list(bucketName: string, prefix = ''): AsyncIterable<ObjectInfo> {
    const bucket = this.#bucket(bucketName);
    let after: string | undefined;
    // Page by "start after the last key", like ListObjectsV2 continuation: writes between pages
    // show up or not depending on where they sort, exactly as on S3.
    for (;;) {
      const page = this.#page(bucket, prefix, after);
      for (const key of page) {
        const stored = bucket.objects.get(key);
        if (stored) yield listedInfo(bucketName, key, stored);
      }
      if (page.length < this.#pageSize) return;
      after = page[page.length - 1];
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    const bucket = this.#bucket(ref.bucket);
    // Deleting a missing key succeeds on S3.
    if (bucket.objects.delete(ref.key)) bucket.sortedKeys = undefined;
  }

  #page(bucket: Bucket, prefix: string, after: string | undefined): string[] {
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort(compareUtf8);
    const keys = bucket.sortedKeys;
    // Keys with a prefix are contiguous in sorted order, starting at the prefix itself.
    const fromPrefix = firstIndex(keys, (key) => compareUtf8(key, prefix) >= 0);
    const fromAfter = after === undefined ? 0 : firstIndex(keys, (key) => compareUtf8(key, after) > 0);
    const page: string[] = [];
    for (let index = Math.max(fromPrefix, fromAfter); index < keys.length && page.length < this.#pageSize; index += 1) {
      if (!keys[index].startsWith(prefix)) break;
      page.push(keys[index]);
    }
    return page;
  }

  #store(bucket: Bucket, key: string, stored: StoredObject): void {
    if (!bucket.objects.has(key)) bucket.sortedKeys = undefined;
    bucket.objects.set(key, stored);
  }

  async #emit(event: ObjectCreatedEvent): Promise<void> {
    const calls = [...this.#listeners].map(async (listener) => listener(event));
    for (const outcome of await Promise.allSettled(calls)) {
      if (outcome.status === 'rejected') this.#onListenerError(outcome.reason, event);
    }
  }

  #bucket(name: string): Bucket {
    const bucket = this.#buckets.get(name);
    if (!bucket) throw new NotFoundError(`bucket "${name}" does not exist; create it first or check the name`);
    return bucket;
  }

  #object(ref: ObjectRef): StoredObject {
    const stored = this.#bucket(ref.bucket).objects.get(ref.key);
    if (!stored) {
      throw new NotFoundError(
        `no object "${ref.key}" in bucket "${ref.bucket}"; keys are exact and case-sensitive (not URL-encoded)`,
      );
    }
    return stored;
  }
}

function infoOf(ref: ObjectRef, stored: StoredObject): ObjectInfo {
  return {
    bucket: ref.bucket,
    key: ref.key,
    size: stored.bytes.length,
    etag: stored.etag,
    ...(stored.contentType !== undefined ? { contentType: stored.contentType } : {}),
    metadata: { ...stored.metadata },
    lastModified: new Date(stored.lastModified),
  };
}

/** ListObjectsV2 returns neither content type nor user metadata; neither do we, so nobody relies on it. */
function listedInfo(bucket: string, key: string, stored: StoredObject): ObjectInfo {
  return {
    bucket,
    key,
    size: stored.bytes.length,
    etag: stored.etag,
    metadata: {},
    lastModified: new Date(stored.lastModified),
  };
}

function resolveRange(ref: ObjectRef, size: number, range: ByteRange | undefined): { start: number; end: number } {
  if (!range) return { start: 0, end: size };
  const { start } = range;
  const where = `${ref.bucket}/${ref.key} (${size} bytes)`;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw badInput(`range start ${start} for ${where} must be an integer >= 0`);
  }
  if (range.end !== undefined && (!Number.isSafeInteger(range.end) || range.end <= start)) {
    throw badInput(`range end ${range.end} for ${where} must be an integer greater than start ${start}`);
  }
  // S3 answers 416 when the first byte is past the end, and clamps a range that runs past it.
  if (start >= size && !(start === 0 && size === 0)) {
    throw badInput(`range start ${start} is past the end of ${where}`);
  }
  return { start, end: Math.min(range.end ?? size, size) };
}

async function* chunksOf(bytes: Uint8Array, start: number, end: number, chunk: number, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  for (let offset = start; offset < end; offset += chunk) {
    // As the S3 adapter: an aborted read ends with the abort reason, whoever iterates the body.
    signal?.throwIfAborted();
    // A copy, as a network read would give: callers may keep or mutate chunks without touching the store.
    yield bytes.slice(offset, Math.min(offset + chunk, end));
  }
}

async function collect(body: Uint8Array | string | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body.slice();
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    if (!(bytes instanceof Uint8Array)) {
      throw badInput(`put body chunks must be Uint8Array or string, got ${Object.prototype.toString.call(part)}`);
    }
    parts.push(bytes.slice());
    total += bytes.length;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function validateKey(key: string): void {
  const bytes = encoder.encode(key).length;
  if (bytes === 0) throw badInput('object key must not be empty');
  if (bytes > maxKeyBytes) throw badInput(`object key is ${bytes} bytes of UTF-8; S3 allows at most ${maxKeyBytes}`);
}

function normaliseMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw badInput(`metadata name "${name}" is not a valid HTTP header token; use letters, digits and -_.`);
    }
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw badInput(`metadata "${name}" must be a string without line breaks`);
    }
    // S3 stores user metadata as x-amz-meta-* headers, which come back lower-cased.
    out[name.toLowerCase()] = value;
    bytes += encoder.encode(name).length + encoder.encode(value).length;
  }
  if (bytes > maxMetadataBytes) {
    throw badInput(`user metadata is ${bytes} bytes; S3 allows at most ${maxMetadataBytes}`);
  }
  return out;
}

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Index of the first sorted key for which `isAtOrPast` holds (binary search; it must be monotone). */
function firstIndex(keys: readonly string[], isAtOrPast: (key: string) => boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAtOrPast(keys[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw badInput(`MemoryObjectStore option ${name} must be a positive integer, got ${value}`);
  }
  return value;
}
