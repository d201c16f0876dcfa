import { S3Client } from '@aws-sdk/client-s3';
import { sdkClientConfig, type AwsClientOptions } from '../shared/aws-client-options.js';

// One file per service's factory, so that a bundle importing this one loads only @aws-sdk/client-s3.
/** A S3 client with the SDK's defaults for everything but the region (see `sdkClientConfig`). */
export function createS3Client(options: AwsClientOptions): S3Client {
  return new S3Client(sdkClientConfig(options));
}
