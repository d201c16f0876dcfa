import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type LifecycleRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  NotFoundError,
  TransientError,
  type ByteRange,
  type CopyOptions,
  type ObjectBody,
  type ReadOptions,
  type ObjectInfo,
  type ObjectRef,
  type ObjectStore,
  type PutOptions,
  type WordFreqError,
} from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { awsErrorName, callAws, translateAwsError } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { minimumPartBytes } from './s3-part-size.js';
import { copySource, normaliseMetadata, rangeHeader, unquoteEtag, validateKey } from './s3-object-validation.js';

export interface S3ObjectStoreOptions {
  /**
   * Bodies larger than this go up as a multipart upload in parts of this size (at least 5 MiB, S3's
   * minimum part size); smaller ones in one PutObject. Default 16 MiB. At most two parts are held in
   * memory at a time.
   */
  readonly multipartThresholdBytes?: number;
  /** Keys per ListObjectsV2 page (default 1000, S3's maximum). */
  readonly listPageSize?: number;
}

export { minimumPartBytes };
export const glacierRuleId = 'wordfreq-glacier-transition';
const encoder = new TextEncoder();

/**
 * `ObjectStore` on S3. Reads stream the response body chunk by chunk (never buffered whole), and a
 * failure in the middle of a stream surfaces as the core's TransientError like any other network fault.
 */
@injectable()
export class S3ObjectStore implements ObjectStore {
  readonly #threshold: number;
  readonly #pageSize: number;

