import {
  seedFleet,
  seedStepPolicy,
  targetTrackingPolicy,
  type Ec2Fleet,
  type Ec2ScalingPolicy,
  type FleetBounds,
} from '@wordfreq/core';
import type { LoadtestOptions } from './loadtest-options.js';

/**
 * The policy and metric clock a local run applies, derived from the options so that the run and the
 * simulator's prediction share every setting except what only a measurement can tell (boot and job time).
 */
export interface LoadtestScenario {
  readonly options: LoadtestOptions;
  readonly policy: Ec2ScalingPolicy;
  readonly bounds: FleetBounds;
  /** How often the queue depth is sampled and the policy evaluated (SQS's and CloudWatch's minute, scaled). */
  readonly sampleSeconds: number;
  /** After the last job, how long the run keeps watching the group scale back in before it gives up. */
  readonly settleLimitSeconds: number;
}

/**
 * Time is scaled, not reshaped: on AWS queue metrics arrive once a minute and the seed's alarm period is
 * five of them; a local period of `p` seconds samples every `p / 5` s, so each datapoint still averages
 * five readings. Target tracking's period is one sample, as on AWS. Thresholds and datapoint counts are
 * the policies' own.
 */
export function loadtestScenario(options: LoadtestOptions): LoadtestScenario {
  const bounds = { min: 1, max: options.maxWorkers };
  if (options.policy === 'step') {
    const policy: Ec2ScalingPolicy = {
      ...seedStepPolicy,
      label: 'step (seed thresholds)',
      periodSeconds: options.periodSeconds,
      cooldownSeconds: options.cooldownSeconds,
    };
    const sampleSeconds = options.periodSeconds / 5;
    // Scale-in goes one worker per cooldown (at least one period): leave room for every step and a margin.
    const settleLimitSeconds = (options.maxWorkers + 1) * (Math.max(options.cooldownSeconds, options.periodSeconds) + options.periodSeconds) + 10;
    return { options, policy, bounds, sampleSeconds, settleLimitSeconds };
  }
  const base = targetTrackingPolicy(options.targetBacklog);
  const scale = options.periodSeconds / base.periodSeconds;
  const policy = targetTrackingPolicy(options.targetBacklog, {
    periodSeconds: options.periodSeconds,
    // AWS's pair (60 s out, 300 s in) keeps its ratio: quick to add, slow to remove.
    scaleOutCooldownSeconds: options.cooldownSeconds / 5,
    scaleInCooldownSeconds: options.cooldownSeconds,
  });
  const settleLimitSeconds = (base.scaleInDatapoints + 2) * base.periodSeconds * scale + options.cooldownSeconds + 10;
  return { options, policy, bounds, sampleSeconds: options.periodSeconds, settleLimitSeconds };
}

/** The group as the simulator models it, with the measured start-up time of a worker. */
export function loadtestFleet(scenario: LoadtestScenario, bootSeconds: number): Ec2Fleet {
  return {
    ...seedFleet,
    min: scenario.bounds.min,
    max: scenario.bounds.max,
    desired: scenario.bounds.min,
    bootSeconds,
    concurrencyPerInstance: 1,
    // Billing minimums are about dollars on AWS; here instance-seconds are compared as measured.
    minimumBilledSeconds: 0,
  };
}
