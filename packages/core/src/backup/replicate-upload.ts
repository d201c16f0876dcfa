import { ConfigError, TransientError, WordFreqError } from '../errors.js';
import type { Logger } from '../ports/logger.port.js';
import type { ObjectInfo, ObjectRef, ObjectStore } from '../ports/object-store.port.js';

export interface ReplicateUploadDeps {
  readonly storage: ObjectStore;
  readonly logger?: Logger;
}

/**
 * User metadata on every backup: the ETag of the source version it copies. A server-side copy of a
 * multipart upload gets an ETag of its own, so the backup's ETag cannot be compared with the
 * source's; this recorded one can, whatever the upload's shape or encryption.
 */
export const sourceEtagMetadata = 'wordfreq-source-etag';

/** Whether `backup` holds the version of `source` (same size, and the source's ETag, directly or as recorded). */
export function backupIsCurrent(source: ObjectInfo, backup: ObjectInfo): boolean {
  return backup.size === source.size && (backup.metadata[sourceEtagMetadata] ?? backup.etag) === source.etag;
}

export interface ReplicateUploadOptions {
  readonly backupBucket: string;
}

/**
 * Copies an uploaded object to the backup bucket under the same key (a server-side copy, which keeps
 * content type and metadata) and checks the copy's size against the source's.
 * - Idempotent: when the backup already holds this version (same size, and the source's ETag as its
 *   own or recorded in `wordfreq-source-etag`), nothing is copied
 *   and that object is returned; otherwise copying again simply overwrites with the same bytes.
 * - A size mismatch (the source changed during the copy, or a copy went wrong) is a TransientError:
 *   the retry copies the then-current source.
 * - A missing source propagates as NotFoundError (deleted before it could be backed up); the caller
 *   decides whether that matters.
 */
export async function replicateUpload(ref: ObjectRef, deps: ReplicateUploadDeps, options: ReplicateUploadOptions): Promise<ObjectInfo> {
  if (typeof options.backupBucket !== 'string' || options.backupBucket === '') throw new ConfigError(['backupBucket must name the backup bucket']);
  if (options.backupBucket === ref.bucket) {
    throw new ConfigError([`backupBucket is "${ref.bucket}", the bucket the upload is in; a backup must go to another bucket`]);
  }
  const { storage } = deps;
  const target = { bucket: options.backupBucket, key: ref.key };
  const source = await storage.head(ref);

  const existing = await headIfExists(storage, target);
  if (existing && backupIsCurrent(source, existing)) {
    deps.logger?.debug('backup already up to date', { key: ref.key, backupBucket: target.bucket });
    return existing;
  }

  // Only the version we looked at is copied, so the ETag recorded is the one of the bytes copied.
  const copy = await storage.copy(ref, target, { ifSourceEtag: source.etag, metadata: { [sourceEtagMetadata]: source.etag } });
  if (copy.size !== source.size) {
    throw new TransientError(
      `backup ${target.bucket}/${target.key} is ${copy.size} bytes but ${ref.bucket}/${ref.key} is ${source.size} bytes; the copy will be retried`,
    );
  }
  deps.logger?.info('upload backed up', { key: ref.key, from: ref.bucket, to: target.bucket, bytes: copy.size });
  return copy;
}

async function headIfExists(storage: ObjectStore, ref: ObjectRef): Promise<ObjectInfo | undefined> {
  try {
    return await storage.head(ref);
  } catch (error) {
    if (WordFreqError.hasCode(error, 'NOT_FOUND')) return undefined;
    throw error;
  }
}
