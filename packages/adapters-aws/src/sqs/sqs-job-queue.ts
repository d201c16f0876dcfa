import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  ConflictError,
  deadLetterCopy,
  InternalError,
  sqsLimits,
  validateReceiveOptions,
  validateVisibilitySeconds,
  WordFreqError,
  type AckFailure,
  type Delivery,
  type JobQueue,
  type QueueDepth,
  type ReceiveOptions,
} from '@wordfreq/core';
import { inject, injectable } from 'inversify';
import { awsErrorName, callAws } from '../shared/aws-error-translator.js';
import { AwsTokens } from '../shared/aws-tokens.js';
import { badInput } from '../shared/bad-input.js';
import { isMissingQueue, missingQueueError, QueueUrlResolver } from './queue-url-resolver.js';
import { fromMessageAttributes } from './sqs-message-attributes.js';
import { sendTo } from './sqs-send.js';

export interface SqsJobQueueOptions {
  /** Queue name or URL. */
  readonly queue: string;
  /** Where `deadLetter` sends messages (name or URL); the queue's redrive policy should name the same queue. */
  readonly deadLetterQueue?: string;
}

// ChangeMessageVisibility on a message that is no longer in flight under this receipt handle.
const notInFlight = new Set(['MessageNotInflight', 'ReceiptHandleIsInvalid', 'AWS.SimpleQueueService.MessageNotInflight']);

/**
 * `JobQueue` on SQS (standard or FIFO). Receives long-poll and take up to 10 messages; receipt handles
 * are the deliveries' handles. `depth()` reads ApproximateNumberOfMessages (visible) and
 * ApproximateNumberOfMessagesNotVisible (in flight); on AWS both are approximate and lag by up to a
 * minute. (local-aws-sqs counts in-flight messages as visible too; the test harness corrects that.)
 */
@injectable()
export class SqsJobQueue implements JobQueue {
  readonly #queue: QueueUrlResolver;
  readonly #deadLetters?: QueueUrlResolver;

  constructor(
    @inject(AwsTokens.SqsClient) private readonly sqs: SQSClient,
    @inject(AwsTokens.JobQueueOptions) options: SqsJobQueueOptions,
  ) {
    if (typeof options?.queue !== 'string' || options.queue === '') throw badInput('SqsJobQueue needs a queue name or URL');
    this.#queue = new QueueUrlResolver(sqs, options.queue);
    if (options.deadLetterQueue !== undefined) this.#deadLetters = new QueueUrlResolver(sqs, options.deadLetterQueue);
  }

  get name(): string {
    return this.#queue.queue;
  }

