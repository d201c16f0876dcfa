import { ConfigError, type Deployment, type LambdaConfig, type StepScalingPolicy, type TargetTrackingPolicy } from '@wordfreq/core';
import type { JobSpec, Workload } from './workload.js';

/** Collects problems with named settings, so one ConfigError lists everything wrong at once. */
class Problems {
  readonly list: string[] = [];

  number(name: string, value: number, rule: { min?: number; above?: number; integer?: boolean }): void {
    if (!Number.isFinite(value)) {
      this.list.push(`${name} must be a finite number, got ${value}`);
      return;
    }
    if (rule.integer && !Number.isInteger(value)) this.list.push(`${name} must be a whole number, got ${value}`);
    if (rule.min !== undefined && value < rule.min) this.list.push(`${name} must be at least ${rule.min}, got ${value}`);
    if (rule.above !== undefined && value <= rule.above) this.list.push(`${name} must be greater than ${rule.above}, got ${value}`);
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}

export interface MetricClockSettings {
  readonly sampleSeconds?: number;
  readonly evaluationSeconds?: number;
  readonly delaySeconds?: number;
  readonly phaseSeconds?: number;
}

/** Throws a ConfigError naming every setting that cannot describe a run. */
export function validateSimulation(workload: Workload | readonly JobSpec[], deployment: Deployment, metrics: MetricClockSettings = {}): void {
  const problems = new Problems();
  if (Array.isArray(workload)) validateJobs(workload as readonly JobSpec[], problems);
  else validateWorkload(workload as Workload, problems);
  if (deployment.kind === 'lambda') validateLambda(deployment.lambda, problems);
  else {
    const { fleet, policy } = deployment;
    problems.number('fleet.min', fleet.min, { min: 0, integer: true });
    problems.number('fleet.max', fleet.max, { min: 1, integer: true });
    problems.number('fleet.desired', fleet.desired, { min: 0, integer: true });
    if (fleet.min > fleet.max) problems.add(`fleet.min (${fleet.min}) must not exceed fleet.max (${fleet.max})`);
    if (fleet.desired < fleet.min || fleet.desired > fleet.max) problems.add(`fleet.desired (${fleet.desired}) must be within fleet.min..fleet.max (${fleet.min}..${fleet.max})`);
    problems.number('fleet.bootSeconds', fleet.bootSeconds, { min: 0 });
    problems.number('fleet.concurrencyPerInstance', fleet.concurrencyPerInstance, { min: 1, integer: true });
    problems.number('fleet.pricePerInstanceHour', fleet.pricePerInstanceHour, { min: 0 });
    problems.number('fleet.minimumBilledSeconds', fleet.minimumBilledSeconds, { min: 0 });
    if (policy.kind === 'step') validateStep(policy, problems);
    else validateTarget(policy, problems);
  }
  for (const key of ['sampleSeconds', 'evaluationSeconds'] as const) {
    if (metrics[key] !== undefined) problems.number(`metrics.${key}`, metrics[key], { above: 0 });
  }
  if (metrics.delaySeconds !== undefined) problems.number('metrics.delaySeconds', metrics.delaySeconds, { min: 0 });
  if (metrics.phaseSeconds !== undefined) problems.number('metrics.phaseSeconds', metrics.phaseSeconds, { min: 0 });
  if (problems.list.length > 0) throw new ConfigError(problems.list);
}

function validateWorkload(workload: Workload, problems: Problems): void {
  const { arrivals, service } = workload;
  problems.number('arrivals.count', arrivals.count, { min: 1, integer: true });
  if (arrivals.kind === 'burst') problems.number('arrivals.atSeconds', arrivals.atSeconds ?? 0, { min: 0 });
  else {
    problems.number('arrivals.perMinute', arrivals.perMinute, { above: 0 });
    problems.number('arrivals.startSeconds', arrivals.startSeconds ?? 0, { min: 0 });
  }
  if (service.kind === 'fixed') problems.number('service.seconds', service.seconds, { above: 0 });
  else if (service.kind === 'uniform') {
    problems.number('service.minSeconds', service.minSeconds, { above: 0 });
    problems.number('service.maxSeconds', service.maxSeconds, { above: 0 });
    if (service.minSeconds > service.maxSeconds) problems.add(`service.minSeconds (${service.minSeconds}) must not exceed service.maxSeconds (${service.maxSeconds})`);
  } else {
    if (service.bytes.length === 0) problems.add('service.bytes must list at least one file size');
    service.bytes.forEach((bytes, i) => problems.number(`service.bytes[${i}]`, bytes, { min: 0 }));
    problems.number('service.megabytesPerSecond', service.megabytesPerSecond, { above: 0 });
    problems.number('service.overheadSeconds', service.overheadSeconds ?? 0, { min: 0 });
    if (service.bytes.length > 0 && service.bytes.every((b) => b === 0) && (service.overheadSeconds ?? 0) === 0) {
      problems.add('service: every file is empty and there is no overhead, so jobs would take no time; give sizes or overheadSeconds');
    }
  }
}

function validateJobs(jobs: readonly JobSpec[], problems: Problems): void {
  if (jobs.length === 0) problems.add('jobs must list at least one job');
  jobs.forEach((job, i) => {
    problems.number(`jobs[${i}].arrivalSeconds`, job.arrivalSeconds, { min: 0 });
    problems.number(`jobs[${i}].serviceSeconds`, job.serviceSeconds, { above: 0 });
  });
}

function validateStep(policy: StepScalingPolicy, problems: Problems): void {
  problems.number('policy.periodSeconds', policy.periodSeconds, { above: 0 });
  problems.number('policy.evaluationPeriods', policy.evaluationPeriods, { min: 1, integer: true });
  problems.number('policy.datapointsToAlarm', policy.datapointsToAlarm, { min: 1, integer: true });
  if (policy.datapointsToAlarm > policy.evaluationPeriods) {
    problems.add(`policy.datapointsToAlarm (${policy.datapointsToAlarm}) must not exceed policy.evaluationPeriods (${policy.evaluationPeriods})`);
  }
  problems.number('policy.cooldownSeconds', policy.cooldownSeconds, { min: 0 });
  policy.scaleOut.forEach((step, i) => {
    problems.number(`policy.scaleOut[${i}].atLeast`, step.atLeast, {});
    problems.number(`policy.scaleOut[${i}].add`, step.add, { min: 1, integer: true });
  });
  policy.scaleIn.forEach((step, i) => {
    problems.number(`policy.scaleIn[${i}].atMost`, step.atMost, {});
    problems.number(`policy.scaleIn[${i}].remove`, step.remove, { min: 1, integer: true });
  });
  if (policy.scaleOut.length > 0 && policy.scaleIn.length > 0) {
    const out = Math.min(...policy.scaleOut.map((s) => s.atLeast));
    const inn = Math.max(...policy.scaleIn.map((s) => s.atMost));
    if (inn >= out) problems.add(`policy: scale-in threshold (<= ${inn}) must be below the scale-out threshold (>= ${out}), or both alarms fire at once`);
  }
}

function validateTarget(policy: TargetTrackingPolicy, problems: Problems): void {
  problems.number('policy.targetBacklogPerInstance', policy.targetBacklogPerInstance, { above: 0 });
  problems.number('policy.periodSeconds', policy.periodSeconds, { above: 0 });
  problems.number('policy.scaleOutDatapoints', policy.scaleOutDatapoints, { min: 1, integer: true });
  problems.number('policy.scaleInDatapoints', policy.scaleInDatapoints, { min: 1, integer: true });
  problems.number('policy.scaleInThresholdRatio', policy.scaleInThresholdRatio, { above: 0 });
  if (policy.scaleInThresholdRatio > 1) problems.add(`policy.scaleInThresholdRatio must be at most 1, got ${policy.scaleInThresholdRatio}`);
  problems.number('policy.scaleOutCooldownSeconds', policy.scaleOutCooldownSeconds, { min: 0 });
  problems.number('policy.scaleInCooldownSeconds', policy.scaleInCooldownSeconds, { min: 0 });
}

function validateLambda(lambda: LambdaConfig, problems: Problems): void {
  problems.number('lambda.concurrencyLimit', lambda.concurrencyLimit, { min: 1, integer: true });
  problems.number('lambda.initialConcurrency', lambda.initialConcurrency, { min: 1, integer: true });
  problems.number('lambda.scaleUpPerMinute', lambda.scaleUpPerMinute, { min: 1, integer: true });
  problems.number('lambda.coldStartSeconds', lambda.coldStartSeconds, { min: 0 });
  problems.number('lambda.keepWarmSeconds', lambda.keepWarmSeconds, { min: 0 });
  problems.number('lambda.memoryMb', lambda.memoryMb, { min: 128 });
  problems.number('lambda.pricePerGbSecond', lambda.pricePerGbSecond, { min: 0 });
  problems.number('lambda.pricePerMillionRequests', lambda.pricePerMillionRequests, { min: 0 });
}
