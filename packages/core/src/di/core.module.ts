import { ContainerModule } from 'inversify';
import { defaultCountMemoryBytes } from '../counting/count-budget.js';
import type { CountOptions } from '../counting/count-options.js';
import { defaultMaxBytes, defaultMaxReceiveCount, defaultMaxRecordsPerMessage } from '../config/job-defaults.js';
import { defaultResourceNames } from '../config/default-resource-names.js';
import { systemClock } from '../system-clock.js';
import { Tokens } from './tokens.js';

/** Settings the use cases read; runtimes bind their own under `Tokens.CoreSettings`. */
export interface CoreSettings {
  readonly count: CountOptions;
  /** Objects larger than this fail with TOO_LARGE instead of being counted. */
  readonly maxBytes: number;
  /**
   * Estimated bytes one job's counter may hold before it spills to the bound `SpillStore` (or fails
   * with TOO_MANY_WORDS without one); see `countMemoryPerJob` for a worker running several jobs.
   */
  readonly memoryBudgetBytes?: number;
  /** Identifies this worker in results and logs. */
  readonly workerId: string;
  /** The course's artificial per-job delay (processJob's `delayMs`); none by default. */
  readonly delayMs?: number;
  /** Buckets jobs may name; any other is an unreadable message (default: the uploads bucket, wordfreq-uploads). */
  readonly allowedBuckets?: readonly string[];
  /** Most records one job message may hold (default defaultMaxRecordsPerMessage). */
  readonly maxRecordsPerMessage?: number;
  /** The jobs queue's maxReceiveCount: its last receive dead-letters a failing job with the reason (default 5). */
  readonly maxReceives?: number;
}

export const defaultCoreSettings: CoreSettings = {
  count: {},
  maxBytes: defaultMaxBytes,
  memoryBudgetBytes: defaultCountMemoryBytes,
  workerId: 'local',
  allowedBuckets: [defaultResourceNames.bucket],
  maxRecordsPerMessage: defaultMaxRecordsPerMessage,
  maxReceives: defaultMaxReceiveCount,
};

/**
 * Binds what the core provides itself (a system clock and settings), each only where nothing is
 * bound yet: a composition root that binds its own clock or settings first keeps them, and loading
 * this module never creates two bindings for one token (which inversify would reject as ambiguous).
 */
export function coreModule(settings: Partial<CoreSettings> = {}): ContainerModule {
  return new ContainerModule(({ bind, isBound }) => {
    for (const [token, value] of corePorts(settings)) if (!isBound(token)) bind(token).toConstantValue(value);
  });
}

/** What the core provides itself, as token-port pairs: for `coreModule`, or a `PortMap` root. */
export function corePorts(settings: Partial<CoreSettings> = {}): [symbol, unknown][] {
  return [
    [Tokens.Clock, systemClock],
    [Tokens.CoreSettings, { ...defaultCoreSettings, ...settings }],
  ];
}
