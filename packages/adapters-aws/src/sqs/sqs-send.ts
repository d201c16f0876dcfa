import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { InternalError, sqsLimits, validateQueueMessage } from '@wordfreq/core';
import { callAws } from '../shared/aws-error-translator.js';
import { isMissingQueue, missingQueueError, type QueueUrlResolver } from './queue-url-resolver.js';
import { toMessageAttributes } from './sqs-message-attributes.js';

/** SendMessage, with the FIFO fields a FIFO queue requires. Returns the message id. */
export async function sendTo(
  sqs: SQSClient,
  queue: QueueUrlResolver,
  body: string,
  attributes: Readonly<Record<string, string>>,
  fifo: { readonly groupId?: string; readonly deduplicationId?: string } = {},
): Promise<string> {
  validateQueueMessage(queue.queue, body, attributes);
  const QueueUrl = await queue.url();
  const fifoFields = fifoFieldsFor(queue, body, attributes, fifo);
  const out = await callAws(
    `SendMessage to queue ${queue.queue}`,
    () =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: body,
          ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: toMessageAttributes(attributes) }),
          ...fifoFields,
        }),
      ),
    (error) => (isMissingQueue(error) ? missingQueueError(queue.queue, error) : undefined),
  );
  if (out.MessageId === undefined) throw new InternalError(`SendMessage to queue ${queue.queue} returned no message id`);
  return out.MessageId;
}

/** What one message of `sendBatchTo` carries. */
export interface BatchMessage {
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly fifo?: { readonly groupId?: string; readonly deduplicationId?: string };
}

/**
 * SendMessageBatch: the messages in requests of at most 10 entries and `sqsLimits.maxMessageBytes`
 * in all. Returns the index of each message SQS refused, with its error; a failed request throws.
 * A message that is invalid on its own (too big, bad characters) is refused here, not sent.
 */
export async function sendBatchTo(sqs: SQSClient, queue: QueueUrlResolver, messages: readonly BatchMessage[]): Promise<{ index: number; error: unknown }[]> {
  const failed: { index: number; error: unknown }[] = [];
  const valid: { index: number; size: number }[] = [];
  for (const [index, message] of messages.entries()) {
    try {
      validateQueueMessage(queue.queue, message.body, message.attributes);
      valid.push({ index, size: Buffer.byteLength(message.body) + Buffer.byteLength(JSON.stringify(message.attributes)) });
    } catch (error) {
      failed.push({ index, error });
    }
  }
  const QueueUrl = await queue.url();
  for (let start = 0; start < valid.length; ) {
    let end = start;
    let bytes = 0;
    while (end < valid.length && end - start < sqsLimits.maxMessages && (end === start || bytes + valid[end]!.size <= sqsLimits.maxMessageBytes)) bytes += valid[end++]!.size;
    const batch = valid.slice(start, end);
    start = end;
    const out = await callAws(
      `SendMessageBatch to queue ${queue.queue}`,
      () =>
        sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: batch.map(({ index }, id) => {
              const { body, attributes, fifo } = messages[index]!;
              return {
                Id: String(id),
                MessageBody: body,
                ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: toMessageAttributes(attributes) }),
                ...fifoFieldsFor(queue, body, attributes, fifo),
              };
            }),
          }),
        ),
      (error) => (isMissingQueue(error) ? missingQueueError(queue.queue, error) : undefined),
    );
    for (const failure of out.Failed ?? []) {
      const entry = batch[Number(failure.Id)];
      if (entry === undefined) continue;
      failed.push({ index: entry.index, error: new InternalError(`SendMessageBatch to queue ${queue.queue} refused message ${entry.index} (${failure.Code}: ${failure.Message ?? ''}${failure.SenderFault ? ', our fault' : ''})`) });
    }
  }
  return failed;
}

function fifoFieldsFor(queue: QueueUrlResolver, body: string, attributes: Readonly<Record<string, string>>, fifo: BatchMessage['fifo'] = {}) {
  return queue.fifo
    ? {
        MessageGroupId: fifo.groupId ?? 'wordfreq',
        MessageDeduplicationId: fifo.deduplicationId ?? createHash('sha256').update(body).update(JSON.stringify(attributes)).digest('hex'),
      }
    : {};
}
