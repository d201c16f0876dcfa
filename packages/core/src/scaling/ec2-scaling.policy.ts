import type { Ec2ScalingPolicy } from './deployment.js';
import type { PolicyObservation, ScalingDecision } from './scaling-decision.js';
import { decideStep } from './step-scaling.policy.js';
import { decideTargetTracking } from './target-tracking.policy.js';

/** What an Auto Scaling group's policy decides now, whichever kind it is (the local autoscaler and the simulator both ask this). */
export function decideEc2(policy: Ec2ScalingPolicy, observation: PolicyObservation): ScalingDecision {
  return policy.kind === 'step' ? decideStep(policy, observation) : decideTargetTracking(policy, observation);
}
