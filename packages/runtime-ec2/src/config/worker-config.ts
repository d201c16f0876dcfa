import { defaultMaxBytes, defaultVisibilitySeconds, type CountOptions, type LogLevel } from '@wordfreq/core';

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
  /** Serve GET /health on 127.0.0.1-or-all-interfaces at this port; undefined = no endpoint. */
  readonly healthPort?: number;
  /** Interface the health endpoint binds (default all interfaces, as a load balancer must reach it). */
  readonly healthHost: string;
  /** Identifies this worker in results and logs (the instance id on EC2). */
  readonly workerId: string;
  readonly count: CountOptions;
  /** Buckets jobs may name (`WORKER_ALLOWED_BUCKETS`); a job naming another is dead-lettered with the reason. */
  readonly allowedBuckets?: readonly string[];
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
  healthHost: '0.0.0.0',
} as const satisfies Partial<WorkerConfig>;
