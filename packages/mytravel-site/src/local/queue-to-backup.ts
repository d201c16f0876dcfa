import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, S3Event } from 'aws-lambda';
import { BackgroundLoop } from './background-loop.js';

export interface QueueToBackupOptions {
  readonly sqs: SQSClient;
  /** Where the S3 event bridge puts the primary bucket's notifications. */
  readonly queueUrl: string;
  readonly handler: (event: S3Event, context: Context) => Promise<void>;
  readonly context: () => Context;
  readonly onError: (error: unknown) => void;
}

/**
 * S3's invocation of the backup function on every upload, for s3rver: its object events arrive on a
 * queue as S3 notification JSON (the emulator kit's bridge); each becomes one backup invocation, and
 * the message is deleted only once the handler succeeded, so a failed copy is tried again.
 */
export function queueToBackup(options: QueueToBackupOptions): BackgroundLoop {
  return new BackgroundLoop(async () => {
    const { Messages = [] } = await options.sqs.send(new ReceiveMessageCommand({ QueueUrl: options.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 30 }));
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}') as S3Event;
      await options.handler(event, options.context());
      await options.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
    return Messages.length;
  }, options.onError);
}
