import { datapoints, type QueueMetric, type Statistic } from './metric-datapoints.js';
import { clampDesired, formatSeconds, noDecision, type PolicyObservation, type ScalingDecision } from './scaling-decision.js';

/** Add `add` instances when the alarm's value is at least `atLeast`. */
export interface ScaleOutStep {
  readonly atLeast: number;
  readonly add: number;
}

/** Remove `remove` instances when the alarm's value is at most `atMost`. */
export interface ScaleInStep {
  readonly atMost: number;
  readonly remove: number;
}

/**
 * A CloudWatch-alarm-driven scaling policy as data (EC2 simple/step scaling): one alarm per direction
 * over the same metric, the step picked by the newest datapoint, and one cooldown after any action, as
 * simple scaling enforces it. Auto Scaling re-runs the policy every evaluation while the alarm stays in
 * ALARM, so a long breach keeps adding capacity once per cooldown.
 */
export interface StepScalingPolicy {
  readonly kind: 'step';
  readonly label?: string;
  readonly metric: QueueMetric;
  readonly statistic: Statistic;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** Empty: never scales out. */
  readonly scaleOut: readonly ScaleOutStep[];
  /** Empty: never scales in. */
  readonly scaleIn: readonly ScaleInStep[];
  readonly cooldownSeconds: number;
}

/** The course's policy: +1 at >= 15 visible, -1 at <= 2, 5-minute average, one datapoint, 300 s cooldown. */
export const seedStepPolicy: StepScalingPolicy = {
  kind: 'step',
  label: 'step (seed)',
  metric: 'visible',
  statistic: 'average',
  periodSeconds: 300,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  scaleOut: [{ atLeast: 15, add: 1 }],
  scaleIn: [{ atMost: 2, remove: 1 }],
  cooldownSeconds: 300,
};

/** When the cooldown that blocks any action ends, or undefined when none is running. */
export function stepCooldownEnd(policy: StepScalingPolicy, observation: PolicyObservation): number | undefined {
  const last = Math.max(observation.lastScaleOutAt ?? -Infinity, observation.lastScaleInAt ?? -Infinity);
  const end = last + policy.cooldownSeconds;
  return observation.now < end ? end : undefined;
}

export function decideStep(policy: StepScalingPolicy, observation: PolicyObservation): ScalingDecision {
  const values = datapoints(observation.samples, {
    end: observation.metricsEnd,
    periodSeconds: policy.periodSeconds,
    count: policy.evaluationPeriods,
    statistic: policy.statistic,
    metric: policy.metric,
  });
  const newest = values.find((value) => value !== undefined);
  if (newest === undefined) return noDecision('no datapoints yet');
  const breaching = (test: (value: number) => boolean) =>
    values.filter((value) => value !== undefined && test(value)).length >= policy.datapointsToAlarm;

  const outThreshold = Math.min(...policy.scaleOut.map((step) => step.atLeast));
  if (policy.scaleOut.length > 0 && breaching((value) => value >= outThreshold)) {
    const step = [...policy.scaleOut].sort((a, b) => b.atLeast - a.atLeast).find((s) => newest >= s.atLeast) ?? lowest(policy.scaleOut);
    return act(policy, observation, 'scale-out', observation.desired + step.add, `${policy.metric} ${round(newest)} >= ${step.atLeast}: add ${step.add}`);
  }
  const inThreshold = Math.max(...policy.scaleIn.map((step) => step.atMost));
  if (policy.scaleIn.length > 0 && breaching((value) => value <= inThreshold)) {
    const step = [...policy.scaleIn].sort((a, b) => a.atMost - b.atMost).find((s) => newest <= s.atMost) ?? highest(policy.scaleIn);
    return act(policy, observation, 'scale-in', observation.desired - step.remove, `${policy.metric} ${round(newest)} <= ${step.atMost}: remove ${step.remove}`);
  }
  return noDecision(`${policy.metric} ${round(newest)} within thresholds`);
}

function act(policy: StepScalingPolicy, observation: PolicyObservation, action: 'scale-out' | 'scale-in', wanted: number, why: string): ScalingDecision {
  const desired = clampDesired(wanted, observation.bounds);
  if (desired === observation.desired) return noDecision(`${why}, but already at ${action === 'scale-out' ? 'max' : 'min'} ${desired}`);
  const cooldownEnd = stepCooldownEnd(policy, observation);
  if (cooldownEnd !== undefined) return noDecision(`${why}, but in cooldown for ${formatSeconds(cooldownEnd - observation.now)}`);
  return { action, desired, reason: why };
}

const lowest = (steps: readonly ScaleOutStep[]) => steps.reduce((a, b) => (b.atLeast < a.atLeast ? b : a));
const highest = (steps: readonly ScaleInStep[]) => steps.reduce((a, b) => (b.atMost > a.atMost ? b : a));
const round = (value: number) => Math.round(value * 10) / 10;
