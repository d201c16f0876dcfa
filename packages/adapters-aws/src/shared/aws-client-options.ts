/** How the adapters' SDK clients are made; one set of options for every service. */
export interface AwsClientOptions {
  readonly region: string;
  /** SDK attempts per call, retries included (default 3, the SDK's). */
  readonly maxAttempts?: number;
}

/**
 * The SDK client configuration for these options: only the region (and attempts) are ours to set.
 * Credentials come from the SDK's provider chain, endpoints from `AWS_ENDPOINT_URL` /
 * `AWS_ENDPOINT_URL_<SERVICE>` when set (how `npm run local` redirects them), checksum behaviour from
 * `AWS_REQUEST_CHECKSUM_CALCULATION`.
 */
export function sdkClientConfig(options: AwsClientOptions): { region: string; maxAttempts?: number } {
  return { region: options.region, ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }) };
}
