import { defaultResourceNames, systemClock, type Clock, type Logger } from '@wordfreq/core';
import { bridgeUploadsToQueue } from './bridge-uploads-to-queue.js';
import { MemoryClaimStore } from './memory-claim-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryLogger } from './memory-logger.js';
import { MemoryMailer } from './memory-mailer.js';
import { MemoryMetrics } from './memory-metrics.js';
import { MemorySpillStore } from './memory-spill-store.js';
import { MemoryObjectStore } from './memory-object-store.js';
import { MemoryResultPublisher } from './memory-result-publisher.js';
import { MemoryResultStore } from './memory-result-store.js';

export interface MemorySystemOptions {
  /** Default: the system clock. Pass a `ManualClock` to drive visibility timeouts from a test. */
  readonly clock?: Clock;
  /** Primary bucket; uploads here become jobs (default `defaultResourceNames.bucket`, `wordfreq-uploads`). */
  readonly uploadBucket?: string;
  /** Backup bucket (default `defaultResourceNames.backupBucket`, `wordfreq-backup`). */
  readonly backupBucket?: string;
  /** Turn uploads into S3 event notifications on the jobs queue (default true). */
  readonly bridgeUploads?: boolean;
  /** Receives before a job is redriven to the dead-letter queue (default 3). */
  readonly maxReceiveCount?: number;
  readonly listPageSize?: number;
  /** Where the memory logger also forwards entries (default: nowhere; read `logger.entries`). */
  readonly forwardLogsTo?: Logger;
}

/** Every memory adapter, wired the way the AWS deployment is: bucket -> notification -> jobs queue. */
export interface MemorySystem {
  readonly clock: Clock;
  readonly buckets: { readonly uploads: string; readonly backup: string };
  readonly store: MemoryObjectStore;
  readonly jobs: MemoryJobQueue;
  readonly deadLetters: MemoryJobQueue;
  readonly resultsQueue: MemoryJobQueue;
  readonly results: MemoryResultStore;
  readonly publisher: MemoryResultPublisher;
  readonly counters: MemoryCounterStore;
  readonly claims: MemoryClaimStore;
  readonly mailer: MemoryMailer;
  readonly logger: MemoryLogger;
  readonly metrics: MemoryMetrics;
  /** Scratch space for counters over their memory budget (in memory: for tests and the demo). */
  readonly spill: MemorySpillStore;
  /** Stops the upload bridge and ends waiting long polls. */
  dispose(): void;
}

export function createMemorySystem(options: MemorySystemOptions = {}): MemorySystem {
  const clock = options.clock ?? systemClock;
  const buckets = { uploads: options.uploadBucket ?? defaultResourceNames.bucket, backup: options.backupBucket ?? defaultResourceNames.backupBucket };
  const store = new MemoryObjectStore({
    clock,
    buckets: [buckets.uploads, buckets.backup],
    ...(options.listPageSize !== undefined ? { listPageSize: options.listPageSize } : {}),
  });
  const deadLetters = new MemoryJobQueue({ name: defaultResourceNames.deadLetterQueue, clock });
  const jobs = new MemoryJobQueue({
    name: defaultResourceNames.jobQueue,
    clock,
    deadLetterQueue: deadLetters,
    maxReceiveCount: options.maxReceiveCount ?? 3,
  });
  const resultsQueue = new MemoryJobQueue({ name: defaultResourceNames.resultsQueue, clock });
  const logger = new MemoryLogger({
    now: () => clock.now(),
    ...(options.forwardLogsTo ? { forward: options.forwardLogsTo } : {}),
  });
  const unbridge = options.bridgeUploads === false ? () => {} : bridgeUploadsToQueue(store, jobs, { bucket: buckets.uploads });
  return {
    clock,
    buckets,
    store,
    jobs,
    deadLetters,
    resultsQueue,
    results: new MemoryResultStore(),
    publisher: new MemoryResultPublisher(resultsQueue),
    counters: new MemoryCounterStore(),
    claims: new MemoryClaimStore(),
    mailer: new MemoryMailer({ clock }),
    logger,
    metrics: new MemoryMetrics(),
    spill: new MemorySpillStore(),
    dispose() {
      unbridge();
      for (const queue of [jobs, deadLetters, resultsQueue]) queue.close();
    },
  };
}
