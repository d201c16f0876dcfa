import { sqsLimits, type Delivery, type JobQueue, type JobResult, type ResultPublisher, type ResultStore } from '@wordfreq/core';
import { EntryBatcher, type EntryBatcherOptions } from './entry-batcher.js';

/**
 * The worker's writes, batched across its jobs: results published with `publishMany`, messages
 * acked with `ackMany`, each job awaiting its own entry, so the at-least-once order holds per job
 * (saved, published, then acked); only the requests are shared. Rows are saved one per job (a
 * conditional PutItem, which no batch call offers), already flagged as sent (`saveAndPublish`). A
 * port without the batch method is called one entry at a time.
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

export function batchedPorts(
  ports: { publisher: ResultPublisher; results: ResultStore; queue: JobQueue },
  options: { readonly batch?: EntryBatcherOptions } = {},
): BatchedPorts {
  const { publisher, results, queue } = ports;
  const batchOptions = options.batch ?? defaultBatchOptions;
  const publishes = new EntryBatcher<JobResult>(
    publisher.publishMany ? (entries) => publisher.publishMany!(entries) : oneByOne((result) => publisher.publish(result)),
    batchOptions,
  );
  const acks = new EntryBatcher<Delivery>(
    queue.ackMany
      ? async (entries) => (await queue.ackMany!(entries)).map(({ delivery, error }) => ({ entry: delivery, error }))
      : oneByOne((delivery) => queue.ack(delivery)),
    batchOptions,
  );
  return {
    publisher: { publish: (result) => publishes.add(result) },
    results,
    ack: (delivery) => acks.add(delivery),
    settle: async () => {
      await Promise.all([publishes.settle(), acks.settle()]);
    },
  };
}

function oneByOne<T>(call: (entry: T) => Promise<void>) {
  return async (entries: T[]) => {
    const outcomes = await Promise.allSettled(entries.map(call));
    return outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ entry: entries[i]!, error: outcome.reason as unknown }] : []));
  };
}
