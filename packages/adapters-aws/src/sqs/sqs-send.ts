import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { InternalError, validateQueueMessage } from '@wordfreq/core';
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
  const fifoFields = queue.fifo
    ? {
        MessageGroupId: fifo.groupId ?? 'wordfreq',
        MessageDeduplicationId: fifo.deduplicationId ?? createHash('sha256').update(body).update(JSON.stringify(attributes)).digest('hex'),
      }
    : {};
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
