import { createDynamoDbClient, DynamoClaimStore, DynamoCounterStore, DynamoResultStore } from '@wordfreq/adapters-aws/dynamodb';
import { createS3Client, S3ObjectStore, s3ObjectStoreOptions } from '@wordfreq/adapters-aws/s3';
import { createSesClient, SesMailer } from '@wordfreq/adapters-aws/ses';
import type { AwsAdaptersConfig } from '@wordfreq/adapters-aws/shared';
import { createSqsClient, jobQueueOptions, SqsJobQueue, SqsResultPublisher } from '@wordfreq/adapters-aws/sqs';
import { Tokens } from '@wordfreq/core/di';
import type { LambdaAdapters } from './lambda-root.js';

/*
 * Each function's adapters, as token-port pairs for its root's PortMap: only the ports its handler
 * reads, made directly from the adapter classes with only the SDK clients they use. `awsAdapters`
 * would bind them all, and so make every bundle load all six @aws-sdk packages, which are most of a
 * cold start. Each service comes from its own entry of adapters-aws, whose dist keeps one file per
 * source file and is marked `sideEffects: false`, so an adapter not named here is not in a bundle at
 * all (nor its SDK package).
 */

const s3ObjectStore = (config: AwsAdaptersConfig, s3 = createS3Client(config)) => new S3ObjectStore(s3, s3ObjectStoreOptions(config));

/** jobs: S3 (read uploads), SQS (the job queue with its dead-letter queue; results), DynamoDB (results). */
export const jobsAdapters: LambdaAdapters = (config, clients) => {
  const sqs = clients.sqs ?? createSqsClient(config);
  const { names } = config;
  return [
    [Tokens.ObjectStore, s3ObjectStore(config, clients.s3)],
    [Tokens.JobQueue, new SqsJobQueue(sqs, jobQueueOptions(config))],
    [Tokens.ResultStore, new DynamoResultStore(clients.dynamodb ?? createDynamoDbClient(config), { table: names.resultsTable })],
    [Tokens.ResultPublisher, new SqsResultPublisher(sqs, { queue: names.resultsQueue, format: config.resultFormat, region: config.region })],
  ];
};

/** backup: S3 only. */
export const backupAdapters: LambdaAdapters = (config, clients) => [[Tokens.ObjectStore, s3ObjectStore(config, clients.s3)]];

/** visit: DynamoDB only (the counters table). */
export const visitAdapters: LambdaAdapters = (config, clients) => [
  [Tokens.CounterStore, new DynamoCounterStore(clients.dynamodb ?? createDynamoDbClient(config), { table: config.names.countersTable })],
];

/** milestone: DynamoDB (the claims table) and SES. */
export const milestoneAdapters: LambdaAdapters = (config, clients) => [
  [Tokens.ClaimStore, new DynamoClaimStore(clients.dynamodb ?? createDynamoDbClient(config), { table: config.names.claimsTable })],
  [Tokens.Mailer, new SesMailer(clients.ses ?? createSesClient(config))],
];

/** corpus-plan and corpus-map: S3 only (the corpus read, the run's files written). */
export const corpusAdapters: LambdaAdapters = (config, clients) => [[Tokens.ObjectStore, s3ObjectStore(config, clients.s3)]];

/** corpus-reduce: S3 (the run's partials), DynamoDB (results) and SQS (results queue). */
export const corpusReduceAdapters: LambdaAdapters = (config, clients) => [
  [Tokens.ObjectStore, s3ObjectStore(config, clients.s3)],
  [Tokens.ResultStore, new DynamoResultStore(clients.dynamodb ?? createDynamoDbClient(config), { table: config.names.resultsTable })],
  [Tokens.ResultPublisher, new SqsResultPublisher(clients.sqs ?? createSqsClient(config), { queue: config.names.resultsQueue })],
];
