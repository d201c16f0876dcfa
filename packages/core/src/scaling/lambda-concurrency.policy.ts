import { formatSeconds, noDecision, type ScalingDecision } from './scaling-decision.js';

/**
 * Lambda fed by SQS: the event source mapping polls with a few concurrent batches and, while messages
 * wait, raises concurrency by up to `scaleUpPerMinute` each minute until `concurrencyLimit` (the
 * mapping's maximum concurrency or the function's reserved concurrency). A new execution environment
 * pays `coldStartSeconds` before its first job; idle environments are reclaimed after `keepWarmSeconds`.
 */
export interface LambdaConfig {
  readonly label?: string;
  readonly concurrencyLimit: number;
  readonly initialConcurrency: number;
  readonly scaleUpPerMinute: number;
  readonly coldStartSeconds: number;
  readonly keepWarmSeconds: number;
  readonly memoryMb: number;
  readonly pricePerGbSecond: number;
  readonly pricePerMillionRequests: number;
}

export function lambdaConfig(overrides: Partial<LambdaConfig> = {}): LambdaConfig {
  return {
    label: 'lambda',
    concurrencyLimit: 1000, // the default account limit when nothing is reserved
    initialConcurrency: 5,
    scaleUpPerMinute: 300,
    coldStartSeconds: 1,
    keepWarmSeconds: 300,
    memoryMb: 512,
    pricePerGbSecond: 0.0000166667, // x86, us-east-1
    pricePerMillionRequests: 0.2,
    ...overrides,
  };
}

/** Lambda's scaling runs on a one-minute cadence: the "cooldown" between two concurrency changes. */
export const lambdaScalingIntervalSeconds = 60;

export interface LambdaObservation {
  readonly now: number;
  readonly visible: number;
  readonly inFlight: number;
  /** The concurrency the poller currently allows. */
  readonly concurrency: number;
  readonly lastChangeAt?: number;
}

/** The poller's floor and ceiling; decisions stay within them. */
export function lambdaBounds(config: LambdaConfig): { min: number; max: number } {
  return { min: Math.min(config.initialConcurrency, config.concurrencyLimit), max: config.concurrencyLimit };
}

export function decideLambdaConcurrency(config: LambdaConfig, observation: LambdaObservation): ScalingDecision {
  const { min, max } = lambdaBounds(config);
  const since = observation.now - (observation.lastChangeAt ?? -Infinity);
  const waitFor = lambdaScalingIntervalSeconds - since;
  if (observation.visible > 0 && observation.concurrency < max) {
    if (waitFor > 0) return noDecision(`${observation.visible} waiting, next concurrency step in ${formatSeconds(waitFor)}`);
    const desired = Math.min(max, observation.concurrency + config.scaleUpPerMinute);
    return { action: 'scale-out', desired, reason: `${observation.visible} messages waiting: concurrency ${observation.concurrency} -> ${desired}` };
  }
  if (observation.visible === 0 && observation.inFlight === 0 && observation.concurrency > min) {
    if (waitFor > 0) return noDecision(`queue empty, concurrency falls back in ${formatSeconds(waitFor)}`);
    return { action: 'scale-in', desired: min, reason: `queue empty: concurrency back to ${min}` };
  }
  return noDecision(`concurrency ${observation.concurrency}`);
}
