import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BundledFunction } from '../common/bundled-function.js';

export interface JobsFunctionProps {
  readonly uploads: s3.IBucket;
  readonly jobs: sqs.IQueue;
  readonly deadLetters: sqs.IQueue;
  readonly results: sqs.IQueue;
  readonly table: dynamodb.ITable;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** The event source mapping's maximum concurrency (2..1000): how many batches run at once. */
  readonly maxConcurrency: number;
  readonly settings: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly dev: boolean;
}

/** The Lambda runtime: runtime-lambda's jobs bundle fed by the jobs queue, reporting partial batch failures. */
export class JobsFunction extends Construct {
  readonly bundled: BundledFunction;

  constructor(scope: Construct, id: string, props: JobsFunctionProps) {
    super(scope, id);
    this.bundled = new BundledFunction(this, 'Jobs', {
      name: 'jobs',
      description: 'wordfreq: counts the words of each uploaded file',
      timeout: props.timeout,
      memorySize: props.memorySize,
      logRetention: props.logRetention,
      dev: props.dev,
      environment: {
        WORDFREQ_JOB_QUEUE: props.jobs.queueUrl,
        WORDFREQ_DEAD_LETTER_QUEUE: props.deadLetters.queueUrl,
        WORDFREQ_RESULTS_QUEUE: props.results.queueUrl,
        WORDFREQ_RESULTS_TABLE: props.table.tableName,
        WORDFREQ_BUCKET: props.uploads.bucketName,
        ...props.settings,
      },
    });
    const fn = this.bundled;
    // The event source mapping polls with the function's role: receive, delete, read attributes.
    fn.allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], [props.jobs.queueArn]);
    // The handler: releasing unfinished work (visibility 0), dead-lettering, publishing, storing, reading.
    fn.allow(['sqs:ChangeMessageVisibility'], [props.jobs.queueArn]);
    fn.allow(['sqs:SendMessage'], [props.deadLetters.queueArn, props.results.queueArn]);
    fn.allow(['s3:GetObject'], [props.uploads.arnForObjects('*')]);
    fn.allow(['s3:ListBucket'], [props.uploads.bucketArn]);
    // UpdateItem: the publish outbox marks a result published once it is on the results queue.
    fn.allow(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [props.table.tableArn]);
    // A mapping made directly, not with SqsEventSource, whose grant adds sqs:GetQueueUrl the code never calls.
    new lambda.EventSourceMapping(this, 'FromJobsQueue', {
      target: fn.function,
      eventSourceArn: props.jobs.queueArn,
      batchSize: 10,
      reportBatchItemFailures: true,
      maxConcurrency: props.maxConcurrency,
    });
  }
}
