import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { dataRemovalPolicy } from './data-retention.js';

/** SQS's longest retention: a dead letter waits 14 days for somebody to look at it. */
export const deadLetterRetention = Duration.days(14);

export interface EncryptedQueueProps {
  readonly dev: boolean;
  readonly queueName?: string;
  readonly visibilityTimeout?: Duration;
  readonly retentionPeriod?: Duration;
  readonly deadLetterQueue?: sqs.DeadLetterQueue;
}

/** A queue with SQS-managed SSE that refuses requests without TLS. */
export function encryptedQueue(scope: Construct, id: string, props: EncryptedQueueProps): sqs.Queue {
  return new sqs.Queue(scope, id, {
    ...(props.queueName === undefined ? {} : { queueName: props.queueName }),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...(props.visibilityTimeout ? { visibilityTimeout: props.visibilityTimeout } : {}),
    ...(props.retentionPeriod ? { retentionPeriod: props.retentionPeriod } : {}),
    ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
    removalPolicy: dataRemovalPolicy(props.dev),
  });
}
