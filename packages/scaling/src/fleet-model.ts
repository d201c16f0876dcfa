import type { MetricSample } from '@wordfreq/core';
import type { InstanceRecord, ScalingEvent } from './timeline.js';

/** What the simulator tells a fleet when it is time to apply the scaling policy. */
export interface EvaluationContext {
  readonly now: number;
  readonly samples: readonly MetricSample[];
  readonly metricsEnd: number;
  readonly visible: number;
  readonly inFlight: number;
}

export interface StartedJob {
  readonly worker: number;
  /** Seconds the job waits for its worker to start up before service begins (Lambda cold start). */
  readonly coldStartSeconds: number;
}

export interface FleetCounts {
  readonly pending: number;
  readonly inService: number;
  readonly draining: number;
  readonly desired: number;
}

/**
 * The simulator's view of whatever runs the jobs (an Auto Scaling group, Lambda's pollers): it owns the
 * workers and applies the policy; the simulator owns time, the queue and the record.
 */
export interface FleetModel {
  hasFreeSlot(now: number): boolean;
  start(now: number): StartedJob;
  /** A worker finished starting up (instance booted, cold start over). */
  ready(worker: number, now: number): void;
  finish(worker: number, now: number): void;
  /** Applies the policy; returns the action taken and the workers launched with their ready times. */
  evaluate(context: EvaluationContext): { readonly event?: ScalingEvent; readonly launched: readonly { worker: number; readyAt: number }[] };
  counts(): FleetCounts;
  /** Nothing left that costs or will change on its own: the run can end once the queue is done. */
  settled(): boolean;
  records(): InstanceRecord[];
}