  constructor(
    @inject(AwsTokens.S3Client) private readonly s3: S3Client,
    @inject(AwsTokens.S3ObjectStoreOptions) options: S3ObjectStoreOptions = {},
  ) {
    this.#threshold = options.multipartThresholdBytes ?? 16 * 1024 * 1024;
    if (!Number.isSafeInteger(this.#threshold) || this.#threshold < minimumPartBytes) {
      throw badInput(`multipartThresholdBytes must be an integer >= ${minimumPartBytes} (S3's minimum part size), got ${this.#threshold}`);
    }
    this.#pageSize = options.listPageSize ?? 1000;
    if (!Number.isSafeInteger(this.#pageSize) || this.#pageSize < 1 || this.#pageSize > 1000) {
      throw badInput(`listPageSize must be an integer from 1 to 1000, got ${this.#pageSize}`);
    }
  }

  async head(ref: ObjectRef): Promise<ObjectInfo> {
    const out = await callAws(
      `HeadObject ${describe(ref)}`,
      () => this.s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })),
      (error) => notFound(error, ref),
    );
    return {
      bucket: ref.bucket,
      key: ref.key,
      size: out.ContentLength ?? 0,
      etag: unquoteEtag(out.ETag),
      ...(out.ContentType === undefined ? {} : { contentType: out.ContentType }),
      metadata: { ...out.Metadata },
      ...(out.LastModified === undefined ? {} : { lastModified: out.LastModified }),
    };
  }

  async read(ref: ObjectRef, range?: ByteRange, options: ReadOptions = {}): Promise<ObjectBody> {
    const what = `GetObject ${describe(ref)}`;
    const Range = range === undefined ? undefined : rangeHeader(ref, range);
    const { signal } = options;
    signal?.throwIfAborted();
    let out;
    try {
      out = await this.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, Range }), signal ? { abortSignal: signal } : {});
    } catch (error) {
      if (awsErrorName(error) === 'InvalidRange' && range !== undefined) return this.#emptyOrPastEnd(ref, range, error);
      throw notFound(error, ref) ?? translateAwsError(error, what);
    }
    const info: ObjectInfo = {
      bucket: ref.bucket,
      key: ref.key,
      // A ranged answer's Content-Length is the range's; the object's size follows the '/'.
      size: totalSize(out.ContentRange) ?? out.ContentLength ?? 0,
      etag: unquoteEtag(out.ETag),
      ...(out.ContentType === undefined ? {} : { contentType: out.ContentType }),
      metadata: { ...out.Metadata },
      ...(out.LastModified === undefined ? {} : { lastModified: out.LastModified }),
    };
    const body = out.Body as unknown as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    return { info, body: body === undefined ? noChunks() : translatedChunks(body, what, signal) };
  }

  async put(ref: ObjectRef, body: Uint8Array | string | AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<ObjectInfo> {
    validateKey(ref);
    const metadata = normaliseMetadata(options.metadata ?? {});
    const params = {
      Bucket: ref.bucket,
      Key: ref.key,
      ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
      Metadata: metadata,
    };
    const what = `PutObject ${describe(ref)}`;
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    let size: number;
    let etag: string | undefined;
    if (bytes instanceof Uint8Array && bytes.length <= this.#threshold) {
      size = bytes.length;
      const out = await callAws(what, () => this.s3.send(new PutObjectCommand({ ...params, Body: bytes, ContentLength: size })), (error) => noBucket(error, ref));
      etag = out.ETag;
    } else {
      const counted = bytes instanceof Uint8Array ? { source: bytes, bytes: () => bytes.length } : counting(bytes as AsyncIterable<Uint8Array>);
      const upload = new Upload({
        client: this.s3,
        params: { ...params, Body: counted.source instanceof Uint8Array ? counted.source : Readable.from(counted.source) },
        partSize: this.#threshold,
        queueSize: 2,
      });
      const out = await callAws(`${what} (multipart)`, () => upload.done(), (error) => noBucket(error, ref));
      size = counted.bytes();
      etag = out.ETag;
    }
    return {
      bucket: ref.bucket,
      key: ref.key,
      size,
      etag: unquoteEtag(etag),
      ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
      metadata,
    };
  }

  /**
   * Server-side copy with `MetadataDirective: COPY`, so content type and user metadata travel along.
   * One CopyObject call: objects up to 5 GB (S3's limit for it), far above what wordfreq stores.
   */
  async copy(from: ObjectRef, to: ObjectRef, options: CopyOptions = {}): Promise<ObjectInfo> {
    validateKey(to);
    if (from.bucket === to.bucket && from.key === to.key) {
      throw badInput(`cannot copy ${describe(from)} onto itself; choose a different key or bucket`);
    }
    // Adding metadata means REPLACE, which drops what is not restated: restate the source's.
    const source = options.metadata ? await this.head(from) : undefined;
    await callAws(
      `CopyObject ${describe(from)} to ${describe(to)}`,
      () =>
        this.s3.send(
          new CopyObjectCommand({
            Bucket: to.bucket,
            Key: to.key,
            CopySource: copySource(from),
            ...(options.ifSourceEtag === undefined ? {} : { CopySourceIfMatch: `"${options.ifSourceEtag}"` }),
            ...(source
              ? { MetadataDirective: 'REPLACE', Metadata: { ...source.metadata, ...options.metadata }, ...(source.contentType ? { ContentType: source.contentType } : {}) }
              : { MetadataDirective: 'COPY' }),
          }),
        ),
      (error) => {
        if (awsErrorName(error) === 'PreconditionFailed') {
          return new TransientError(`${describe(from)} changed before it could be copied to ${describe(to)}; retry`, { cause: error });
        }
        if (awsErrorName(error) === 'NoSuchBucket') return new NotFoundError(`copying ${describe(from)} to ${describe(to)}: a bucket does not exist`, { cause: error });
        return notFound(error, from);
      },
    );
    // CopyObject answers with the ETag only; the caller needs the size (backups check it).
    return this.head(to);
  }

  async *list(bucket: string, prefix = ''): AsyncIterable<ObjectInfo> {
    const pages = paginateListObjectsV2({ client: this.s3, pageSize: this.#pageSize }, { Bucket: bucket, Prefix: prefix === '' ? undefined : prefix });
    const what = `ListObjectsV2 s3://${bucket}/${prefix}*`;
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      const page = await callAws(what, () => iterator.next(), (error) => bucketMissing(error, bucket));
      if (page.done) return;
      for (const item of page.value.Contents ?? []) {
        if (item.Key === undefined) continue;
        // ListObjectsV2 carries neither content type nor user metadata.
        yield {
          bucket,
          key: item.Key,
          size: item.Size ?? 0,
          etag: unquoteEtag(item.ETag),
          metadata: {},
          ...(item.LastModified === undefined ? {} : { lastModified: item.LastModified }),
        };
      }
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    // Deleting a missing key succeeds on S3; a missing bucket does not.
    await callAws(`DeleteObject ${describe(ref)}`, () => this.s3.send(new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key })), (error) => noBucket(error, ref));
  }

  /**
   * Makes `bucket`'s lifecycle move every object to GLACIER `days` after creation. Other rules of the
   * bucket are kept (the API replaces the whole configuration, so they are read and written back);
   * calling it again replaces only this rule. Idempotent.
   */
  async applyGlacierLifecycle(bucket: string, days: number): Promise<void> {
    if (!Number.isSafeInteger(days) || days < 0) throw badInput(`Glacier transition for bucket "${bucket}" needs whole days >= 0, got ${days}`);
    let existing: LifecycleRule[];
    try {
      existing = (await this.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    } catch (error) {
      if (awsErrorName(error) !== 'NoSuchLifecycleConfiguration') {
        throw bucketMissing(error, bucket) ?? translateAwsError(error, `GetBucketLifecycleConfiguration s3://${bucket}`);
      }
      existing = [];
    }
    const rule: LifecycleRule = {
      ID: glacierRuleId,
      Status: 'Enabled',
      Filter: { Prefix: '' },
      Transitions: [{ Days: days, StorageClass: 'GLACIER' }],
    };
    const Rules = [...existing.filter((other) => other.ID !== glacierRuleId), rule];
    await callAws(
      `PutBucketLifecycleConfiguration s3://${bucket}`,
      () => this.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules } })),
      (error) => bucketMissing(error, bucket),
    );
  }

  /** S3 answers 416 for a range starting at or past the end, except for reading an empty object from 0. */
  async #emptyOrPastEnd(ref: ObjectRef, range: ByteRange, cause: unknown): Promise<ObjectBody> {
    const info = await this.head(ref);
    if (range.start === 0 && info.size === 0) return { info, body: noChunks() };
    throw badInput(`range start ${range.start} is past the end of ${ref.bucket}/${ref.key} (${info.size} bytes)`, cause);
  }
}

