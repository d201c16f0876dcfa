import type { LambdaConfig } from './lambda-concurrency.policy.js';
import { seedStepPolicy, type StepScalingPolicy } from './step-scaling.policy.js';
import type { TargetTrackingPolicy } from './target-tracking.policy.js';

/** An EC2 Auto Scaling group of queue workers. */
export interface Ec2Fleet {
  readonly min: number;
  readonly max: number;
  /** Instances in service when the run starts. */
  readonly desired: number;
  /** From launch to taking jobs: boot, user data, worker start. */
  readonly bootSeconds: number;
  /** Jobs one instance works on at once (a t2.micro in the course: one). */
  readonly concurrencyPerInstance: number;
  readonly pricePerInstanceHour: number;
  /** EC2 Linux bills per second with a one-minute minimum per launch. */
  readonly minimumBilledSeconds: number;
}

export type Ec2ScalingPolicy = StepScalingPolicy | TargetTrackingPolicy;

export type Deployment =
  | { readonly kind: 'ec2'; readonly fleet: Ec2Fleet; readonly policy: Ec2ScalingPolicy }
  | { readonly kind: 'lambda'; readonly lambda: LambdaConfig };

/** t2.micro on demand, us-east-1, Linux. */
export const t2MicroPricePerHour = 0.0116;

/** The course's group: 1 to 3 t2.micro workers, one job at a time each, 90 s from launch to work. */
export const seedFleet: Ec2Fleet = {
  min: 1,
  max: 3,
  desired: 1,
  bootSeconds: 90,
  concurrencyPerInstance: 1,
  pricePerInstanceHour: t2MicroPricePerHour,
  minimumBilledSeconds: 60,
};

export const seedDeployment: Deployment = { kind: 'ec2', fleet: seedFleet, policy: seedStepPolicy };

export function deploymentLabel(deployment: Deployment): string {
  if (deployment.kind === 'lambda') return deployment.lambda.label ?? 'lambda';
  return deployment.policy.label ?? deployment.policy.kind;
}
