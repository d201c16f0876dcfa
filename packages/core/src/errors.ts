/**
 * Every failure the core knows about carries a stable `code`, so callers (runtimes, the CLI, users)
 * branch on codes rather than on message text or class identity.
 */
export const ErrorCodes = [
  'NOT_FOUND',
  'NOT_TEXT',
  'TOO_LARGE',
  'TOO_MANY_WORDS',
  'BAD_MESSAGE',
  'BAD_INPUT',
  'TRANSIENT',
  'CONFLICT',
  'CONFIG',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** Codes of failures that will not go away by retrying the same job. */
export const PermanentJobFailureCodes: ReadonlySet<ErrorCode> = new Set(['NOT_FOUND', 'NOT_TEXT', 'TOO_LARGE', 'TOO_MANY_WORDS']);

// A registry-wide symbol, so `isInstance` works when two copies of @wordfreq/core are loaded.
const marker = Symbol.for('wordfreq.WordFreqError');

export class WordFreqError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'WordFreqError';
  }

  static isInstance(error: unknown): error is WordFreqError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  /** True when `error` is a WordFreqError with one of `codes`. */
  static hasCode(error: unknown, ...codes: ErrorCode[]): error is WordFreqError {
    return WordFreqError.isInstance(error) && codes.includes(error.code);
  }
}

/** Throttling, 5xx, network: the operation may succeed if tried again later. */
export class TransientError extends WordFreqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TRANSIENT', message, options);
    this.name = 'TransientError';
  }
}

/** The thing asked for does not exist (object, result, counter). */
export class NotFoundError extends WordFreqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

/** A conditional write lost: somebody else got there first. */
export class ConflictError extends WordFreqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, options);
    this.name = 'ConflictError';
  }
}

/** A queue message nobody can turn into a job; it belongs on the dead-letter queue. */
export class BadMessageError extends WordFreqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_MESSAGE', message, options);
    this.name = 'BadMessageError';
  }
}

/** Configuration that cannot work; `problems` lists every one found, each naming its setting. */
export class ConfigError extends WordFreqError {
  constructor(readonly problems: readonly string[]) {
    super('CONFIG', problems.join('; '));
    this.name = 'ConfigError';
  }
}
