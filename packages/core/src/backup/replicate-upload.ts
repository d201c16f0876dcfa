import { ConfigError, TransientError, WordFreqError } from '../errors.js';
import type { Logger } from '../ports/logger.port.js';
import type { ObjectInfo, ObjectRef, ObjectStore } from '../ports/object-store.port.js';

export interface ReplicateUploadDeps {
  readonly storage: ObjectStore;
  readonly logger?: Logger;
}

export interface ReplicateUploadOptions {
  readonly backupBucket: string;
}

/**
 * Copies an uploaded object to the backup bucket under the same key (a server-side copy, which keeps
 * content type and metadata) and checks the copy's size against the source's.
 * - Idempotent: when the backup already holds an object of the same size and ETag, nothing is copied
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
  if (existing && existing.size === source.size && existing.etag === source.etag) {
    deps.logger?.debug('backup already up to date', { key: ref.key, backupBucket: target.bucket });
    return existing;
  }

  const copy = await storage.copy(ref, target);
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
