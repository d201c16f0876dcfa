import { deploymentLabel, type Deployment } from '@wordfreq/core';
import type { InstanceRecord, JobRecord, ScalingEvent, TimelinePoint } from './timeline.js';

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface CostSummary {
  readonly usd: number;
  /** What the run cost beyond keeping the minimum fleet running (all of it for Lambda). */
  readonly extraUsd: number;
  readonly basis: 'instance-hour' | 'GB-second';
  readonly unitPrice: number;
  /** Instance-seconds billed (EC2, with the per-launch minimum) or GB-seconds (Lambda). */
  readonly billedUnits: number;
}

export interface RunSummary {
  readonly label: string;
  readonly platform: 'ec2' | 'lambda';
  readonly jobs: number;
  readonly completed: number;
  readonly drained: boolean;
  /** First arrival to last completion; undefined when the run ended with jobs left. */
  readonly drainSeconds?: number;
  /** The fleet was back at its minimum with nothing booting or draining when the run ended. */
  readonly settled: boolean;
  readonly endSeconds: number;
  /** Arrival to completion (waiting + cold start + service); undefined when nothing completed. */
  readonly latencySeconds?: LatencySummary;
  readonly peakInstances: number;
  /** Instance (or busy Lambda environment) time from the start to `endSeconds`. */
  readonly instanceSeconds: number;
  readonly instanceSecondsToDrain: number;
  /** `instanceSeconds` minus the minimum fleet's time: the part a scaling policy controls. */
  readonly extraInstanceSeconds: number;
  readonly scalingEvents: number;
  /** When the policy first added capacity; undefined when it never did. */
  readonly firstScaleOutSeconds?: number;
  /** The most instances (or environments) taking jobs at once, and when that was first reached. */
  readonly peakInService: number;
  readonly peakInServiceSeconds: number;
  /** Seconds of service the completed jobs needed, whoever ran them. */
  readonly workSeconds: number;
  readonly coldStarts: number;
  readonly cost: CostSummary;
}

export interface RunRecord {
  readonly label?: string;
  readonly deployment: Deployment;
  readonly totalJobs: number;
  readonly jobs: readonly JobRecord[];
  readonly timeline: readonly TimelinePoint[];
  readonly instances: readonly InstanceRecord[];
  readonly events: readonly ScalingEvent[];
  readonly endSeconds: number;
  readonly settled: boolean;
}

/** Nearest-rank percentile of sorted values: a value that occurred, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Summarises a run, simulated or measured, from its records. */
export function summarizeRun(run: RunRecord): RunSummary {
  const drained = run.jobs.length === run.totalJobs;
  const firstArrival = Math.min(...run.jobs.map((j) => j.arrivalSeconds));
  const drainAt = drained && run.jobs.length > 0 ? Math.max(...run.jobs.map((j) => j.finishSeconds)) : undefined;
  const latencies = run.jobs.map((j) => j.finishSeconds - j.arrivalSeconds).sort((a, b) => a - b);
  const latencySeconds = latencies.length === 0 ? undefined : { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies[latencies.length - 1] };
  const peakInstances = Math.max(0, ...run.timeline.map((p) => p.pending + p.inService + p.draining));
  const peakInService = Math.max(0, ...run.timeline.map((p) => p.inService));
  const common = {
    label: run.label ?? deploymentLabel(run.deployment),
    jobs: run.totalJobs,
    completed: run.jobs.length,
    drained,
    drainSeconds: drainAt === undefined ? undefined : drainAt - firstArrival,
    settled: run.settled,
    endSeconds: run.endSeconds,
    latencySeconds,
    peakInstances,
    scalingEvents: run.events.length,
    peakInService,
    firstScaleOutSeconds: run.events.find((e) => e.action === 'scale-out')?.t,
    peakInServiceSeconds: run.timeline.find((p) => p.inService === peakInService)?.t ?? 0,
    workSeconds: sum(run.jobs.map((j) => j.serviceSeconds)),
    coldStarts: run.jobs.filter((j) => j.coldStartSeconds > 0).length,
  };

  if (run.deployment.kind === 'lambda') {
    const { lambda } = run.deployment;
    const busy = run.jobs.map((j) => j.serviceSeconds + j.coldStartSeconds);
    const instanceSeconds = busy.reduce((a, b) => a + b, 0);
    const gbSeconds = (instanceSeconds * lambda.memoryMb) / 1024;
    const usd = gbSeconds * lambda.pricePerGbSecond + (run.jobs.length / 1e6) * lambda.pricePerMillionRequests;
    return {
      ...common,
      platform: 'lambda',
      instanceSeconds,
      instanceSecondsToDrain: instanceSeconds,
      extraInstanceSeconds: instanceSeconds,
      cost: { usd, extraUsd: usd, basis: 'GB-second', unitPrice: lambda.pricePerGbSecond, billedUnits: gbSeconds },
    };
  }

  const { fleet } = run.deployment;
  const alive = (instance: InstanceRecord, until: number) =>
    Math.max(0, Math.min(instance.terminatedAt ?? until, until) - instance.launchedAt);
  const instanceSeconds = sum(run.instances.map((i) => alive(i, run.endSeconds)));
  const billedSeconds = sum(run.instances.map((i) => (i.initial ? alive(i, run.endSeconds) : Math.max(fleet.minimumBilledSeconds, alive(i, run.endSeconds)))));
  const baseline = fleet.min * run.endSeconds;
  const perSecond = fleet.pricePerInstanceHour / 3600;
  return {
    ...common,
    platform: 'ec2',
    instanceSeconds,
    instanceSecondsToDrain: sum(run.instances.map((i) => alive(i, drainAt ?? run.endSeconds))),
    extraInstanceSeconds: instanceSeconds - baseline,
    cost: {
      usd: billedSeconds * perSecond,
      extraUsd: Math.max(0, billedSeconds - baseline) * perSecond,
      basis: 'instance-hour',
      unitPrice: fleet.pricePerInstanceHour,
      billedUnits: billedSeconds,
    },
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
