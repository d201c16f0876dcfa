import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';

/** Receives until `count` messages arrived (or `attempts` short polls found nothing more), as Lambda's poller would. */
export async function receiveMessages(sqs: SQSClient, queueUrl: string, count: number, visibilitySeconds = 30, attempts = 20): Promise<Message[]> {
  const messages: Message[] = [];
  for (let idle = 0; messages.length < count && idle < attempts; ) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, count - messages.length),
        WaitTimeSeconds: 1,
        VisibilityTimeout: visibilitySeconds,
        MessageSystemAttributeNames: ['All'],
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (out.Messages?.length) messages.push(...out.Messages);
    else idle += 1;
  }
  return messages;
}

/**
 * What the Lambda poller does with a ReportBatchItemFailures response: deletes every record not listed,
 * leaves the listed ones to come back after their visibility timeout.
 */
export async function settleLikeLambda(sqs: SQSClient, queueUrl: string, messages: readonly Message[], response: SQSBatchResponse): Promise<void> {
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = messages.filter((m) => !failed.has(m.MessageId!));
  for (let i = 0; i < done.length; i += 10) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(i + j), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}
