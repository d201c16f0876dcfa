import { defaultReceivers } from '../worker/queue-worker.js';
import { defaultMaxBytes, defaultMaxReceiveCount, defaultVisibilitySeconds, type CountOptions, type LogLevel, type MilestoneMailOptions, type ResultMessageFormat } from '@wordfreq/core';

export type { LogLevel };
export type AdapterChoice = 'aws' | 'memory';

/**
 * Everything the worker daemon needs, already validated. Built from the environment by
 * `workerConfigFromEnv` (the daemon, `wordfreq worker`) or by hand (library users, tests).
 */
export interface WorkerConfig {
  /** Which adapters the composition root wires: real AWS (the default) or the in-process ones. */
  readonly adapters: AdapterChoice;
  /** AWS region; required for `aws`. */
  readonly region?: string;
  /** `WORKER_QUEUE_URL`: the jobs queue (S3 notifications or direct jobs). */
  readonly queueUrl: string;
  /** `WORKER_RESULT_QUEUE_URL`: where each result is published. */
  readonly resultQueueUrl: string;
  /** `WORKER_RESULT_TABLENAME`: the results table (partition key `Filename`). */
  readonly resultTable: string;
  /** Where unreadable messages go with their reason; without it they are left to the queue's redrive policy. */
  readonly deadLetterQueueUrl?: string;
  /** Seconds a received message stays invisible; the heartbeat extends it by this much at half of it. */
  readonly visibilitySeconds: number;
  /** Jobs run at once by this process (`WORKER_COUNT`). */
  readonly concurrency: number;
  /**
   * `WORKER_READ_AHEAD`: messages held beyond `concurrency`, so a free slot never waits on a receive
   * and a finished job's save, publish and ack overlap the next job. Default `defaultReadAhead`.
   */
  readonly readAhead?: number;
  /** Long-poll wait of each receive, 0..20 s. */
  readonly waitSeconds: number;
  /** Objects larger than this become TOO_LARGE failure results without being read. */
  readonly maxBytes: number;
  /** Artificial delay added to every job (the course used 10 s to make scaling visible). */
  readonly jobDelayMs: number;
  /** On SIGTERM/SIGINT: how long in-flight jobs may run before they are released to other workers. */
  readonly gracePeriodMs: number;
  /** How often queue depth and backlog are sampled for metrics; 0 turns sampling off. */
  readonly backlogIntervalMs: number;
  readonly logLevel: LogLevel;
  /** Serve GET /health on `healthHost` at this port; undefined = no endpoint. */
  readonly healthPort?: number;
  /**
   * Interface the health endpoint binds. Default loopback (127.0.0.1): the endpoint tells anyone who
   * reaches it about the worker's jobs; set 0.0.0.0 (WORKER_HEALTH_HOST) where a load balancer must reach it.
   */
  readonly healthHost: string;
  /**
   * The milestone recovery sweep (resends congratulations whose send was lost); off when undefined.
   * `thresholds` also lets it announce thresholds the total passed that nobody claimed.
   */
  readonly milestones?: {
    readonly thresholds: readonly number[];
    readonly mail: MilestoneMailOptions;
    readonly sweepIntervalMs: number;
    /** With aws adapters: the tables the visit functions write (default names otherwise). */
    readonly claimsTable?: string;
    readonly countersTable?: string;
  };
  /** Identifies this worker in results and logs (the instance id on EC2). */
  readonly workerId: string;
  readonly count: CountOptions;
  /** `WORKER_RESULT_FORMAT`: results-queue JSON, `wordfreq` (ours; the default when absent) or `go` (the Go sample's). */
  readonly resultFormat?: ResultMessageFormat;
  /**
   * `WORKER_MEMORY_BUDGET_MB`: memory the whole process may use; each of the `concurrency` jobs'
   * counters gets its share (`countMemoryPerJob`). Default `defaultWorkerMemoryBytes` (a 1 GiB instance).
   */
  readonly memoryBudgetBytes?: number;
  /** `WORKER_SPILL_DIR`: where counters over their budget spill; none = such jobs fail with TOO_MANY_WORDS. */
  readonly spillDir?: string;
  /** `WORKER_SPILL_QUOTA_MB`: most bytes the jobs may spill at once; none = the disk's free space. */
  readonly spillQuotaBytes?: number;
  /** Buckets jobs may name (`WORKER_ALLOWED_BUCKETS`); a job naming another is dead-lettered with the reason. */
  readonly allowedBuckets?: readonly string[];
  /**
   * `WORKER_JOB_TIME_LIMIT_SECONDS`: a job running longer is aborted and its message released (on its
   * last receive dead-lettered with the reason); its slot takes the next job even if it never returns.
   * Default `workerDefaults.jobTimeLimitMs`; undefined = no limit (library users only).
   */
  readonly jobTimeLimitMs?: number;
  /**
   * `WORKER_MAX_RECEIVES`: the jobs queue's maxReceiveCount. A job still failing (or over its time
   * limit) on that receive is dead-lettered with its reason before the redrive would move it without one.
   */
  readonly maxReceives?: number;
  /** `WORKER_REPUBLISH_SECONDS`: how often saved but unpublished results are sent again (the outbox); 0 = only at start. */
  readonly republishIntervalMs?: number;
}

