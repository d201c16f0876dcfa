/** Where an object lives. Keys are plain (already URL-decoded) strings. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface ObjectInfo extends ObjectRef {
  readonly size: number;
  /** The store's entity tag, without surrounding quotes. */
  readonly etag: string;
  readonly contentType?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly lastModified?: Date;
}

/** Byte range, inclusive of `start`, exclusive of `end` (like `Uint8Array.subarray`). */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

export interface PutOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ReadOptions {
  /**
   * Aborting stops the download itself (the request and its body stream), not only the reading
   * between chunks: a GET whose body stalls would otherwise hold its job forever (issue 11, finding 9).
   */
  readonly signal?: AbortSignal;
}

export interface ObjectBody {
  readonly info: ObjectInfo;
  /** Streamed in chunks; never the whole object buffered. */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * A bucket-and-key object store (S3 semantics). Missing objects raise `NotFoundError`;
 * throttling and network faults raise `TransientError`.
 */
export interface CopyOptions {
  readonly metadata?: Readonly<Record<string, string>>;
  readonly ifSourceEtag?: string;
}

export interface ObjectStore {
  head(ref: ObjectRef): Promise<ObjectInfo>;
  read(ref: ObjectRef, range?: ByteRange, options?: ReadOptions): Promise<ObjectBody>;
  put(ref: ObjectRef, body: Uint8Array | string | AsyncIterable<Uint8Array>, options?: PutOptions): Promise<ObjectInfo>;
  /**
   * Server-side copy; keeps content type and metadata, plus `options.metadata` (added, winning on a
   * clash). With `options.ifSourceEtag` the copy happens only while the source still has that ETag
   * (S3's CopySourceIfMatch); otherwise `TransientError`, so a retry copies the new version.
   */
  copy(from: ObjectRef, to: ObjectRef, options?: CopyOptions): Promise<ObjectInfo>;
  list(bucket: string, prefix?: string): AsyncIterable<ObjectInfo>;
  delete(ref: ObjectRef): Promise<void>;
}
