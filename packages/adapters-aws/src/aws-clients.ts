import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';

/** One SDK client per service, shared by every adapter that talks to it. */
export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly ses: SESv2Client;
}

export interface AwsClientOptions {
  readonly region: string;
  /** SDK attempts per call, retries included (default 3, the SDK's). */
  readonly maxAttempts?: number;
}

/**
 * Clients with the SDK's defaults: credentials from its provider chain, endpoints from
 * `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` when set (how `npm run local` redirects them),
 * checksum behaviour from `AWS_REQUEST_CHECKSUM_CALCULATION`. Only the region is ours to set.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = { region: options.region, ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }) };
  return {
    s3: new S3Client(common),
    sqs: new SQSClient(common),
    dynamodb: new DynamoDBClient(common),
    ses: new SESv2Client(common),
  };
}
