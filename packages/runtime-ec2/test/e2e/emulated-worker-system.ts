import { DynamoResultStore, resultsTableShape, S3ObjectStore, SqsJobQueue } from '@wordfreq/adapters-aws';
import { parseResultMessage, type JobResult, type ResultMessage } from '@wordfreq/core';
import type { CreatedQueue, EmulatedAws, S3EventBridge } from '@wordfreq/local-aws';

/** Per-test resources on the emulators, wired the way the AWS deployment is. */
export interface EmulatedWorkerSystem {
  readonly bucket: string;
  readonly jobs: CreatedQueue;
  readonly resultsQueueUrl: string;
  readonly table: string;
  /** s3rver's created events -> S3 notification JSON on the jobs queue, as the bucket notification does. */
  readonly bridge: S3EventBridge;
  readonly jobsQueue: SqsJobQueue;
  readonly deadLetters: SqsJobQueue;
  readonly results: DynamoResultStore;
  /** The environment of a worker process pointed at these resources. */
  env(extra?: Record<string, string>): Record<string, string>;
  upload(key: string, body: string | Uint8Array): Promise<void>;
  /** Every row of the results table. */
  tableRows(): Promise<JobResult[]>;
  /** Takes every message now on the results queue. */
  takeResultMessages(): Promise<ResultMessage[]>;
  /** Takes every message now on the dead-letter queue. */
  takeDeadLetters(): Promise<{ body: string; reason: string | undefined }[]>;
}

export async function createEmulatedWorkerSystem(
  aws: EmulatedAws,
  options: { visibilitySeconds: number; maxReceiveCount?: number },
): Promise<EmulatedWorkerSystem> {
  const [bucket, jobs, resultsQueue, table] = await Promise.all([
    aws.createBucket('uploads'),
    aws.createQueue({ prefix: 'jobs', visibilitySeconds: options.visibilitySeconds, maxReceiveCount: options.maxReceiveCount ?? 5 }),
    aws.createQueue({ prefix: 'results', maxReceiveCount: null }),
    aws.createTable({ prefix: 'wordfreq', ...resultsTableShape }),
  ]);
  const sqs = aws.clients.sqs;
  const jobsQueue = new SqsJobQueue(sqs, { queue: jobs.url });
  const deadLetters = new SqsJobQueue(sqs, { queue: jobs.deadLetter!.url });
  const resultsMessages = new SqsJobQueue(sqs, { queue: resultsQueue.url });
  const results = new DynamoResultStore(aws.clients.dynamodb, { table: table.name });
  const storage = new S3ObjectStore(aws.clients.s3);
  const bridge = aws.bridgeS3EventsToQueue({ queueUrl: jobs.url, bucket });
  // On moto the bridge is a real bucket notification: uploads must wait until it is configured.
  await bridge.drain();

  async function takeAll(queue: SqsJobQueue) {
    const taken = [];
    // Done after two empty answers in a row, the second after a 1 s long poll: one empty short
    // poll is not proof of an empty queue on a loaded machine.
    for (let empty = 0; empty < 2; ) {
      const batch = await queue.receive({ max: 10, waitSeconds: empty, visibilitySeconds: 600 });
      if (batch.length === 0) {
        empty += 1;
        continue;
      }
      empty = 0;
      taken.push(...batch);
      await Promise.all(batch.map((delivery) => queue.ack(delivery)));
    }
    return taken;
  }

  return {
    bucket,
    jobs,
    resultsQueueUrl: resultsQueue.url,
    table: table.name,
    bridge,
    jobsQueue,
    deadLetters,
    results,
    env: (extra = {}) => ({
      PATH: process.env.PATH ?? '',
      ...aws.env(),
      WORKER_QUEUE_URL: jobs.url,
      // The worker reads only allowed buckets (default wordfreq-uploads); this system's has its own name.
      WORKER_ALLOWED_BUCKETS: bucket,
      WORKER_RESULT_QUEUE_URL: resultsQueue.url,
      WORKER_RESULT_TABLENAME: table.name,
      WORKER_DEAD_LETTER_QUEUE_URL: jobs.deadLetter!.url,
      WORKER_MESSAGE_VISIBILITY: String(options.visibilitySeconds),
      WORKER_WAIT_SECONDS: '1',
      WORKER_METRICS_INTERVAL_SECONDS: '0',
      WORKER_LOG_LEVEL: 'debug',
      ...extra,
    }),
    async upload(key, body) {
      await storage.put({ bucket, key }, body, { contentType: 'text/plain' });
    },
    async tableRows() {
      const rows: JobResult[] = [];
      for await (const row of results.list()) rows.push(row);
      return rows;
    },
    async takeResultMessages() {
      return (await takeAll(resultsMessages)).map((delivery) => parseResultMessage(delivery.body));
    },
    async takeDeadLetters() {
      return (await takeAll(deadLetters)).map((delivery) => ({ body: delivery.body, reason: delivery.attributes.reason }));
    },
  };
}

/** A deterministic small text per index, different enough that each file has its own top words. */
export function generatedText(index: number): string {
  const vocabulary = ['river', 'stone', 'light', 'harbour', 'maple', 'ember', 'quartz', 'willow', 'signal', 'orbit'];
  const words: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const pick = (i * 7 + index * 13 + ((i * index) % 11)) % vocabulary.length;
    words.push(i % 17 === 0 ? `file${index}` : vocabulary[pick]);
  }
  return `${words.join(' ')}\n`;
}
