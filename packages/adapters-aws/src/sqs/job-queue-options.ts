import type { AwsAdaptersConfig } from '../shared/aws-config.js';
import type { SqsJobQueueOptions } from './sqs-job-queue.js';

// How the configuration maps onto the jobs queue's options, written once for `sqsAdapters` and for
// callers that build the adapter themselves (the Lambda bundles). Type-only imports: no SDK here.
/** The jobs queue, with its dead-letter queue when one is configured. */
export function jobQueueOptions(config: AwsAdaptersConfig): SqsJobQueueOptions {
  const { jobQueue, deadLetterQueue } = config.names;
  return deadLetterQueue === undefined ? { queue: jobQueue } : { queue: jobQueue, deadLetterQueue };
}
