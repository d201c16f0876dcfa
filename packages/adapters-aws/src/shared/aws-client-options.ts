/** How the adapters' SDK clients are made; one set of options for every service. */
export interface AwsClientOptions {
  readonly region: string;
  /** SDK attempts per call, retries included (default 3, the SDK's). */
  readonly maxAttempts?: number;
  /**
   * Most connections the client keeps open at once (default 50, the SDK's). A process with more
   * requests in flight than that queues them for a socket: give it at least its concurrency.
   */
  readonly maxSockets?: number;
}

/**
 * The SDK client configuration for these options: only the region (and attempts) are ours to set.
 * Credentials come from the SDK's provider chain, endpoints from `AWS_ENDPOINT_URL` /
 * `AWS_ENDPOINT_URL_<SERVICE>` when set (how `npm run local` redirects them), checksum behaviour from
 * `AWS_REQUEST_CHECKSUM_CALCULATION`.
 */
export function sdkClientConfig(options: AwsClientOptions): SdkClientConfig {
  const { region, maxAttempts, maxSockets } = options;
  return {
    region,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    // Keep-alive is the SDK's default; only the pool size changes.
    ...(maxSockets === undefined ? {} : { requestHandler: { httpAgent: { maxSockets }, httpsAgent: { maxSockets } } }),
  };
}

export interface SdkClientConfig {
  readonly region: string;
  readonly maxAttempts?: number;
  readonly requestHandler?: { readonly httpAgent: { readonly maxSockets: number }; readonly httpsAgent: { readonly maxSockets: number } };
}
