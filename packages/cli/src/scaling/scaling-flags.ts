import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { seedFleet, type Ec2Fleet, type LambdaConfig } from '@wordfreq/core';
import type { ServiceTime, Workload } from '@wordfreq/scaling';
import { integerFlag } from '../args.js';
import { UsageError } from '../usage-error.js';

/** Flags shared by `scaling simulate` and `scaling tune`: the workload and the fleet. */
export const scenarioOptions = {
  files: { type: 'string' },
  'job-seconds': { type: 'string' },
  rate: { type: 'string' },
  dir: { type: 'string' },
  'mb-per-second': { type: 'string' },
  overhead: { type: 'string' },
  min: { type: 'string' },
  max: { type: 'string' },
  desired: { type: 'string' },
  boot: { type: 'string' },
  concurrency: { type: 'string' },
  price: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type ScenarioValues = { readonly [K in keyof typeof scenarioOptions]?: (typeof scenarioOptions)[K]['type'] extends 'boolean' ? boolean : string };

export const scenarioUsage = `Workload:
  --files N              jobs (default 120, or the number of files in --dir)
  --job-seconds A-B      each job takes a uniform A..B seconds, or exactly A (default 10-20)
  --dir DIR              per-file service time from the sizes of the files in DIR ...
  --mb-per-second R      ... at R MB/s (needed with --dir)
  --overhead S           ... plus S seconds per file (the course's artificial delay; default 0)
  --rate N               N jobs a minute (Poisson arrivals) instead of all at once
Fleet (EC2 Auto Scaling group):
  --min N --max N        group size limits (default 1 and 3)
  --desired N            instances running at the start (default: --min)
  --boot S               seconds from launch to taking jobs (default 90)
  --concurrency N        jobs one instance runs at once (default 1, a t2.micro in the course)
  --price P              $ per instance-hour (default 0.0116, t2.micro), or a list such as
                         instance-hour=0.0116,gb-second=0.0000166667
  --json                 print JSON instead of text`;

export interface Scenario {
  readonly workload: Workload;
  readonly workloadText: string;
  readonly fleet: Ec2Fleet;
  readonly lambdaPrice: Partial<LambdaConfig>;
}

/** Turns the shared flags into a workload and a fleet; every bad value is a UsageError naming its flag. */
export async function scenarioFromFlags(values: ScenarioValues, cwd: string): Promise<Scenario> {
  const { service, count: dirCount, text: serviceText } = await serviceFromFlags(values, cwd);
  const count = integerFlag('files', values.files, dirCount ?? 120, 1, 1_000_000);
  const rate = values.rate === undefined ? undefined : positiveNumber('rate', values.rate);
  const workload: Workload = {
    arrivals: rate === undefined ? { kind: 'burst', count } : { kind: 'rate', count, perMinute: rate },
    service,
  };
  const min = integerFlag('min', values.min, seedFleet.min, 0, 10_000);
  const max = integerFlag('max', values.max, Math.max(seedFleet.max, min), 1, 10_000);
  if (min > max) throw new UsageError(`--min (${min}) must not exceed --max (${max})`);
  const desired = integerFlag('desired', values.desired, min, 0, 10_000);
  if (desired < min || desired > max) throw new UsageError(`--desired (${desired}) must be within --min..--max (${min}..${max})`);
  const prices = priceFlag(values.price);
  const fleet: Ec2Fleet = {
    ...seedFleet,
    min,
    max,
    desired,
    bootSeconds: values.boot === undefined ? seedFleet.bootSeconds : nonNegativeNumber('boot', values.boot),
    concurrencyPerInstance: integerFlag('concurrency', values.concurrency, 1, 1, 10_000),
    pricePerInstanceHour: prices.instanceHour ?? seedFleet.pricePerInstanceHour,
  };
  const arrivalsText = rate === undefined ? 'at once' : `at ${rate}/min`;
  return {
    workload,
    workloadText: `${count} jobs ${arrivalsText}, ${serviceText}`,
    fleet,
    lambdaPrice: prices.gbSecond === undefined ? {} : { pricePerGbSecond: prices.gbSecond },
  };
}

async function serviceFromFlags(values: ScenarioValues, cwd: string): Promise<{ service: ServiceTime; count?: number; text: string }> {
  if (values.dir === undefined) {
    for (const flag of ['mb-per-second', 'overhead'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} only applies with --dir`);
    }
    return jobSecondsFlag(values['job-seconds'] ?? '10-20');
  }
  if (values['job-seconds'] !== undefined) throw new UsageError('use either --job-seconds or --dir, not both');
  if (values['mb-per-second'] === undefined) throw new UsageError('--dir needs --mb-per-second: how fast a worker counts, e.g. 2.5');
  const megabytesPerSecond = positiveNumber('mb-per-second', values['mb-per-second']);
  const overheadSeconds = values.overhead === undefined ? 0 : nonNegativeNumber('overhead', values.overhead);
  const dir = resolve(cwd, values.dir);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new UsageError(`--dir ${values.dir}: cannot list it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const bytes: number[] = [];
  for (const name of names) {
    const info = await stat(resolve(dir, name)).catch(() => undefined);
    if (info?.isFile()) bytes.push(info.size);
  }
  if (bytes.length === 0) throw new UsageError(`--dir ${values.dir} holds no files to take sizes from`);
  if (overheadSeconds === 0 && bytes.every((b) => b === 0)) throw new UsageError(`--dir ${values.dir}: every file is empty; give --overhead so jobs take some time`);
  return {
    service: { kind: 'sizes', bytes, megabytesPerSecond, overheadSeconds },
    count: bytes.length,
    text: `sizes from ${values.dir} at ${megabytesPerSecond} MB/s + ${overheadSeconds} s`,
  };
}

function jobSecondsFlag(raw: string): { service: ServiceTime; text: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$/.exec(raw);
  if (!match) throw new UsageError(`--job-seconds must be A-B or A in seconds, e.g. 10-20, got '${raw}'`);
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low <= 0) throw new UsageError(`--job-seconds must be more than 0, got '${raw}'`);
  if (low > high) throw new UsageError(`--job-seconds ${raw}: the lower bound ${low} is above the upper bound ${high}`);
  if (low === high) return { service: { kind: 'fixed', seconds: low }, text: `${low} s each` };
  return { service: { kind: 'uniform', minSeconds: low, maxSeconds: high }, text: `${low}-${high} s each` };
}

/** `0.0116`, or `instance-hour=0.0116,gb-second=0.0000166667` (either key may be left out). */
export function priceFlag(raw: string | undefined): { instanceHour?: number; gbSecond?: number } {
  if (raw === undefined) return {};
  if (/^\s*\d+(\.\d+)?(e-?\d+)?\s*$/i.test(raw)) return { instanceHour: nonNegativeNumber('price', raw) };
  const prices: { instanceHour?: number; gbSecond?: number } = {};
  for (const part of raw.split(',')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (value === undefined || extra !== undefined) throw new UsageError(`--price: '${part}' is not key=value; use a number ($/instance-hour) or instance-hour=P,gb-second=P`);
    if (key === 'instance-hour') prices.instanceHour = nonNegativeNumber('price instance-hour', value);
    else if (key === 'gb-second') prices.gbSecond = nonNegativeNumber('price gb-second', value);
    else throw new UsageError(`--price: unknown price '${key}'; the prices are instance-hour and gb-second`);
  }
  return prices;
}

export function positiveNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a number above 0, got '${raw}'`);
  return value;
}

export function nonNegativeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--${name} must be a number of 0 or more, got '${raw}'`);
  return value;
}

