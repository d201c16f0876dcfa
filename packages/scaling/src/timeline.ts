/**
 * The shape a run is recorded in, simulated or measured: a later load test with real workers records
 * the same points, so prediction and measurement can be drawn and summarised by the same code.
 */
export interface TimelinePoint {
  /** Seconds since the run started. */
  readonly t: number;
  readonly arrived: number;
  /** Waiting on the queue (ApproximateNumberOfMessagesVisible). */
  readonly visible: number;
  /** Taken by a worker, not finished (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: number;
  readonly completed: number;
  /** Instances (or Lambda environments) starting up: launched, not yet taking jobs. */
  readonly pending: number;
  readonly inService: number;
  /** Told to terminate, finishing the jobs they hold. */
  readonly draining: number;
  readonly desired: number;
}

export interface ScalingEvent {
  readonly t: number;
  readonly action: 'scale-out' | 'scale-in';
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface JobRecord {
  readonly id: number;
  readonly arrivalSeconds: number;
  readonly serviceSeconds: number;
  readonly startSeconds: number;
  readonly finishSeconds: number;
  readonly worker: number;
  /** Seconds of cold start paid before this job (Lambda); 0 otherwise. */
  readonly coldStartSeconds: number;
}

/** One instance's life, for billing: launched at `launchedAt`, gone at `terminatedAt` (if it went). */
export interface InstanceRecord {
  readonly id: number;
  readonly launchedAt: number;
  readonly readyAt?: number;
  readonly terminatedAt?: number;
  /** Running before the run started: no launch, so no minimum billing either. */
  readonly initial: boolean;
}

/** Every job that arrived is exactly one of waiting, in flight or completed. */
export function conserves(point: TimelinePoint): boolean {
  return point.arrived === point.visible + point.inFlight + point.completed;
}

/** The state at time `t` of a step-wise timeline (the last point at or before `t`). */
export function pointAt(timeline: readonly TimelinePoint[], t: number): TimelinePoint | undefined {
  let low = 0;
  let high = timeline.length - 1;
  let found: TimelinePoint | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (timeline[mid].t <= t) {
      found = timeline[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
