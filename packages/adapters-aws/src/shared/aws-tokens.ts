/**
 * DI tokens private to the AWS adapters: the shared SDK clients and each adapter's options. The port
 * tokens themselves are the core's (`Tokens` from '@wordfreq/core/di').
 */
export const AwsTokens = {
  S3Client: Symbol.for('wordfreq.aws.S3Client'),
  SqsClient: Symbol.for('wordfreq.aws.SqsClient'),
  DynamoDbClient: Symbol.for('wordfreq.aws.DynamoDbClient'),
  SesClient: Symbol.for('wordfreq.aws.SesClient'),
  /** The whole `AwsAdaptersConfig`. */
  Config: Symbol.for('wordfreq.aws.Config'),
  S3ObjectStoreOptions: Symbol.for('wordfreq.aws.S3ObjectStoreOptions'),
  JobQueueOptions: Symbol.for('wordfreq.aws.JobQueueOptions'),
  ResultsQueueOptions: Symbol.for('wordfreq.aws.ResultsQueueOptions'),
  ResultTableOptions: Symbol.for('wordfreq.aws.ResultTableOptions'),
  CounterTableOptions: Symbol.for('wordfreq.aws.CounterTableOptions'),
  ClaimTableOptions: Symbol.for('wordfreq.aws.ClaimTableOptions'),
} as const;
