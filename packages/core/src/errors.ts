/**
 * Every failure the core knows about carries a stable `code`, so callers (runtimes, the CLI, users)
 * branch on codes rather than on message text or class identity. The code is a field only: a message
 * says what happened, to what, and what to do, and never starts with the code, so it can be shown to
 * a user as it is.
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

/** What every error constructor takes besides its message: the error it wraps, kept as `cause`. */
export interface WordFreqErrorOptions {
  readonly cause?: unknown;
}

// A registry-wide symbol, so `isInstance` works when two copies of @wordfreq/core are loaded.
const marker = Symbol.for('wordfreq.WordFreqError');

/**
 * The base of every error below. Construct the subclass that names the code (`new NotTextError(...)`);
 * this constructor stays public for callers that only have a code at hand.
 */
export class WordFreqError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: WordFreqErrorOptions,
  ) {
    super(message, options);
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

/** The thing asked for does not exist (object, result, counter). */
export class NotFoundError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

/** A job's object is not text (a NUL byte in it); retrying will not change that. */
export class NotTextError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('NOT_TEXT', message, options);
    this.name = 'NotTextError';
  }
}

/** A job's object is over the configured size limit; retrying will not change that. */
export class TooLargeError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('TOO_LARGE', message, options);
    this.name = 'TooLargeError';
  }
}

/** A count has more distinct words than its memory budget and scratch space can hold. */
export class TooManyWordsError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('TOO_MANY_WORDS', message, options);
    this.name = 'TooManyWordsError';
  }
}

/** A queue message nobody can turn into a job; it belongs on the dead-letter queue. */
export class BadMessageError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('BAD_MESSAGE', message, options);
    this.name = 'BadMessageError';
  }
}

/** The caller passed a value the operation (or the real service behind a port) refuses. */
export class BadInputError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('BAD_INPUT', message, options);
    this.name = 'BadInputError';
  }
}

/** Throttling, 5xx, network: the operation may succeed if tried again later. */
export class TransientError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('TRANSIENT', message, options);
    this.name = 'TransientError';
  }
}

/** A conditional write lost: somebody else got there first. */
export class ConflictError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('CONFLICT', message, options);
    this.name = 'ConflictError';
  }
}

/** Configuration that cannot work; `problems` lists every one found, each naming its setting. */
export class ConfigError extends WordFreqError {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: WordFreqErrorOptions) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super('CONFIG', list.join('; '), options);
    this.name = 'ConfigError';
    this.problems = list;
  }
}

/** Something that should not happen did (a service answered out of contract, a bug): not the caller's to fix. */
export class InternalError extends WordFreqError {
  constructor(message: string, options?: WordFreqErrorOptions) {
    super('INTERNAL', message, options);
    this.name = 'InternalError';
  }
}