  async send(body: string, attributes: Readonly<Record<string, string>> = {}): Promise<string> {
    return sendTo(this.sqs, this.#queue, body, attributes);
  }

  async receive(options: ReceiveOptions): Promise<Delivery[]> {
    validateReceiveOptions(this.name, options);
    const QueueUrl = await this.#queue.url();
    const out = await this.#call('ReceiveMessage', () =>
      this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: options.max,
          WaitTimeSeconds: options.waitSeconds,
          VisibilityTimeout: options.visibilitySeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          MessageAttributeNames: ['All'],
        }),
      ),
    );
    return (out.Messages ?? []).flatMap((message) =>
      message.MessageId === undefined || message.ReceiptHandle === undefined
        ? []
        : [
            {
              id: message.MessageId,
              body: message.Body ?? '',
              receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
              attributes: fromMessageAttributes(message.MessageAttributes),
              handle: message.ReceiptHandle,
            },
          ],
    );
  }

  async ack(delivery: Delivery): Promise<void> {
    const QueueUrl = await this.#queue.url();
    await this.#call(`DeleteMessage ${delivery.id}`, () => this.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: delivery.handle })), (error) =>
      awsErrorName(error) === 'ReceiptHandleIsInvalid'
        ? badInput(`receipt handle of message ${delivery.id} is not one of queue ${this.name}'s`, error)
        : undefined,
    );
  }

  /** Acks deliveries with DeleteMessageBatch (10 per request); entries SQS refuses are returned with their code. */
  async ackMany(deliveries: readonly Delivery[]): Promise<readonly AckFailure[]> {
    return (await this.#deleteBatches(deliveries)).map(({ delivery, refusal }) => ({
      delivery,
      error: new InternalError(`DeleteMessageBatch on queue ${this.name} refused message ${refusal}`),
    }));
  }

  /**
   * Acks up to any number of deliveries with DeleteMessageBatch (10 per request). Entries SQS refuses
   * are reported together in one error after the rest were deleted.
   */
  async ackBatch(deliveries: readonly Delivery[]): Promise<void> {
    const refused = await this.#deleteBatches(deliveries);
    if (refused.length > 0) {
      throw new InternalError(`DeleteMessageBatch on queue ${this.name} refused ${refused.length} message(s): ${refused.map(({ refusal }) => refusal).join('; ')}`);
    }
  }

  /** DeleteMessageBatch in requests of 10; each entry SQS refused, as `<message id> (<code>: <message>)`. */
  async #deleteBatches(deliveries: readonly Delivery[]): Promise<{ delivery: Delivery; refusal: string }[]> {
    const QueueUrl = await this.#queue.url();
    const refused: { delivery: Delivery; refusal: string }[] = [];
    for (let start = 0; start < deliveries.length; start += sqsLimits.maxMessages) {
      const batch = deliveries.slice(start, start + sqsLimits.maxMessages);
      const out = await this.#call('DeleteMessageBatch', () =>
        this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: batch.map((delivery, index) => ({ Id: String(index), ReceiptHandle: delivery.handle })),
          }),
        ),
      );
      for (const failure of out.Failed ?? []) {
        const delivery = batch[Number(failure.Id)];
        if (delivery !== undefined) refused.push({ delivery, refusal: `${delivery.id} (${failure.Code}: ${failure.Message ?? ''})` });
      }
    }
    return refused;
  }

  async extend(delivery: Delivery, seconds: number): Promise<void> {
    validateVisibilitySeconds(this.name, seconds);
    await this.#changeVisibility(delivery, seconds, 'extend');
  }

  async release(delivery: Delivery): Promise<void> {
    await this.#changeVisibility(delivery, 0, 'release');
  }

  /**
   * Sends a copy (body and attributes, plus `reason`) to the dead-letter queue, then acks the original.
   * If the ack fails the copy stays: a duplicate in the dead-letter queue is better than a lost message.
   * The copy is cut to SQS's limits by core's `deadLetterCopy`, so the reason always travels (an
   * attribute `trimmed` says what was left out).
   */
  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    if (this.#deadLetters === undefined) {
      throw badInput(`queue ${this.name} has no dead-letter queue; configure one to dead-letter ${delivery.id}`);
    }
    const copy = deadLetterCopy(delivery.body, delivery.attributes, reason);
    await sendTo(this.sqs, this.#deadLetters, copy.body, copy.attributes);
    await this.ack(delivery);
  }

  async depth(): Promise<QueueDepth> {
    const QueueUrl = await this.#queue.url();
    const out = await this.#call('GetQueueAttributes', () =>
      this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      ),
    );
    return {
      visible: Number(out.Attributes?.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }

  async #changeVisibility(delivery: Delivery, seconds: number, action: string): Promise<void> {
    const QueueUrl = await this.#queue.url();
    await this.#call(
      `ChangeMessageVisibility ${delivery.id}`,
      () => this.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: delivery.handle, VisibilityTimeout: seconds })),
      (error) => {
        const name = awsErrorName(error) ?? '';
        // AWS reports a stale handle as InvalidParameterValue "... ReceiptHandle is invalid ...".
        const stale = notInFlight.has(name) || (name === 'InvalidParameterValue' && /receipt ?handle/i.test(String((error as Error).message)));
        if (!stale) return undefined;
        return new ConflictError(
          `cannot ${action} message ${delivery.id} on queue ${this.name}: it is no longer in flight under this receive (deleted, visible again or received by someone else)`,
          { cause: error },
        );
      },
    );
  }

  #call<T>(what: string, call: () => Promise<T>, specific?: (error: unknown) => WordFreqError | undefined): Promise<T> {
    return callAws(`${what} on queue ${this.name}`, call, (error) =>
      isMissingQueue(error) ? missingQueueError(this.name, error) : specific?.(error),
    );
  }
}
