import { integerFlag, parseCommandArgs } from '../args.js';
import { UsageError } from '../usage-error.js';

export type LoadtestPolicyChoice = 'step' | 'target';

/** What a local load test runs: the scenario, scaled down from the course's so it fits in a minute. */
export interface LoadtestOptions {
  readonly policy: LoadtestPolicyChoice;
  readonly files: number;
  /** The worker's artificial delay per job (the course's 10-20 s); each worker draws one from the range. */
  readonly jobSeconds: { readonly min: number; readonly max: number };
  /** The alarm period: the seed's 300 s (step) or target tracking's 60 s, shortened. */
  readonly periodSeconds: number;
  /** The seed's 300 s cooldown, shortened (target tracking: its scale-in cooldown). */
  readonly cooldownSeconds: number;
  readonly maxWorkers: number;
  /** Target tracking's acceptable visible messages per in-service worker. */
  readonly targetBacklog: number;
  readonly bytesPerFile: number;
  /** Draws the files' text and the workers' delays. */
  readonly seed: number;
}

export interface LoadtestCommandOptions {
  readonly options: LoadtestOptions;
  readonly json: boolean;
  readonly svg?: string;
}

export const loadtestDefaults: LoadtestOptions = {
  policy: 'step',
  files: 30,
  jobSeconds: { min: 1, max: 1 },
  periodSeconds: 3,
  cooldownSeconds: 3,
  maxWorkers: 3,
  targetBacklog: 5,
  bytesPerFile: 16 * 1024,
  seed: 7,
};

const policies: readonly LoadtestPolicyChoice[] = ['step', 'target'];

/** Parses `wordfreq loadtest` flags; every mistake is a one-line UsageError naming the flag. */
export function parseLoadtestArgs(argv: readonly string[]): LoadtestCommandOptions {
  const { values, positionals } = parseCommandArgs('loadtest', argv, {
    local: { type: 'boolean' },
    policy: { type: 'string' },
    files: { type: 'string' },
    'job-seconds': { type: 'string' },
    period: { type: 'string' },
    cooldown: { type: 'string' },
    max: { type: 'string' },
    target: { type: 'string' },
    'file-kb': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    svg: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`loadtest takes no arguments, got '${positionals[0]}'`);
  if (!values.local) {
    throw new UsageError('loadtest needs --local: it runs real workers against emulated AWS on this machine (no AWS account is used)');
  }
  const policy = values.policy ?? loadtestDefaults.policy;
  if (!policies.includes(policy as LoadtestPolicyChoice)) {
    throw new UsageError(`--policy must be one of ${policies.join(', ')}, got '${policy}'`);
  }
  if (values.svg !== undefined && values.svg.trim() === '') throw new UsageError('--svg needs a file name, e.g. --svg loadtest.svg');
  const options: LoadtestOptions = {
    policy: policy as LoadtestPolicyChoice,
    files: integerFlag('files', values.files, loadtestDefaults.files, 1, 1000),
    jobSeconds: secondsRange('job-seconds', values['job-seconds'], loadtestDefaults.jobSeconds),
    periodSeconds: secondsFlag('period', values.period, loadtestDefaults.periodSeconds, 0.5, 600),
    cooldownSeconds: secondsFlag('cooldown', values.cooldown, loadtestDefaults.cooldownSeconds, 0, 3600),
    maxWorkers: integerFlag('max', values.max, loadtestDefaults.maxWorkers, 1, 10),
    targetBacklog: secondsFlag('target', values.target, loadtestDefaults.targetBacklog, 0.1, 10_000),
    bytesPerFile: integerFlag('file-kb', values['file-kb'], loadtestDefaults.bytesPerFile / 1024, 1, 64 * 1024) * 1024,
    seed: integerFlag('seed', values.seed, loadtestDefaults.seed),
  };
  return { options, json: values.json ?? false, ...(values.svg === undefined ? {} : { svg: values.svg }) };
}

/** A number of seconds (fractions allowed) within [min, max]. */
export function secondsFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`--${name} must be a number of seconds such as 2 or 0.5, got '${raw}'`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max} seconds, got ${value}`);
  return value;
}

/** `A-B` or `A` seconds of artificial delay per job, each 0..60 s. */
export function secondsRange(name: string, raw: string | undefined, fallback: { min: number; max: number }): { min: number; max: number } {
  if (raw === undefined) return fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$/.exec(raw);
  if (!match) throw new UsageError(`--${name} must be seconds or a range of seconds such as 1-2, got '${raw}'`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) throw new UsageError(`--${name}: the range must go from low to high, got ${min}-${max}`);
  if (max > 60) throw new UsageError(`--${name}: at most 60 s per job for a local run, got ${max}`);
  return { min, max };
}
