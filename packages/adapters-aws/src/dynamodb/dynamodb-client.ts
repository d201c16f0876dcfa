import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkClientConfig, type AwsClientOptions } from '../shared/aws-client-options.js';

// One file per service's factory, so that a bundle importing this one loads only @aws-sdk/client-dynamodb.
/** A DynamoDB client with the SDK's defaults for everything but the region (see `sdkClientConfig`). */
export function createDynamoDbClient(options: AwsClientOptions): DynamoDBClient {
  return new DynamoDBClient(sdkClientConfig(options));
}
