import type { MetricSample } from './metric-datapoints.js';

/** The Auto Scaling group's limits: no decision ever leaves [min, max]. */
export interface FleetBounds {
  readonly min: number;
  readonly max: number;
}

/** Everything a policy may look at: metrics published so far, the group's state, and time. */
export interface PolicyObservation {
  readonly now: number;
  /** Samples published so far, oldest first. */
  readonly samples: readonly MetricSample[];
  /** The newest alarm period ends here: `now` minus any metric publication delay. */
  readonly metricsEnd: number;
  /** Desired capacity: instances in service plus those still booting (draining ones are leaving). */
  readonly desired: number;
  readonly inService: number;
  readonly bounds: FleetBounds;
  readonly lastScaleOutAt?: number;
  readonly lastScaleInAt?: number;
}

export type ScalingDirection = 'scale-out' | 'scale-in';

export type ScalingDecision =
  | { readonly action: 'none'; readonly reason: string }
  | { readonly action: ScalingDirection; readonly desired: number; readonly reason: string };

export function clampDesired(desired: number, bounds: FleetBounds): number {
  return Math.min(bounds.max, Math.max(bounds.min, desired));
}

export function noDecision(reason: string): ScalingDecision {
  return { action: 'none', reason };
}

/** Seconds as "90 s" / "5 min" in reasons, so a timeline's events read like a console's history. */
export function formatSeconds(seconds: number): string {
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${Math.round(seconds * 10) / 10} s`;
}
