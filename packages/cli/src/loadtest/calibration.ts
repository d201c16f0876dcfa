import type { JobRecord } from '@wordfreq/scaling';

/**
 * What the simulator needs that only a measurement can say, taken from one worker at a time, never
 * from the fleet's outcome (drain time, scaling events), which is what the prediction is checked on.
 */
export interface Calibration {
  /** Launch to "worker started", averaged over every worker process of the run. */
  readonly bootSeconds: number;
  readonly bootSamples: number;
  /** A job's time beyond the configured delay, so the simulator's service time is `delay + overheadSeconds`. */
  readonly overheadSeconds: number;
  /** Of the overhead: counting, per job (mean). */
  readonly countSeconds: number;
  /** Of the overhead: reading the object, saving and publishing the result (mean). */
  readonly ioSeconds: number;
  /** Of the overhead: acknowledging one job and receiving the next on the same worker (median). */
  readonly handOffSeconds: number;
}

/** One finished job as a worker measured it. */
export interface MeasuredJob extends JobRecord {
  /** The artificial delay that worker adds to each job. */
  readonly delaySeconds: number;
  /** Counting time the worker reported. */
  readonly countSeconds: number;
}

/**
 * Boot time is the mean start-up of the workers. A job's service time is its worker's configured delay
 * plus what the job measurably took beyond it: counting and I/O from the job's own start and finish,
 * plus the hand-off to the next job on the same worker (ack, then the next receive), which the
 * simulator does not model separately. Hand-offs are the gaps between one job's finish and its
 * worker's next start; with every job uploaded at once a worker never idles between two jobs, and the
 * median keeps a redelivery's long gap from skewing it.
 */
export function calibrate(jobs: readonly MeasuredJob[], startUpSeconds: readonly number[]): Calibration {
  if (jobs.length === 0) throw new RangeError('calibrate: no finished job to measure');
  if (startUpSeconds.length === 0) throw new RangeError('calibrate: no worker start-up to measure');
  const beyondDelay = jobs.map((job) => Math.max(0, job.finishSeconds - job.startSeconds - job.delaySeconds));
  const countSeconds = mean(jobs.map((job) => job.countSeconds));
  const busySeconds = mean(beyondDelay);
  const handOffSeconds = median(handOffs(jobs)) ?? 0;
  return {
    bootSeconds: mean(startUpSeconds),
    bootSamples: startUpSeconds.length,
    overheadSeconds: busySeconds + handOffSeconds,
    countSeconds,
    ioSeconds: Math.max(0, busySeconds - countSeconds),
    handOffSeconds,
  };
}

/** Per worker, in start order: the gap from each job's finish to the next job's start. */
export function handOffs(jobs: readonly JobRecord[]): number[] {
  const byWorker = new Map<number, JobRecord[]>();
  for (const job of jobs) byWorker.set(job.worker, [...(byWorker.get(job.worker) ?? []), job]);
  const gaps: number[] = [];
  for (const list of byWorker.values()) {
    list.sort((a, b) => a.startSeconds - b.startSeconds);
    for (let i = 1; i < list.length; i += 1) gaps.push(Math.max(0, list[i].startSeconds - list[i - 1].finishSeconds));
  }
  return gaps;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
