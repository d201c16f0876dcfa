import { NotFoundError, NotTextError, TransientError } from '@wordfreq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callAws, isTransientAwsError, translateAwsError } from './aws-error-translator.js';

/** An error shaped like an SDK v3 service exception. */
function serviceError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, ...extra });
}

function socketError(code: string): Error {
  return Object.assign(new Error(`socket ${code}`), { code });
}

describe('translateAwsError', () => {
  it.each([
    ['ThrottlingException', 400],
    ['ProvisionedThroughputExceededException', 400],
    ['SlowDown', 503],
    ['RequestLimitExceeded', 400],
    ['TooManyRequestsException', 429],
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
  ])('turns %s (%i) into a TransientError that keeps the cause and names the operation', (name, status) => {
    const cause = serviceError(name, status);
    const translated = translateAwsError(cause, 'GetObject s3://b/k');
    expect(translated).toBeInstanceOf(TransientError);
    expect(translated.code).toBe('TRANSIENT');
    expect(translated.cause).toBe(cause);
    expect(translated.message).toContain('GetObject s3://b/k');
    expect(translated.message).toContain(name);
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])('treats the socket error %s as transient', (code) => {
    expect(translateAwsError(socketError(code), 'x')).toBeInstanceOf(TransientError);
  });

  it('treats the SDK request timeout and a server hanging up as transient', () => {
    expect(translateAwsError(Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }), 'x')).toBeInstanceOf(TransientError);
    expect(translateAwsError(new Error('socket hang up'), 'x')).toBeInstanceOf(TransientError);
  });

  it('is transient for every 5xx and 429, whatever the error is called', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 500, max: 599 }), fc.constant(429)), fc.string({ minLength: 1, maxLength: 30 }), (status, name) => {
        expect(isTransientAwsError(serviceError(name, status))).toBe(true);
      }),
    );
  });

  it('is not transient for other 4xx errors with unknown names', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 499 }).filter((status) => status !== 429 && status !== 408),
        fc.stringMatching(/^[A-Z][a-zA-Z]{2,20}Invalid$/),
        (status, name) => {
          expect(isTransientAwsError(serviceError(name, status))).toBe(false);
          expect(translateAwsError(serviceError(name, status), 'x').code).toBe('INTERNAL');
        },
      ),
    );
  });

  it('reports refused credentials as a CONFIG problem', () => {
    const translated = translateAwsError(serviceError('AccessDenied', 403), 'PutObject s3://b/k');
    expect(translated.code).toBe('CONFIG');
    expect(translated.message).toMatch(/credentials.*IAM/);
  });

  it('passes core errors through untouched', () => {
    const original = new NotTextError('binary');
    expect(translateAwsError(original, 'x')).toBe(original);
  });

  it('copes with values that are not errors at all', () => {
    expect(translateAwsError('boom', 'x').code).toBe('INTERNAL');
    expect(translateAwsError(undefined, 'x').code).toBe('INTERNAL');
  });
});

describe('callAws', () => {
  it('lets the adapter map specific errors first, then applies the shared rules', async () => {
    const specific = new NotFoundError('missing');
    await expect(callAws('op', () => Promise.reject(serviceError('NoSuchKey', 404)), () => specific)).rejects.toBe(specific);
    await expect(callAws('op', () => Promise.reject(serviceError('SlowDown', 503)), () => undefined)).rejects.toBeInstanceOf(TransientError);
    await expect(callAws('op', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
