import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { toS3EventNotification } from '@wordfreq/core';
import type { S3rverEmulator, S3rverEventRecord } from './s3rver-emulator.js';

export interface S3EventBridgeOptions {
  readonly queueUrl: string;
  /** Only this bucket's uploads (default: every bucket). */
  readonly bucket?: string;
  readonly region?: string;
}

export interface S3EventBridge {
  /** Notifications sent so far. */
  readonly forwarded: number;
  /** Waits for sends in progress; rejects with the first send that failed, if any. */
  drain(): Promise<void>;
  /** Stops forwarding, then drains. */
  stop(): Promise<void>;
}

/**
 * What an S3 bucket notification to SQS does, for s3rver (which has no notification configuration):
 * every object created becomes a queue message with S3's notification JSON. s3rver's own event records
 * carry the key as is; S3 URL-encodes it, so the message is rebuilt by the core's writer, which encodes
 * keys as S3 does. Deletions are not forwarded (a bucket notification for uploads would not send them).
 */
export function bridgeS3EventsToQueue(s3rver: S3rverEmulator, sqs: SQSClient, options: S3EventBridgeOptions): S3EventBridge {
  const pending = new Set<Promise<void>>();
  const failures: unknown[] = [];
  let forwarded = 0;
  const unsubscribe = s3rver.onEvent((record) => {
    if (!record.eventName.startsWith('ObjectCreated:')) return;
    if (options.bucket !== undefined && record.s3.bucket.name !== options.bucket) return;
    const send = forward(record)
      .then(() => void forwarded++)
      .catch((error: unknown) => void failures.push(error))
      .finally(() => pending.delete(send));
    pending.add(send);
  });

  async function forward(record: S3rverEventRecord): Promise<void> {
    const { object } = record.s3;
    const body = toS3EventNotification(
      [
        {
          bucket: record.s3.bucket.name,
          key: object.key,
          ...(object.size === undefined ? {} : { size: Number(object.size) }),
          ...(object.eTag === undefined ? {} : { etag: object.eTag }),
        },
      ],
      new Date(record.eventTime),
      { region: options.region ?? 'us-east-1', eventName: s3EventName(record.eventName) },
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: body }));
  }

  async function drain(): Promise<void> {
    while (pending.size > 0) await Promise.all([...pending]);
    if (failures.length > 0) {
      throw new Error(`S3 event bridge to ${options.queueUrl}: ${failures.length} notification(s) not sent`, { cause: failures[0] });
    }
  }

  return {
    get forwarded() {
      return forwarded;
    },
    drain,
    async stop() {
      unsubscribe();
      await drain();
    },
  };
}

/** s3rver reports a completed multipart upload as `Post`; S3 calls it `CompleteMultipartUpload`. */
function s3EventName(name: string): string {
  return name === 'ObjectCreated:Post' ? 'ObjectCreated:CompleteMultipartUpload' : name;
}
