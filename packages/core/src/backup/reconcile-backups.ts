import { WordFreqError } from '../errors.js';
import { replicateUpload, type ReplicateUploadDeps, type ReplicateUploadOptions } from './replicate-upload.js';

export interface ReconcileBackupsOptions extends ReplicateUploadOptions {
  /** Only keys starting with this. */
  readonly prefix?: string;
}

export interface ReconcileReport {
  /** Objects looked at in the primary bucket. */
  readonly checked: number;
  /** Keys copied because the backup was missing or had another size. */
  readonly copied: string[];
}

/**
 * Finds primary objects whose backup is missing or differs in size, and copies them. Sizes, not
 * ETags, decide: a server-side copy of a multipart upload gets a different ETag, which would make
 * every such object look stale for ever. Memory grows with the number of backup keys (one listing is
 * held to avoid a HEAD per object). An object deleted between listing and copying is skipped;
 * other errors stop the run and propagate (running it again is harmless).
 */
export async function reconcileBackups(primaryBucket: string, deps: ReplicateUploadDeps, options: ReconcileBackupsOptions): Promise<ReconcileReport> {
  const { storage } = deps;
  const backupSizes = new Map<string, number>();
  for await (const object of storage.list(options.backupBucket, options.prefix)) backupSizes.set(object.key, object.size);

  let checked = 0;
  const copied: string[] = [];
  for await (const object of storage.list(primaryBucket, options.prefix)) {
    checked++;
    if (backupSizes.get(object.key) === object.size) continue;
    try {
      await replicateUpload({ bucket: primaryBucket, key: object.key }, deps, options);
      copied.push(object.key);
    } catch (error) {
      if (!WordFreqError.hasCode(error, 'NOT_FOUND')) throw error;
      deps.logger?.info('object deleted before it could be reconciled', { bucket: primaryBucket, key: object.key });
    }
  }
  deps.logger?.info('backups reconciled', { primaryBucket, backupBucket: options.backupBucket, checked, copied: copied.length });
  return { checked, copied };
}
