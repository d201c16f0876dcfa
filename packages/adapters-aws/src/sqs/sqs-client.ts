import { SQSClient } from '@aws-sdk/client-sqs';
import { sdkClientConfig, type AwsClientOptions } from '../shared/aws-client-options.js';

// One file per service's factory, so that a bundle importing this one loads only @aws-sdk/client-sqs.
/** A SQS client with the SDK's defaults for everything but the region (see `sdkClientConfig`). */
export function createSqsClient(options: AwsClientOptions): SQSClient {
  return new SQSClient(sdkClientConfig(options));
}
