// Small in-test fakes of the ports the job and backup use cases need. Core cannot depend on
// @wordfreq/adapters-memory (it depends on core), so these stay here, kept just faithful enough:
// missing objects raise NotFoundError, bodies stream in chunks, copies keep type and metadata.
import { NotFoundError, TransientError } from '../errors.js';
import { ManualClock } from '../manual-clock.js';
import type { ByteRange, CopyOptions, ObjectBody, ObjectInfo, ObjectRef, ObjectStore, PutOptions } from '../ports/object-store.port.js';
import { isNotOlderVersion, type JobResult, type ResultPublisher, type ResultStore, type SaveOutcome } from '../ports/result-store.port.js';

interface Stored {
  bytes: Uint8Array;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
  lastModified?: Date;
}

const utf8 = new TextEncoder();

export class FakeObjectStore implements ObjectStore {
  readonly objects = new Map<string, Stored>();
  readonly calls: string[] = [];
  /** Errors to throw from the next call of a method, in order. */
  readonly failures: Partial<Record<keyof ObjectStore, unknown[]>> = {};
  /** Bytes the next `copy` should lose, to simulate a truncated copy. */
  truncateCopies = 0;
  /** Chunks handed out by `read` bodies so far (a body closed unread hands out none). */
  chunksRead = 0;
  #etags = 0;

  /** When set, objects carry a last-modified time taken from it at each put (as S3's do). */
  clock?: { now(): Date };

  constructor(readonly chunkSize = 7) {}

  #fail(method: keyof ObjectStore): void {
    this.calls.push(method);
    const error = this.failures[method]?.shift();
    if (error !== undefined) throw error;
  }

  #get(ref: ObjectRef): Stored {
    const stored = this.objects.get(`${ref.bucket}/${ref.key}`);
    if (!stored) throw new NotFoundError(`${ref.bucket}/${ref.key} does not exist`);
    return stored;
  }

  #info(ref: ObjectRef, s: Stored): ObjectInfo {
    return {
      bucket: ref.bucket,
      key: ref.key,
      size: s.bytes.length,
      etag: s.etag,
      metadata: { ...s.metadata },
      ...(s.contentType ? { contentType: s.contentType } : {}),
      ...(s.lastModified ? { lastModified: s.lastModified } : {}),
    };
  }

  async head(ref: ObjectRef): Promise<ObjectInfo> {
    this.#fail('head');
    return this.#info(ref, this.#get(ref));
  }

  async read(ref: ObjectRef, range?: ByteRange): Promise<ObjectBody> {
    this.#fail('read');
    const stored = this.#get(ref);
    const bytes = stored.bytes.subarray(range?.start ?? 0, range?.end);
    const chunkSize = this.chunkSize;
    const store = this;
    async function* body() {
      for (let i = 0; i < bytes.length; i += chunkSize) {
        store.chunksRead += 1;
        yield bytes.slice(i, i + chunkSize);
      }
    }
    return { info: this.#info(ref, stored), body: body() };
  }

  async put(ref: ObjectRef, body: Uint8Array | string | AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<ObjectInfo> {
    this.#fail('put');
    let bytes: Uint8Array;
    if (typeof body === 'string') bytes = utf8.encode(body);
    else if (body instanceof Uint8Array) bytes = body;
    else {
      const parts: number[] = [];
      for await (const chunk of body) parts.push(...chunk);
      bytes = Uint8Array.from(parts);
    }
    const stored: Stored = {
      bytes,
      etag: `etag-${++this.#etags}`,
      metadata: { ...options.metadata },
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(this.clock ? { lastModified: this.clock.now() } : {}),
    };
    this.objects.set(`${ref.bucket}/${ref.key}`, stored);
    return this.#info(ref, stored);
  }

  async copy(from: ObjectRef, to: ObjectRef, options: CopyOptions = {}): Promise<ObjectInfo> {
    this.#fail('copy');
    const source = this.#get(from);
    if (options.ifSourceEtag !== undefined && options.ifSourceEtag !== source.etag) throw new TransientError(`${from.bucket}/${from.key} changed`);
    const bytes = source.bytes.subarray(0, source.bytes.length - this.truncateCopies);
    const stored: Stored = { ...source, bytes, metadata: { ...source.metadata, ...options.metadata } };
    this.objects.set(`${to.bucket}/${to.key}`, stored);
    return this.#info(to, stored);
  }

  async *list(bucket: string, prefix = ''): AsyncIterable<ObjectInfo> {
    this.#fail('list');
    for (const [name, stored] of [...this.objects].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!name.startsWith(`${bucket}/`)) continue;
      const key = name.slice(bucket.length + 1);
      if (key.startsWith(prefix)) yield this.#info({ bucket, key }, stored);
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    this.#fail('delete');
    this.objects.delete(`${ref.bucket}/${ref.key}`);
  }
}

export class FakeResultStore implements ResultStore {
  readonly rows = new Map<string, JobResult>();
  failures: unknown[] = [];
  async save(result: JobResult): Promise<SaveOutcome> {
    const error = this.failures.shift();
    if (error !== undefined) throw error;
    const stored = this.rows.get(result.filename);
    if (stored && !isNotOlderVersion(result.objectModifiedAt, stored.objectModifiedAt)) return 'superseded';
    this.rows.set(result.filename, result);
    return 'saved';
  }
  async markPublished(filename: string, resultId: string): Promise<void> {
    const stored = this.rows.get(filename);
    if (stored?.resultId === resultId) this.rows.set(filename, { ...stored, published: true });
  }
  async markUnpublished(filename: string, resultId: string): Promise<void> {
    const stored = this.rows.get(filename);
    if (stored?.resultId === resultId) this.rows.set(filename, { ...stored, published: false });
  }
  async get(filename: string): Promise<JobResult | undefined> {
    return this.rows.get(filename);
  }
  async *list(): AsyncIterable<JobResult> {
    yield* this.rows.values();
  }
}

export class FakePublisher implements ResultPublisher {
  readonly published: JobResult[] = [];
  failures: unknown[] = [];
  async publish(result: JobResult): Promise<void> {
    const error = this.failures.shift();
    if (error !== undefined) throw error;
    this.published.push(result);
  }
}

/**
 * The clock of core's tests: core's one ManualClock, moved by `advance` or, at once, by whatever
 * sleeps (a job's artificial delay), since these tests have nobody else to move time.
 */
export function manualClock(): ManualClock {
  return new ManualClock(Date.parse('2024-05-01T12:00:00.000Z'), { onSleep: 'advance' });
}
