import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { decodeS3EventKey, WordFreqError, type Logger, type Metrics, type ObjectRef, type ObjectStore } from '@wordfreq/core';
import type { ReplicateUploadFn } from '@wordfreq/core/di';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { inInvocation } from '../observability/invocation-context.js';

export interface BackupHandlerDeps {
  /** The use case, bound to its ports (`replicateUploadFrom(container)`). */
  readonly replicateUpload: ReplicateUploadFn;
  /** The same object store, to tell a vanished upload from a missing backup bucket. */
  readonly storage: ObjectStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface BackupHandlerOptions {
  readonly backupBucket: string;
  /** Records of one event copied at once (S3 sends one per event today; the format allows more). */
  readonly concurrency?: number;
}

type Outcome = 'copied' | 'skipped' | { readonly error: unknown; readonly ref?: ObjectRef };

/**
 * S3 `ObjectCreated:*` notifications on the primary bucket -> `replicateUpload` into the backup bucket.
 * S3 invokes asynchronously: a thrown error makes Lambda retry the event (twice by default) and then
 * hand it to the function's on-failure destination, so a copy that failed is retried, never dropped.
 * Records that did succeed are copied again on that retry, which `replicateUpload` makes a cheap no-op.
 */
export function createBackupHandler(deps: BackupHandlerDeps, options: BackupHandlerOptions): (event: S3Event, context: Context) => Promise<void> {
  const { logger, metrics } = deps;

  const backUp = async (record: S3EventRecord, index: number): Promise<Outcome> => {
    if (!record.eventName?.startsWith('ObjectCreated:')) {
      logger.debug('not an ObjectCreated record; nothing to back up', { eventName: record.eventName, index });
      return 'skipped';
    }
    let ref: ObjectRef;
    try {
      // S3 writes keys URL-encoded in notifications ("a b.txt" arrives as "a+b.txt").
      ref = { bucket: record.s3.bucket.name, key: decodeS3EventKey(record.s3.object.key, `record ${index}`) };
    } catch (error) {
      return { error };
    }
    try {
      const copy = await deps.replicateUpload(ref, { backupBucket: options.backupBucket });
      metrics.record('BackupsCopied', 1, 'Count');
      metrics.record('BackupBytes', copy.size, 'Bytes');
      return 'copied';
    } catch (error) {
      if (WordFreqError.hasCode(error, 'NOT_FOUND') && (await sourceIsGone(ref))) {
        // Deleted before we got to it: there is nothing left to back up, and retrying cannot change that.
        logger.warn('upload vanished before it could be backed up', { bucket: ref.bucket, key: ref.key });
        metrics.record('BackupsSkipped', 1, 'Count');
        return 'skipped';
      }
      return { error, ref };
    }
  };

  // NOT_FOUND may also mean the backup bucket is missing (a deployment error that must fail loudly),
  // so a skip needs the source itself to be gone.
  const sourceIsGone = async (ref: ObjectRef): Promise<boolean> => {
    try {
      await deps.storage.head(ref);
      return false;
    } catch (error) {
      return WordFreqError.hasCode(error, 'NOT_FOUND');
    }
  };

  return inInvocation(async (event) => {
    const records = event.Records ?? [];
    const outcomes = await mapWithConcurrency(records, options.concurrency ?? 4, backUp);
    const failures = outcomes.flatMap((o) => (typeof o === 'object' ? [o] : []));
    for (const failure of failures) {
      logger.error('backup failed', { ...(failure.ref ?? {}), backupBucket: options.backupBucket, error: failure.error });
    }
    logger.info('backup event done', { records: records.length, copied: outcomes.filter((o) => o === 'copied').length, failed: failures.length });
    if (failures.length > 0) {
      metrics.record('BackupsFailed', failures.length, 'Count');
      const what = failures.map((f) => (f.ref ? `${f.ref.bucket}/${f.ref.key}` : 'a record with an unreadable key')).join(', ');
      throw new AggregateError(
        failures.map((f) => f.error),
        `${failures.length} of ${records.length} uploads were not backed up to ${options.backupBucket} (${what}); Lambda retries the event`,
      );
    }
  });
}
