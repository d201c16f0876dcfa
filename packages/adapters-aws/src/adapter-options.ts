import type { AwsAdaptersConfig } from './aws-config.js';
import type { S3ObjectStoreOptions } from './s3-object-store.js';
import type { SqsJobQueueOptions } from './sqs-job-queue.js';

// How the configuration maps onto adapter options, written once for `awsAdapters` and for callers that
// build single adapters (the Lambda bundles). Type-only imports: this file pulls in no adapter or SDK.

export function s3ObjectStoreOptions(config: AwsAdaptersConfig): S3ObjectStoreOptions {
  return config.multipartThresholdBytes === undefined ? {} : { multipartThresholdBytes: config.multipartThresholdBytes };
}

/** The jobs queue, with its dead-letter queue when one is configured. */
export function jobQueueOptions(config: AwsAdaptersConfig): SqsJobQueueOptions {
  const { jobQueue, deadLetterQueue } = config.names;
  return deadLetterQueue === undefined ? { queue: jobQueue } : { queue: jobQueue, deadLetterQueue };
}
