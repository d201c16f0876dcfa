import type { JobResult } from '@wordfreq/core';
import type { MeasuredJob } from './calibration.js';

/** When the loadtest saw a worker report a job's result (run seconds), and which worker it was. */
export interface SeenFinish {
  readonly t: number;
  readonly worker: number;
}

export interface MeasuredJobSources {
  /** Rows of the results table: when each job started, by the worker's clock, and its counting time. */
  readonly rows: readonly JobResult[];
  /** By filename (`bucket/key`). */
  readonly finishes: ReadonlyMap<string, SeenFinish>;
  /** By filename: when the upload landed (run seconds). */
  readonly arrivals: ReadonlyMap<string, number>;
  /** Each worker's artificial delay, by worker index. */
  readonly workerDelays: readonly number[];
  /** Run seconds of a wall-clock time in milliseconds. */
  readonly secondsAt: (wallMs: number) => number;
}

/**
 * The run's jobs in the simulator's record shape. A job starts when its worker began it (the result's
 * `startedAt`) and finishes when its result was saved and published (the worker's log line), so the
 * service time holds everything but the hand-off to the next job. Rows of files the run did not see
 * finish are left out: the job accounting reports those.
 */
export function measuredJobs(sources: MeasuredJobSources): MeasuredJob[] {
  return sources.rows.flatMap((row, id) => {
    const seen = sources.finishes.get(row.filename);
    const arrivalSeconds = sources.arrivals.get(row.filename);
    if (seen === undefined || arrivalSeconds === undefined) return [];
    const startSeconds = sources.secondsAt(Date.parse(row.startedAt));
    return [
      {
        id,
        arrivalSeconds,
        startSeconds,
        finishSeconds: seen.t,
        serviceSeconds: seen.t - startSeconds,
        worker: seen.worker,
        coldStartSeconds: 0,
        delaySeconds: sources.workerDelays[seen.worker],
        countSeconds: row.countMs / 1000,
      },
    ];
  });
}
