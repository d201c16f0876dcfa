import { BoundedWordCounter } from '../counting/bounded-word-counter.js';
import { countMemoryProblem } from '../counting/count-budget.js';
import type { CountOptions } from '../counting/count-options.js';
import type { CountSummary } from '../counting/word-count.js';
import { ConfigError, PermanentJobFailureCodes, TooLargeError, WordFreqError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { ObjectInfo, ObjectRef, ObjectStore } from '../ports/object-store.port.js';
import type { JobResult, ResultPublisher, ResultStore } from '../ports/result-store.port.js';
import type { SpillStore } from '../ports/spill-store.port.js';
import type { JobSlots } from './job-slots.js';
import { resultId } from './result-id.js';
import { saveAndPublish } from './save-and-publish.js';
import { fitResultToLimits, resultLimits } from './result-limits.js';
import { guardTextBody } from './text-body-guard.js';

export interface ProcessJobDeps {
  readonly storage: ObjectStore;
  readonly results: ResultStore;
  readonly publisher: ResultPublisher;
  readonly clock: Clock;
  readonly logger?: Logger;
  /**
   * Monotonic milliseconds for timing the counter's CPU work (`countMs`); defaults to
   * `performance.now`. Separate from `clock`, which is domain time and may be a manual test clock.
   */
  readonly stopwatch?: () => number;
  /**
   * Scratch space for a count that outgrows `memoryBudgetBytes`. Without it such a job fails
   * permanently with TOO_MANY_WORDS instead of spilling.
   */
  readonly spill?: SpillStore;
  /**
   * Limits how many jobs read and count (and sleep the delay) at once. Saving and publishing run
   * outside a slot, so a worker overlaps them with its next job. Without it every call runs at once.
   */
  readonly slots?: JobSlots;
}

export interface ProcessJobOptions {
  readonly count: CountOptions;
  /** Objects larger than this fail with TOO_LARGE without being read. */
  readonly maxBytes: number;
  /**
   * Estimated bytes this job's counter may hold (default `defaultCountMemoryBytes`); past it the
   * counter spills to `deps.spill`, or the job fails with TOO_MANY_WORDS when there is none.
   */
  readonly memoryBudgetBytes?: number;
  readonly workerId: string;
  /**
   * The course's artificial per-job delay (the original ran with 10 s), slept after counting and
   * before saving, for every job, so that each job takes at least this long. Abortable via `signal`.
   */
  readonly delayMs?: number;
  /** Aborting stops the job between chunks or during the delay; the abort reason propagates (retry). */
  readonly signal?: AbortSignal;
}

/** What processJob returns: the result, and whether the table already held a newer version's. */
export type ProcessedJob = JobResult & {
  /** The table holds a newer version's result: this one was neither stored nor published. */
  readonly superseded?: true;
};

/** A failure that retrying the same job cannot fix: recorded as a failed result and acknowledged. */
export function isPermanentJobFailure(error: unknown): error is WordFreqError {
  return WordFreqError.isInstance(error) && PermanentJobFailureCodes.has(error.code);
}

/**
 * Counts one object and records the outcome. The outcome rules:
 * - success: the top words, saved (idempotent per `bucket/key`) and published, then returned.
 *   An empty object is a success with zero words: it is valid text with nothing in it, and reporting
 *   it as a failure would make users chase a non-problem;
 * - permanent failure (missing -> NOT_FOUND, a NUL byte in the first 8 KiB -> NOT_TEXT, bigger than
 *   `maxBytes` -> TOO_LARGE, checked from the GET's headers before reading the body; more different words than
 *   `memoryBudgetBytes` holds and no `spill` store to spill them to, or a full one -> TOO_MANY_WORDS):
 *   a failed result with the code and
 *   message is saved and published just the same, and returned, so the job can be acknowledged;
 * - anything else (TransientError, any other error) propagates untouched: the caller leaves the
 *   message to be redelivered. Saving and publishing errors propagate too: a result that was not
 *   recorded must be retried.
 * Every result is cut to fit the results queue and table (result-limits.ts) before its id is taken.
 * The result carries the object's version (`objectModifiedAt`: its last-modified time as read, or
 * the job's start when it was missing): a result the table refuses as older than the row's is
 * `superseded`, logged and returned without being published, so the job is acked, not retried.
 * Row and message are written by `saveAndPublish` (the outbox, one write per result), so a result
 * whose send kept failing is found and sent by `republishUnpublished`.
 */
export async function processJob(job: ObjectRef, deps: ProcessJobDeps, options: ProcessJobOptions): Promise<ProcessedJob> {
  checkOptions(options);
  options.signal?.throwIfAborted();
  const { clock } = deps;
  const label = `${job.bucket}/${job.key}`;
  const startedAt = clock.now();
  const seen: { info?: ObjectInfo; countMs: number } = { countMs: 0 };

  let outcome: { summary: CountSummary } | { failure: WordFreqError };
  const freeSlot = await deps.slots?.acquire(options.signal);
  try {
    try {
      outcome = { summary: await countObject(job, label, deps, options, seen) };
    } catch (error) {
      if (!isPermanentJobFailure(error)) throw error;
      outcome = { failure: error };
    }
    if (options.delayMs) await clock.sleep(options.delayMs, options.signal);
  } finally {
    freeSlot?.();
  }
  const finishedAt = clock.now();

  const common = {
    filename: label,
    bucket: job.bucket,
    key: job.key,
    ...(seen.info ? { etag: seen.info.etag } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    countMs: seen.countMs,
    workerId: options.workerId,
    objectModifiedAt: (seen.info?.lastModified ?? startedAt).toISOString(),
    published: false,
  };
  const identity =
    'summary' in outcome
      ? {
          ...common,
          status: 'succeeded' as const,
          words: outcome.summary.top,
          bytes: outcome.summary.bytes,
          totalWords: outcome.summary.totalWords,
          distinctWords: outcome.summary.distinctWords,
        }
      : {
          ...common,
          status: 'failed' as const,
          words: [],
          bytes: seen.info?.size ?? 0,
          totalWords: 0,
          distinctWords: 0,
          error: { code: outcome.failure.code, message: outcome.failure.message },
        };
  const fitted = fitResultToLimits(identity);
  if (fitted.wordsDropped > 0 || fitted.errorTrimmed) {
    deps.logger?.warn('result cut to fit the results queue and table', { filename: label, wordsDropped: fitted.wordsDropped, errorTrimmed: fitted.errorTrimmed });
  }
  const result: JobResult = { resultId: resultId(fitted.result), ...fitted.result };

  if ((await saveAndPublish(result, deps)) === 'superseded') {
    deps.logger?.warn('job result superseded: the table holds a newer version of the object; not stored, not published', {
      filename: result.filename,
      resultId: result.resultId,
      objectModifiedAt: result.objectModifiedAt,
    });
    return { ...result, superseded: true };
  }
  const published: JobResult = { ...result, published: true };
  deps.logger?.info(result.status === 'succeeded' ? 'job succeeded' : 'job failed permanently', {
    filename: result.filename,
    resultId: result.resultId,
    bytes: result.bytes,
    totalWords: result.totalWords,
    durationMs: result.durationMs,
    countMs: result.countMs,
    ...(result.error ? { code: result.error.code, error: result.error.message } : {}),
  });
  return published;
}

async function countObject(
  job: ObjectRef,
  label: string,
  deps: ProcessJobDeps,
  options: ProcessJobOptions,
  seen: { info?: ObjectInfo; countMs: number },
): Promise<CountSummary> {
  // One request per job: the GET's own headers carry the size, ETag and version. An object over the
  // limit is refused from those headers and its body closed unread (a HEAD first would cost every job
  // a round trip to save the rare oversized one a few socket buffers of transfer).
  const { info, body } = await deps.storage.read(job, undefined, options.signal ? { signal: options.signal } : {});
  seen.info = info;
  try {
    checkSize(info, label, options.maxBytes);
  } catch (error) {
    await body[Symbol.asyncIterator]().return?.();
    throw error;
  }

  // Timed around the counter's own synchronous work only: reading, other workers sharing the thread
  // and every await are not counting. The counter's calls are async (they may spill), and awaiting
  // even a settled promise lets other workers' continuations run first, so the clock stops when
  // the call returns its promise, before it is awaited; a spill's I/O is therefore not counted.
  const stopwatch = deps.stopwatch ?? (() => performance.now());
  const counter = new BoundedWordCounter(options.count, { memoryBytes: options.memoryBudgetBytes, spill: deps.spill, label });
  let countingMs = 0;
  const timed = <T>(call: () => Promise<T>): Promise<T> => {
    const started = stopwatch();
    const pending = call();
    countingMs += stopwatch() - started;
    return pending;
  };
  try {
    for await (const chunk of guardTextBody(body, { label, maxBytes: options.maxBytes, signal: options.signal })) {
      await timed(() => counter.write(chunk));
    }
    const summary = await timed(() => counter.end());
    return summary;
  } finally {
    seen.countMs = Math.round(countingMs * 1000) / 1000;
    await counter.dispose();
  }
}

function checkSize(info: ObjectInfo, label: string, maxBytes: number): void {
  if (info.size > maxBytes) {
    throw new TooLargeError(`${label} is ${info.size} bytes, over the limit of ${maxBytes} bytes; raise maxBytes or split the file`);
  }
}

function checkOptions(options: ProcessJobOptions): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 0) {
    problems.push(`maxBytes must be a whole number of bytes >= 0, got ${String(options.maxBytes)}`);
  }
  const budgetProblem = options.memoryBudgetBytes === undefined ? undefined : countMemoryProblem(options.memoryBudgetBytes);
  if (budgetProblem) problems.push(`memoryBudgetBytes ${budgetProblem}`);
  if (typeof options.workerId !== 'string' || options.workerId === '') problems.push('workerId must be a non-empty string');
  else if (options.workerId.length > resultLimits.maxWorkerIdLength) problems.push(`workerId must be at most ${resultLimits.maxWorkerIdLength} characters, got ${options.workerId.length}`);
  if (options.delayMs !== undefined && !(Number.isFinite(options.delayMs) && options.delayMs >= 0)) {
    problems.push(`delayMs must be a number of milliseconds >= 0, got ${String(options.delayMs)}`);
  }
  if (problems.length) throw new ConfigError(problems);
}
