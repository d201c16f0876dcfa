import { toS3EventNotification, type JobQueue } from '@wordfreq/core';
import type { ObjectCreatedListener } from './memory-object-store.js';

/** Anything that announces new objects the way `MemoryObjectStore.onObjectCreated` does. */
export interface ObjectCreatedSource {
  onObjectCreated(listener: ObjectCreatedListener): () => void;
}

export interface BridgeOptions {
  /** Only objects created in this bucket become messages (an S3 notification is per bucket). */
  readonly bucket?: string;
  /** Region written into the notification records (default `us-east-1`). */
  readonly region?: string;
}

/**
 * Plays S3's "send an event notification to SQS" configuration: every object created in the store
 * (put or copy) becomes an S3 event notification message on `queue`, byte for byte the JSON S3 sends,
 * so workers parse exactly what they will parse in production. Returns a function that unsubscribes.
 */
export function bridgeUploadsToQueue(store: ObjectCreatedSource, queue: JobQueue, options: BridgeOptions = {}): () => void {
  return store.onObjectCreated(async ({ eventName, object }) => {
    if (options.bucket !== undefined && object.bucket !== options.bucket) return;
    const body = toS3EventNotification(
      [{ bucket: object.bucket, key: object.key, size: object.size, etag: object.etag }],
      object.lastModified ?? new Date(),
      { eventName, ...(options.region !== undefined ? { region: options.region } : {}) },
    );
    await queue.send(body);
  });
}
