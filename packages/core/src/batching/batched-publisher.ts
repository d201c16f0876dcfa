import type { JobResult, ResultPublisher } from '../ports/result-store.port.js';
import { sqsLimits } from '../ports/queue-limits.js';
import { EntryBatcher, type BatchSend, type EntryBatcherOptions } from './entry-batcher.js';

/** SQS batches hold 10 entries; 10 ms lets jobs finishing together share one request. */
export const defaultBatchOptions: EntryBatcherOptions = { maxEntries: sqsLimits.maxMessages, lingerMs: 10 };

export interface BatchedPublisher extends ResultPublisher {
  /** Sends whatever waits now and resolves when every batch call has answered. */
  settle(): Promise<void>;
}

/**
 * A publisher whose `publish` calls, from jobs running at once, go out together through
 * `publishMany` (SendMessageBatch); each caller still gets its own result's outcome, so a job whose
 * entry was refused is retried and the others are not. A publisher without `publishMany` is called
 * one result at a time.
 */
export function batchedPublisher(publisher: ResultPublisher, options: EntryBatcherOptions = defaultBatchOptions): BatchedPublisher {
  const publishes = new EntryBatcher<JobResult>(
    publisher.publishMany ? (results) => publisher.publishMany!(results) : oneByOne((result) => publisher.publish(result)),
    options,
  );
  return { publish: (result) => publishes.add(result), settle: () => publishes.settle() };
}

/** A batch call made of single calls, for ports without a batch method. */
export function oneByOne<T>(call: (entry: T) => Promise<void>): BatchSend<T> {
  return async (entries: T[]) => {
    const outcomes = await Promise.allSettled(entries.map(call));
    return outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ entry: entries[i]!, error: outcome.reason as unknown }] : []));
  };
}
