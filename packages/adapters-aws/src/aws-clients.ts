import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientOptions } from './shared/aws-client-options.js';
import { createDynamoDbClient } from './dynamodb/dynamodb-client.js';
import { createS3Client } from './s3/s3-client.js';
import { createSesClient } from './ses/ses-client.js';
import { createSqsClient } from './sqs/sqs-client.js';

export type { AwsClientOptions } from './shared/aws-client-options.js';

/** One SDK client per service, shared by every adapter that talks to it. */
export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly ses: SESv2Client;
}

/**
 * Every service's client, with the SDK's defaults (see `sdkClientConfig`). Code that needs only some
 * services (a Lambda function's bundle) calls their factories (`createS3Client`, ...) instead, so that
 * it loads only those SDK packages.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  return {
    s3: createS3Client(options),
    sqs: createSqsClient(options),
    dynamodb: createDynamoDbClient(options),
    ses: createSesClient(options),
  };
}
