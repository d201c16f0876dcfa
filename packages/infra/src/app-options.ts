import { backlogTarget, seedStepPolicy, targetTrackingPolicy, type StepScalingPolicy, type TargetTrackingPolicy } from '@wordfreq/core';
import type { SiteDomain } from './mytravel/site-distribution.js';
import type { WorkerRuntime } from './wordfreq/wordfreq-stack.js';

export type ScalingChoice = 'seed' | 'target';

/** Every variant the app can synthesise, from `-c name=value` (see the README's table). */
export interface AppOptions {
  readonly runtime: WorkerRuntime;
  readonly scaling: ScalingChoice;
  readonly spot: boolean;
  readonly dev: boolean;
  readonly minInstances?: number;
  readonly maxInstances?: number;
  readonly workerConcurrency: number;
  readonly jobDelaySeconds?: number;
  /** target: acceptable latency and seconds per job, AWS's backlog-per-instance formula. */
  readonly acceptableLatencySeconds: number;
  readonly secondsPerJob: number;
  readonly lambdaMaxConcurrency?: number;
  /** Corpus jobs: the counting Distributed Map's maximum concurrency (1..10000). */
  readonly corpusMaxConcurrency?: number;
  readonly alarmEmail?: string;
  readonly mailFrom: string;
  readonly mailTo: readonly string[];
  readonly milestones?: readonly number[];
  readonly glacierAfterDays?: number;
  readonly domain?: SiteDomain;
  readonly siteDirectory?: string;
}

/** Used until `-c mailFrom=` and `-c mailTo=` are given, so synth works; the app warns about it. */
export const placeholderMail = 'mytravel@example.com';

/** Reads the options from CDK context values (strings from `-c`, or JSON from cdk.json); throws one error listing every problem. */
export function appOptionsFromContext(get: (key: string) => unknown): AppOptions {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = get(key);
    if (value === undefined || value === null || value === '') return undefined;
    return String(value).trim();
  };
  const oneOf = <T extends string>(key: string, choices: readonly T[], fallback: T): T => {
    const value = text(key) ?? fallback;
    if (!(choices as readonly string[]).includes(value)) problems.push(`-c ${key}=${value}: choose one of ${choices.join(', ')}`);
    return value as T;
  };
  const flag = (key: string): boolean => oneOf(key, ['true', 'false'], 'false') === 'true';
  const integer = (key: string, min: number, max: number): number | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) problems.push(`-c ${key}=${value}: must be a whole number from ${min} to ${max}`);
    return n;
  };
  const list = (key: string): string[] | undefined => text(key)?.split(',').map((item) => item.trim()).filter((item) => item !== '');

  const runtime = oneOf<WorkerRuntime>('runtime', ['ec2', 'lambda'], 'ec2');
  const scaling = oneOf<ScalingChoice>('scaling', ['seed', 'target'], 'seed');
  const domainParts = ['hostedZoneId', 'zoneName', 'domainName'].map(text);
  const given = domainParts.filter((part) => part !== undefined).length;
  if (given !== 0 && given !== 3) problems.push('a domain needs all three of -c hostedZoneId=Z... -c zoneName=example.com -c domainName=travel.example.com');
  const [hostedZoneId, zoneName, domainName] = domainParts as [string, string, string];
  const milestones = list('milestones')?.map(Number);
  if (milestones?.some((m) => !Number.isSafeInteger(m) || m <= 0)) problems.push(`-c milestones=${text('milestones')}: positive whole numbers separated by commas`);
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

  const options: AppOptions = {
    runtime,
    scaling,
    spot: flag('spot'),
    dev: flag('dev'),
    ...optional('minInstances', integer('minInstances', 0, 100)),
    ...optional('maxInstances', integer('maxInstances', 1, 100)),
    workerConcurrency: integer('workerConcurrency', 1, 64) ?? 2,
    ...optional('jobDelaySeconds', integer('jobDelaySeconds', 0, 900)),
    acceptableLatencySeconds: integer('acceptableLatencySeconds', 1, 86_400) ?? 300,
    secondsPerJob: integer('secondsPerJob', 1, 3600) ?? 15,
    ...optional('lambdaMaxConcurrency', integer('lambdaMaxConcurrency', 2, 1000)),
    ...optional('corpusMaxConcurrency', integer('corpusMaxConcurrency', 1, 10_000)),
    ...optional('alarmEmail', text('alarmEmail')),
    mailFrom: text('mailFrom') ?? placeholderMail,
    mailTo: list('mailTo') ?? [placeholderMail],
    ...optional('milestones', milestones),
    ...optional('glacierAfterDays', integer('glacierAfterDays', 0, 3650)),
    ...(given === 3 ? { domain: { hostedZoneId, zoneName, domainName } } : {}),
    ...optional('siteDirectory', text('siteDirectory')),
  };
  if (options.minInstances !== undefined && options.maxInstances !== undefined && options.minInstances > options.maxInstances) {
    problems.push(`-c minInstances=${options.minInstances} is above -c maxInstances=${options.maxInstances}`);
  }
  if (problems.length > 0) throw new Error(`the CDK app's context is invalid:\n  ${problems.join('\n  ')}`);
  return options;
}

/** The core's policy object for the chosen scaling: the seed's step policy, or target tracking with AWS's formula. */
export function scalingPolicyFor(options: AppOptions): StepScalingPolicy | TargetTrackingPolicy {
  if (options.scaling === 'seed') return seedStepPolicy;
  return targetTrackingPolicy(backlogTarget(options.acceptableLatencySeconds, options.secondsPerJob, options.workerConcurrency));
}