/**
 * Two messages per slot, at most one SQS receive's worth (10): enough for a slot's next job and a
 * finished job's save, publish and ack in flight, so short jobs never wait on a receive; few, since a
 * held message is invisible to the other instances of the group and to the visible-messages metric
 * the scaling policy watches (with the course's 10 s jobs each held message is 10 s of hidden work).
 */
export function defaultReadAhead(concurrency: number): number {
  return Math.min(10, 2 * concurrency);
}

/** The read-ahead a configuration gets: its own, or the default for its concurrency. */
export function readAheadOf(config: Pick<WorkerConfig, 'concurrency' | 'readAhead'>): number {
  return config.readAhead ?? defaultReadAhead(config.concurrency);
}

/**
 * Connections each SDK client may keep open: a held message has at most one request open per
 * service at a time (its GET streaming while it counts, its PutItem, its heartbeat or batched send),
 * plus the two receives; never fewer than the SDK's own 50. With more slots than the SDK's pool,
 * GETs would wait for a socket while slots sit idle.
 */
export function socketsPerClient(concurrency: number, readAhead: number): number {
  return Math.max(50, concurrency + readAhead + defaultReceivers);
}

/** The original sample's defaults where it had one (visibility 60 s), ours otherwise. */
export const workerDefaults = {
  adapters: 'aws',
  visibilitySeconds: defaultVisibilitySeconds,
  waitSeconds: 10,
  maxBytes: defaultMaxBytes,
  jobDelayMs: 0,
  gracePeriodMs: 30_000,
  backlogIntervalMs: 60_000,
  logLevel: 'info',
  healthHost: '127.0.0.1',
  // Two hours: a 512 MiB file (the default size limit) of ordinary text counts in seconds, and even
  // one of distinct tokens that spills takes about 20 minutes on a loaded machine (1 GiB took 41 in
  // bench/README.md): six times that, and still six times under SQS's 12-hour visibility cap, past
  // which a hung job's message would come back anyway while its slot stayed taken.
  jobTimeLimitMs: 2 * 3600 * 1000,
  maxReceives: defaultMaxReceiveCount,
  // The outbox sweep scans the results table: every few minutes keeps a lost publish short-lived
  // without scanning all the time.
  republishIntervalMs: 300_000,
} as const satisfies Partial<WorkerConfig>;

/** How often the milestone recovery sweep runs when it is on (WORKER_MILESTONE_SWEEP_SECONDS). */
export const defaultMilestoneSweepIntervalMs = 300_000;
