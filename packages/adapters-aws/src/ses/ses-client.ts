import { SESv2Client } from '@aws-sdk/client-sesv2';
import { sdkClientConfig, type AwsClientOptions } from '../shared/aws-client-options.js';

// One file per service's factory, so that a bundle importing this one loads only @aws-sdk/client-sesv2.
/** A SES (API v2) client with the SDK's defaults for everything but the region (see `sdkClientConfig`). */
export function createSesClient(options: AwsClientOptions): SESv2Client {
  return new SESv2Client(sdkClientConfig(options));
}
