import type { WordCount } from '../counting/word-count.js';
import type { ErrorCode } from '../errors.js';

export type JobStatus = 'succeeded' | 'failed';

/** What a result describes: one object (the default, also when absent) or a corpus of many. */
export type ResultKind = 'object' | 'corpus';

/** What only a corpus result has: how its work was cut. */
export interface CorpusTotals {
  readonly parts: number;
  readonly objects: number;
}

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
  /**
   * The version of the object this result describes, as an ISO-8601 timestamp: its last-modified
   * time as read, or, when it was missing, when it was found missing. The table keeps the result of
   * the newest version (see `ResultStore.save`). Absent on rows written before versions were kept.
   */
  readonly objectModifiedAt?: string;
  /**
   * The outbox flag: the row is saved true and sent (`saveAndPublish`); a send that fails sets it
   * false. Rows left false (the send kept failing) are sent again by `republishUnpublished`.
   */
  readonly published?: boolean;
  /**
   * Set when the result was read from the Go sample's layout (`aws-go-wordfreq-sample`): a table row
   * it wrote (`Filename` and a `Words` map only) or a results message in its format. Then `words` (in
   * top-words order) and what the message carried are all there is; `resultId`, `workerId` and the
   * timestamps it lacks are `""`, the totals 0. Absent on our own results.
   */
  readonly origin?: 'go-sample';
  /** `corpus` for a corpus job (`filename` = `bucket/prefix*` or `bucket/key`); absent for one object. */
  readonly kind?: ResultKind;
  /** Present on corpus results only. */
  readonly corpus?: CorpusTotals;
}

/** `saved`: the row now holds this result. `superseded`: it holds a newer version's; nothing was written. */
export type SaveOutcome = 'saved' | 'superseded';

/**
 * The results table, one row per filename. `save` is a conditional write: it replaces the row
 * unless the row holds a result of a newer object version (`objectModifiedAt` later than this one's),
 * so a slow job on an old version never overwrites a newer result, whatever the order of completions.
 * Saving the same version again replaces the row (idempotent); a row or result without a version
 * never blocks a write.
 */
export interface ResultStore {
  save(result: JobResult): Promise<SaveOutcome>;
  /** Sets `published` on the row if it still holds the result `resultId` (else nothing happens). */
  markPublished(filename: string, resultId: string): Promise<void>;
  /** Clears `published` on the row if it still holds the result `resultId`: its send failed (see `saveAndPublish`). */
  markUnpublished(filename: string, resultId: string): Promise<void>;
  get(filename: string): Promise<JobResult | undefined>;
  list(): AsyncIterable<JobResult>;
}

/** Whether a result of version `incoming` may replace a row of version `stored` (ISO-8601, or absent). */
export function isNotOlderVersion(incoming: string | undefined, stored: string | undefined): boolean {
  return incoming === undefined || stored === undefined || incoming >= stored;
}

/** The results queue. Messages are `ResultMessage` JSON (see jobs/result-message.ts). */
export interface ResultPublisher {
  publish(result: JobResult): Promise<void>;
  /**
   * `publish` for several results in as few requests as the queue allows (SQS: SendMessageBatch).
   * Entries refused are returned, not thrown; a failure of the whole request throws. Optional.
   */
  publishMany?(results: readonly JobResult[]): Promise<readonly BatchFailure<JobResult>[]>;
}

/** An entry of a batch call that did not go through, and why; the batch's other entries did. */
export interface BatchFailure<T> {
  readonly entry: T;
  readonly error: unknown;
}
