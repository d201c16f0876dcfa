import type { WordCount } from '../counting/word-count.js';
import type { ErrorCode } from '../errors.js';

export type JobStatus = 'succeeded' | 'failed';

/**
 * The stored outcome of one job: a row of the `wordfreq` table, keyed by `filename` (= `bucket/key`,
 * as in the original sample).
 */
export interface JobResult {
  /** Deterministic id of this outcome, so consumers of the results queue can drop duplicates. */
  readonly resultId: string;
  readonly filename: string;
  readonly bucket: string;
  readonly key: string;
  readonly status: JobStatus;
  /** The object's ETag when it was read; absent when the object was missing. */
  readonly etag?: string;
  readonly words: readonly WordCount[];
  readonly bytes: number;
  readonly totalWords: number;
  readonly distinctWords: number;
  readonly error?: { readonly code: ErrorCode; readonly message: string };
  /** ISO-8601 timestamps. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Of that, time spent counting (the rest is I/O and bookkeeping). */
  readonly countMs: number;
  readonly workerId: string;
}

/** The results table. `save` is idempotent per filename: saving the same job twice keeps one row. */
export interface ResultStore {
  save(result: JobResult): Promise<void>;
  get(filename: string): Promise<JobResult | undefined>;
  list(): AsyncIterable<JobResult>;
}

/** The results queue. Messages are `ResultMessage` JSON (see jobs/result-message.ts). */
export interface ResultPublisher {
  publish(result: JobResult): Promise<void>;
}
