import { batchedPublisher, defaultBatchOptions, EntryBatcher, oneByOne, type Delivery, type EntryBatcherOptions, type JobQueue, type ResultPublisher } from '@wordfreq/core';

/**
 * The worker's writes, batched across its jobs: results published with `publishMany`, messages
 * acked with `ackMany`, each job awaiting its own entry, so the at-least-once order holds per job
 * (saved, published, then acked); only the requests are shared. Rows are saved one per job (a
 * conditional PutItem, which no batch call offers), already flagged as sent (`saveAndPublish`). A
 * port without the batch method is called one entry at a time.
 */
export interface BatchedPorts {
  readonly publisher: ResultPublisher;
  readonly ack: (delivery: Delivery) => Promise<void>;
  /** Sends whatever waits now and resolves when every batch call has answered (shutdown). */
  settle(): Promise<void>;
}

export function batchedPorts(ports: { publisher: ResultPublisher; queue: JobQueue }, options: { readonly batch?: EntryBatcherOptions } = {}): BatchedPorts {
  const { publisher, queue } = ports;
  const batchOptions = options.batch ?? defaultBatchOptions;
  const publishes = batchedPublisher(publisher, batchOptions);
  const acks = new EntryBatcher<Delivery>(
    queue.ackMany
      ? async (entries) => (await queue.ackMany!(entries)).map(({ delivery, error }) => ({ entry: delivery, error }))
      : oneByOne((delivery) => queue.ack(delivery)),
    batchOptions,
  );
  return {
    publisher: publishes,
    ack: (delivery) => acks.add(delivery),
    settle: async () => {
      await Promise.all([publishes.settle(), acks.settle()]);
    },
  };
}
