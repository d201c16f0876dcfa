import { ConfigError, InternalError, TransientError, WordFreqError } from '@wordfreq/core';

/** What an SDK v3 error looks like, structurally (service exceptions, timeouts and socket errors). */
interface AwsLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

// Error names AWS services use for "slow down"; SDK retries them too, so seeing one here means the
// SDK's own retries were exhausted and the caller's retry (redelivery) should take over.
const throttling = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'LimitExceededException',
  'KMS.ThrottlingException',
  'AWS.SimpleQueueService.RequestThrottled',
]);

const serverSide = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AWS.SimpleQueueService.ServiceUnavailable',
]);

// Socket-level failures: the request may not have reached the service, or its answer was lost.
const network = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

const credentials = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'MissingAuthenticationToken',
]);

/** True for throttling, 5xx, timeouts and dropped connections: worth retrying later. */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (throttling.has(e.name ?? '') || serverSide.has(e.name ?? '')) return true;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  if (network.has(e.code ?? '') || network.has(e.name ?? '')) return true;
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  // Node reports a server closing mid-response as "socket hang up" / "aborted" without a code.
  return /socket hang up|other side closed|premature close|aborted/i.test(e.message ?? '');
}

/**
 * Turns an SDK error into the core's vocabulary. `what` names the operation and its target
 * ("GetObject s3://bucket/key") so the message says what failed. Specific mappings (not found,
 * conflicts) are the adapter's job; what is left here is the shared part:
 * - WordFreqError passes through;
 * - throttling, 5xx, timeouts, dropped connections -> TransientError (cause kept);
 * - bad credentials or missing permissions -> CONFIG;
 * - anything else -> INTERNAL, cause kept.
 */
export function translateAwsError(error: unknown, what: string): WordFreqError {
  if (WordFreqError.isInstance(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError;
  const name = e.name ?? e.code ?? 'Error';
  const detail = `${name}${e.message ? `: ${e.message}` : ''}`;
  if (isTransientAwsError(error)) {
    return new TransientError(`${what} failed for now (${detail}); it may succeed if retried later`, { cause: error });
  }
  if (credentials.has(name)) {
    return new ConfigError(
      `${what} was refused (${detail}); check the AWS credentials, region and IAM permissions for it`,
      { cause: error },
    );
  }
  return new InternalError(`${what} failed (${detail})`, { cause: error });
}

/** The SDK error's name (`NoSuchKey`, `ConditionalCheckFailedException`, ...), if it has one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as AwsLikeError).name;
}

export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as AwsLikeError).$metadata?.httpStatusCode;
}

/** Runs one SDK call, translating its failure with `mapSpecific` first and the shared rules after. */
export async function callAws<T>(
  what: string,
  call: () => Promise<T>,
  mapSpecific?: (error: unknown) => WordFreqError | undefined,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapSpecific?.(error) ?? translateAwsError(error, what);
  }
}

