import type { AwsAdaptersConfig } from '../shared/aws-config.js';
import type { S3ObjectStoreOptions } from './s3-object-store.js';

// How the configuration maps onto the S3 adapter's options, written once for `s3Adapters` and for
// callers that build the adapter themselves (the Lambda bundles). Type-only imports: no SDK here.
export function s3ObjectStoreOptions(config: AwsAdaptersConfig): S3ObjectStoreOptions {
  return config.multipartThresholdBytes === undefined ? {} : { multipartThresholdBytes: config.multipartThresholdBytes };
}