function describe(ref: ObjectRef): string {
  return `s3://${ref.bucket}/${ref.key}`;
}

function notFound(error: unknown, ref: ObjectRef): WordFreqError | undefined {
  const name = awsErrorName(error);
  if (name === 'NoSuchKey' || name === 'NotFound') {
    return new NotFoundError(`no object "${ref.key}" in bucket "${ref.bucket}"; keys are exact and case-sensitive (not URL-encoded)`, { cause: error });
  }
  return noBucket(error, ref);
}

function noBucket(error: unknown, ref: ObjectRef): WordFreqError | undefined {
  return bucketMissing(error, ref.bucket);
}

function bucketMissing(error: unknown, bucket: string): WordFreqError | undefined {
  if (awsErrorName(error) !== 'NoSuchBucket') return undefined;
  return new NotFoundError(`bucket "${bucket}" does not exist; create it first or check the name`, { cause: error });
}

function totalSize(contentRange: string | undefined): number | undefined {
  const total = contentRange?.split('/')[1];
  return total === undefined || total === '*' ? undefined : Number(total);
}

async function* noChunks(): AsyncIterable<Uint8Array> {}

/**
 * The body's chunks with errors translated; leaving early frees the socket. An abort destroys the
 * stream itself, so a download stalled between chunks ends at once (the socket is closed) and the
 * reader sees the abort reason: the SDK's own abortSignal is not relied on once the response has begun.
 */
async function* translatedChunks(body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void }, what: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  const onAbort = () => body.destroy?.(signal?.reason instanceof Error ? signal.reason : new Error(String(signal?.reason)));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    for await (const chunk of body) yield chunk;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw translateAwsError(error, `${what} (reading the body)`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    body.destroy?.();
  }
}

function counting(source: AsyncIterable<Uint8Array>): { source: AsyncIterable<Uint8Array>; bytes: () => number } {
  let total = 0;
  async function* pass(): AsyncIterable<Uint8Array> {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (!(bytes instanceof Uint8Array)) throw badInput(`put body chunks must be Uint8Array or string, got ${Object.prototype.toString.call(chunk)}`);
      total += bytes.length;
      yield bytes;
    }
  }
  return { source: pass(), bytes: () => total };
}
