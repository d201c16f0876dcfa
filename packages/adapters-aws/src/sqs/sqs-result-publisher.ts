import { createHash } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { toResultMessage, type JobResult, type ResultPublisher } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { QueueUrlResolver } from './queue-url-resolver.js';
import { sendTo } from './sqs-send.js';

export interface SqsResultPublisherOptions {
  /** Results queue name or URL. */
  readonly queue: string;
}

/**
 * Publishes each result as the core's `wordfreq.result/v1` JSON. `resultId` and `status` also travel
 * as message attributes, so consumers can filter without parsing. On a FIFO queue the message is
 * grouped by filename (results for one file stay in order) and deduplicated by `resultId`, so SQS
 * itself drops a redelivered job's second publication within its 5-minute window; a standard queue
 * has no deduplication id and consumers drop duplicates by `resultId`.
 */
@injectable()
export class SqsResultPublisher implements ResultPublisher {
  readonly #queue: QueueUrlResolver;

  constructor(
    @inject(AwsTokens.SqsClient) private readonly sqs: SQSClient,
    @inject(AwsTokens.ResultsQueueOptions) options: SqsResultPublisherOptions,
  ) {
    if (typeof options?.queue !== 'string' || options.queue === '') throw badInput('SqsResultPublisher needs a queue name or URL');
    this.#queue = new QueueUrlResolver(sqs, options.queue);
  }

  async publish(result: JobResult): Promise<void> {
    const body = JSON.stringify(toResultMessage(result));
    await sendTo(this.sqs, this.#queue, body, { resultId: result.resultId, status: result.status }, {
      // Group ids allow only ASCII punctuation and letters, up to 128: a hash of the filename fits.
      groupId: createHash('sha256').update(result.filename).digest('hex'),
      deduplicationId: result.resultId,
    });
  }
}
