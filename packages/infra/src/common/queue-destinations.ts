import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/*
 * CDK's `SqsDlq` and `SqsDestination` grant `grantSendMessages` (SendMessage, GetQueueAttributes,
 * GetQueueUrl) when bound. Lambda only needs sqs:SendMessage to deliver a failed event, which the
 * stacks grant themselves; these bind the queue and grant nothing, so the roles stay exact.
 */

/** On-failure destination of an event source mapping (stream records that failed every retry). */
export function failureQueueForMapping(queue: sqs.IQueue): lambda.IEventSourceDlq {
  return { bind: () => ({ destination: queue.queueArn }) };
}

/** On-failure destination of asynchronous invocations (S3 notifications that failed every retry). */
export function failureQueueForInvocations(queue: sqs.IQueue): lambda.IDestination {
  return { bind: () => ({ destination: queue.queueArn }) };
}
