import { emulatorCredentials, emulatorRegion, type EmulatorEndpoints } from './emulator-clients.js';

/**
 * The AWS_* variables that point an SDK v3 process (a runtime, the CLI) at the emulators. Endpoints go
 * through the SDK's own per-service `AWS_ENDPOINT_URL_*` variables, so no code reads them.
 */
export function envFor(source: { readonly endpoints: EmulatorEndpoints }): Record<string, string> {
  const { s3, sqs, dynamodb, ses } = source.endpoints;
  const env: Record<string, string> = {
    AWS_REGION: emulatorRegion,
    AWS_DEFAULT_REGION: emulatorRegion,
    AWS_ACCESS_KEY_ID: emulatorCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulatorCredentials.secretAccessKey,
    // Never ask the EC2 metadata service (a non-loopback address) for credentials or region.
    AWS_EC2_METADATA_DISABLED: 'true',
    // s3rver stores aws-chunked framing when the SDK adds checksums to streamed uploads.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
  // 127.0.0.1, not localhost: with an IP endpoint the SDK addresses buckets path-style by itself.
  if (s3 !== undefined) env.AWS_ENDPOINT_URL_S3 = s3;
  if (sqs !== undefined) env.AWS_ENDPOINT_URL_SQS = sqs;
  if (dynamodb !== undefined) {
    env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb;
    env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS = dynamodb;
  }
  if (ses !== undefined) {
    env.AWS_ENDPOINT_URL_SES = ses;
    env.AWS_ENDPOINT_URL_SESV2 = ses;
  }
  return env;
}
