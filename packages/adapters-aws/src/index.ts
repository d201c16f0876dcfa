export { awsAdapters } from './aws-adapters.module.js';
export { AwsTokens } from './aws-tokens.js';
export { createAwsClients, type AwsClients, type AwsClientOptions } from './aws-clients.js';
export { sdkClientConfig } from './aws-client-options.js';
export { createS3Client } from './s3-client.js';
export { createSqsClient } from './sqs-client.js';
export { createDynamoDbClient } from './dynamodb-client.js';
export { createSesClient } from './ses-client.js';
export { defaultAwsResourceNames, type AwsAdaptersConfig, type AwsResourceNames } from './aws-config.js';
export { jobQueueOptions, s3ObjectStoreOptions } from './adapter-options.js';
export { awsConfigFromEnv, awsEnvVariables, envForAwsNames, type Env } from './aws-config-from-env.js';
export { awsNameProblem, type AwsNameKind } from './aws-name-rules.js';
export { translateAwsError, isTransientAwsError } from './aws-error-translator.js';
export { S3ObjectStore, glacierRuleId, minimumPartBytes, type S3ObjectStoreOptions } from './s3-object-store.js';
export { SqsJobQueue, type SqsJobQueueOptions } from './sqs-job-queue.js';
export { SqsResultPublisher, type SqsResultPublisherOptions } from './sqs-result-publisher.js';
export { DynamoResultStore, type DynamoResultStoreOptions } from './dynamo-result-store.js';
export { DynamoCounterStore, type DynamoCounterStoreOptions } from './dynamo-counter-store.js';
export { DynamoClaimStore, type DynamoClaimStoreOptions } from './dynamo-claim-store.js';
export {
  decodeCounterStreamRecord,
  type CounterStreamRecord,
  type SiteTotalChange,
} from './counter-stream-record.js';
export {
  claimsTableKey,
  claimsTableShape,
  countersTableKey,
  countersTableShape,
  pageCounter,
  resultsTableKey,
  resultsTableShape,
  siteTotalCounter,
  visitsAttribute,
} from './dynamo-table-layout.js';
export { SesMailer } from './ses-mailer.js';
export { EmfMetrics, type EmfMetricsOptions } from './emf-metrics.js';
export { JsonLinesLogger, describeError, logLevels, type JsonLinesLoggerOptions } from './json-lines-logger.js';
export { ensureInfrastructure, type Infrastructure, type InfrastructureOptions } from './ensure-infrastructure.js';
export { S3UploadPresigner } from './s3-upload-presigner.js';
