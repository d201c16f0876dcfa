import { WordFreqError } from '../errors.js';
import type { ObjectInfo } from '../ports/object-store.port.js';
import { backupIsCurrent, replicateUpload, type ReplicateUploadDeps, type ReplicateUploadOptions } from './replicate-upload.js';

export interface ReconcileBackupsOptions extends ReplicateUploadOptions {
  /** Only keys starting with this. */
  readonly prefix?: string;
}

export interface ReconcileReport {
  /** Objects looked at in the primary bucket. */
  readonly checked: number;
  /** Keys copied because the backup was missing or holds another version. */
  readonly copied: string[];
}

/**
 * Finds primary objects whose backup is missing or holds another version, and copies them. A backup
 * is current when its size and ETag equal the source's (from the listings); when only the ETags
 * differ, a HEAD reads the source ETag the backup recorded (`wordfreq-source-etag`), because a
 * server-side copy of a multipart upload has an ETag of its own. So a same-size overwrite whose
 * backup event was lost is repaired, and a multipart object is not recopied on every run. Memory
 * grows with the number of backup keys (one listing is held to avoid a HEAD per object). An object deleted between listing and copying is skipped;
 * other errors stop the run and propagate (running it again is harmless).
 */
export async function reconcileBackups(primaryBucket: string, deps: ReplicateUploadDeps, options: ReconcileBackupsOptions): Promise<ReconcileReport> {
  const { storage } = deps;
  const backups = new Map<string, ObjectInfo>();
  for await (const object of storage.list(options.backupBucket, options.prefix)) backups.set(object.key, object);

  let checked = 0;
  const copied: string[] = [];
  for await (const object of storage.list(primaryBucket, options.prefix)) {
    checked++;
    const backup = backups.get(object.key);
    if (backup && backup.size === object.size && (backup.etag === object.etag || backupIsCurrent(object, await storage.head(backup)))) continue;
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
