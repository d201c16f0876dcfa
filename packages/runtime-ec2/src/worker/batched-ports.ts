import { sqsLimits, type Delivery, type JobQueue, type JobResult, type Logger, type PublishedMark, type ResultPublisher, type ResultStore } from '@wordfreq/core';
import { describeError } from '@wordfreq/observability';
import { EntryBatcher, type EntryBatcherOptions } from './entry-batcher.js';

/**
 * The worker's writes, batched across its jobs: results published with `publishMany`, messages
 * acked with `ackMany`, each job awaiting its own entry, so the at-least-once order holds per job
 * (saved, published, then acked); only the requests are shared. The outbox flags (`markPublished`)
 * are set with `markPublishedMany` in the background, over a longer window: the flag only tells the
 * start-up sweep (`republishUnpublished`) that a row needs no second send, so a flag lost to a crash
 * costs one duplicate message with the same `resultId`, which consumers drop, while waiting for it
 * would cost every job a request. A port without the batch method is called one entry at a time.
 */
export interface BatchedPorts {
  readonly publisher: ResultPublisher;
  readonly results: ResultStore;
  readonly ack: (delivery: Delivery) => Promise<void>;
  /** Sends whatever waits now and resolves when every batch call has answered (shutdown). */
  settle(): Promise<void>;
}

/** SQS batches hold 10 entries; 10 ms lets jobs finishing together share one request. */
export const defaultBatchOptions: EntryBatcherOptions = { maxEntries: sqsLimits.maxMessages, lingerMs: 10 };
/** Outbox flags wait longer (nobody waits for them): a quarter second, 25 rows per transaction. */
export const defaultFlagBatchOptions: EntryBatcherOptions = { maxEntries: 25, lingerMs: 250 };

export function batchedPorts(
  ports: { publisher: ResultPublisher; results: ResultStore; queue: JobQueue; logger: Logger },
  options: { readonly batch?: EntryBatcherOptions; readonly flags?: EntryBatcherOptions } = {},
): BatchedPorts {
  const { publisher, results, queue, logger } = ports;
  const batchOptions = options.batch ?? defaultBatchOptions;
  const publishes = new EntryBatcher<JobResult>(
    publisher.publishMany ? (entries) => publisher.publishMany!(entries) : oneByOne((result) => publisher.publish(result)),
    batchOptions,
  );
  const marks = new EntryBatcher<PublishedMark>(
    results.markPublishedMany ? (entries) => results.markPublishedMany!(entries) : oneByOne(({ filename, resultId }) => results.markPublished(filename, resultId)),
    options.flags ?? defaultFlagBatchOptions,
  );
  const acks = new EntryBatcher<Delivery>(
    queue.ackMany
      ? async (entries) => (await queue.ackMany!(entries)).map(({ delivery, error }) => ({ entry: delivery, error }))
      : oneByOne((delivery) => queue.ack(delivery)),
    batchOptions,
  );
  return {
    publisher: { publish: (result) => publishes.add(result) },
    results: {
      save: (result) => results.save(result),
      markPublished: async (filename, resultId) => {
        marks.add({ filename, resultId }).catch((error: unknown) =>
          logger.warn('could not flag a result as published; the start-up sweep sends it again (same resultId)', { filename, resultId, error: describeError(error) }),
        );
      },
      get: (filename) => results.get(filename),
      list: () => results.list(),
    },
    ack: (delivery) => acks.add(delivery),
    settle: async () => {
      await Promise.all([publishes.settle(), marks.settle(), acks.settle()]);
    },
  };
}

function oneByOne<T>(call: (entry: T) => Promise<void>) {
  return async (entries: T[]) => {
    const outcomes = await Promise.allSettled(entries.map(call));
    return outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ entry: entries[i]!, error: outcome.reason as unknown }] : []));
  };
}
