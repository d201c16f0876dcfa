import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ConfigError, InternalError } from '@wordfreq/core';
import { awsErrorName, translateAwsError } from '../shared/aws-error-translator.js';

const missingQueue = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

/** True when the SDK error says the queue does not exist. */
export function isMissingQueue(error: unknown): boolean {
  return missingQueue.has(awsErrorName(error) ?? '');
}

export function missingQueueError(queue: string, error: unknown): ConfigError {
  return new ConfigError(`SQS queue ${queue} does not exist; create it (npm run local does) or fix the queue setting`, { cause: error });
}

/**
 * Queues are configured by name (`wordfreq-jobs`) or URL (`https://sqs...`). A name is looked up with
 * GetQueueUrl on first use and remembered; a failed lookup is not remembered, so it is tried again.
 */
export class QueueUrlResolver {
  #url: Promise<string> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    readonly queue: string,
  ) {
    if (/^https?:\/\//.test(queue)) this.#url = Promise.resolve(queue);
  }

  url(): Promise<string> {
    this.#url ??= this.sqs.send(new GetQueueUrlCommand({ QueueName: this.queue })).then(
      (out) => {
        if (out.QueueUrl === undefined) throw new InternalError(`GetQueueUrl ${this.queue} returned no URL`);
        return out.QueueUrl;
      },
      (error: unknown) => {
        this.#url = undefined;
        throw isMissingQueue(error) ? missingQueueError(this.queue, error) : translateAwsError(error, `GetQueueUrl ${this.queue}`);
      },
    );
    return this.#url;
  }

  /** True for FIFO queues, which need a message group (and a deduplication id without content-based dedup). */
  get fifo(): boolean {
    return this.queue.endsWith('.fifo');
  }
}
