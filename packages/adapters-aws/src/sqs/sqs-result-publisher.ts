import { createHash } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { defaultResultMessageFormat, resultMessageBody, resultMessageFormats, type BatchFailure, type JobResult, type ResultMessageFormat, type ResultPublisher } from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { QueueUrlResolver } from './queue-url-resolver.js';
import { sendBatchTo, sendTo, type BatchMessage } from './sqs-send.js';

export interface SqsResultPublisherOptions {
  /** Results queue name or URL. */
  readonly queue: string;
  /** `wordfreq` (default): our `wordfreq.result/v1`; `go`: exactly the Go sample's JSON, for its consumers. */
  readonly format?: ResultMessageFormat;
  /** The Go format's `Job.Region` (the sample writes the S3 event's region; ours, the worker's). */
  readonly region?: string;
}

/**
 * Publishes each result as the core's `wordfreq.result/v1` JSON, or with `format: 'go'` as the Go
 * sample's `JobResult` JSON (see go-result-message.ts). `resultId` and `status` also travel
 * as message attributes, so consumers can filter without parsing. On a FIFO queue the message is
 * grouped by filename (results for one file stay in order) and deduplicated by `resultId`, so SQS
 * itself drops a redelivered job's second publication within its 5-minute window; a standard queue
 * has no deduplication id and consumers drop duplicates by `resultId`.
 */
@injectable()
export class SqsResultPublisher implements ResultPublisher {
  readonly #queue: QueueUrlResolver;
  readonly #format: ResultMessageFormat;
  readonly #region: string;

  constructor(
    @inject(AwsTokens.SqsClient) private readonly sqs: SQSClient,
    @inject(AwsTokens.ResultsQueueOptions) options: SqsResultPublisherOptions,
  ) {
    if (typeof options?.queue !== 'string' || options.queue === '') throw badInput('SqsResultPublisher needs a queue name or URL');
    this.#format = options.format ?? defaultResultMessageFormat;
    if (!resultMessageFormats.includes(this.#format)) throw badInput(`SqsResultPublisher format must be one of ${resultMessageFormats.join(', ')}, got ${JSON.stringify(options.format)}`);
    this.#region = options.region ?? '';
    this.#queue = new QueueUrlResolver(sqs, options.queue);
  }

  async publish(result: JobResult): Promise<void> {
    const { body, attributes, fifo } = this.#message(result);
    await sendTo(this.sqs, this.#queue, body, attributes, fifo);
  }

  /** The same messages with SendMessageBatch (10 per request); results SQS refused are returned. */
  async publishMany(results: readonly JobResult[]): Promise<readonly BatchFailure<JobResult>[]> {
    const failed = await sendBatchTo(this.sqs, this.#queue, results.map((result) => this.#message(result)));
    return failed.map(({ index, error }) => ({ entry: results[index]!, error }));
  }

  #message(result: JobResult): BatchMessage {
    return {
      body: resultMessageBody(result, this.#format, this.#region),
      attributes: { resultId: result.resultId, status: result.status },
      // Group ids allow only ASCII punctuation and letters, up to 128: a hash of the filename fits.
      fifo: { groupId: createHash('sha256').update(result.filename).digest('hex'), deduplicationId: result.resultId },
    };
  }
}
