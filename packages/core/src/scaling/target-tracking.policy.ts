import { datapoints } from './metric-datapoints.js';
import { clampDesired, formatSeconds, noDecision, type PolicyObservation, type ScalingDecision } from './scaling-decision.js';

/**
 * AWS's recommended policy for a queue: target tracking on backlog per instance. Like the alarms Auto
 * Scaling creates for it, scale-out needs `scaleOutDatapoints` one-minute datapoints above the target
 * (3) and adds capacity in proportion at once; scale-in needs `scaleInDatapoints` (15) below
 * `scaleInThresholdRatio` x target and waits out a longer cooldown: quick to add, slow to remove.
 */
export interface TargetTrackingPolicy {
  readonly kind: 'target-tracking';
  readonly label?: string;
  /** Acceptable visible messages per in-service instance; see `backlogTarget`. */
  readonly targetBacklogPerInstance: number;
  readonly periodSeconds: number;
  readonly scaleOutDatapoints: number;
  readonly scaleInDatapoints: number;
  readonly scaleInThresholdRatio: number;
  /** After a scale-out, further scale-outs wait this long. */
  readonly scaleOutCooldownSeconds: number;
  /** After any action, scale-ins wait this long. */
  readonly scaleInCooldownSeconds: number;
  readonly disableScaleIn?: boolean;
}

/**
 * AWS's formula: acceptable backlog per instance = acceptable latency / seconds an instance needs per
 * message. An instance working on `concurrency` jobs at once gets through them that many times faster.
 */
export function backlogTarget(acceptableLatencySeconds: number, secondsPerJob: number, concurrency = 1): number {
  return (acceptableLatencySeconds / secondsPerJob) * concurrency;
}

export function targetTrackingPolicy(targetBacklogPerInstance: number, overrides: Partial<Omit<TargetTrackingPolicy, 'kind'>> = {}): TargetTrackingPolicy {
  return {
    kind: 'target-tracking',
    label: `target ${Math.round(targetBacklogPerInstance * 10) / 10}/instance`,
    targetBacklogPerInstance,
    periodSeconds: 60,
    scaleOutDatapoints: 3,
    scaleInDatapoints: 15,
    scaleInThresholdRatio: 0.9,
    scaleOutCooldownSeconds: 60,
    scaleInCooldownSeconds: 300,
    ...overrides,
  };
}

export function decideTargetTracking(policy: TargetTrackingPolicy, observation: PolicyObservation): ScalingDecision {
  const target = policy.targetBacklogPerInstance;
  const values = datapoints(observation.samples, {
    end: observation.metricsEnd,
    periodSeconds: policy.periodSeconds,
    count: Math.max(policy.scaleOutDatapoints, policy.scaleInDatapoints),
    statistic: 'average',
    metric: 'backlog-per-instance',
  });
  const newest = values[0];
  if (newest === undefined) return noDecision('no datapoint for the latest period');
  const all = (count: number, test: (value: number) => boolean) => values.slice(0, count).every((value) => value !== undefined && test(value));
  // Capacity is what the metric was measured over; the result is what that capacity should become.
  const wanted = clampDesired(Math.ceil((Math.max(1, observation.inService) * newest) / target), observation.bounds);
  const shown = Math.round(newest * 10) / 10;

  if (all(policy.scaleOutDatapoints, (value) => value > target)) {
    const why = `backlog/instance ${shown} > ${target} for ${policy.scaleOutDatapoints} datapoints: want ${wanted}`;
    if (wanted <= observation.desired) return noDecision(`${why}, ${observation.desired} already in service or booting`);
    const since = observation.now - (observation.lastScaleOutAt ?? -Infinity);
    if (since < policy.scaleOutCooldownSeconds) return noDecision(`${why}, but in scale-out cooldown for ${formatSeconds(policy.scaleOutCooldownSeconds - since)}`);
    return { action: 'scale-out', desired: wanted, reason: why };
  }
  const low = target * policy.scaleInThresholdRatio;
  if (!policy.disableScaleIn && all(policy.scaleInDatapoints, (value) => value < low)) {
    const why = `backlog/instance ${shown} < ${Math.round(low * 10) / 10} for ${policy.scaleInDatapoints} datapoints: want ${wanted}`;
    if (wanted >= observation.desired) return noDecision(`${why}, already at ${observation.desired}`);
    const last = Math.max(observation.lastScaleOutAt ?? -Infinity, observation.lastScaleInAt ?? -Infinity);
    const since = observation.now - last;
    if (since < policy.scaleInCooldownSeconds) return noDecision(`${why}, but in scale-in cooldown for ${formatSeconds(policy.scaleInCooldownSeconds - since)}`);
    return { action: 'scale-in', desired: wanted, reason: why };
  }
  return noDecision(`backlog/instance ${shown} near target ${target}`);
}
