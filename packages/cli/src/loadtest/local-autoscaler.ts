import { decideEc2, type Ec2ScalingPolicy, type FleetBounds, type MetricSample, type QueueDepth } from '@wordfreq/core';
import type { ScalingEvent, TimelinePoint } from '@wordfreq/scaling';
import type { ScalingGroup } from './worker-group.js';

export interface LocalAutoscalerDeps {
  /**
   * The jobs queue's real depth (the SQS adapter's `depth()`). local-aws-sqs counts in-flight messages
   * as visible too; the emulator harness's shim subtracts them, so `visible` is what SQS would publish.
   */
  readonly depth: () => Promise<QueueDepth>;
  readonly group: ScalingGroup;
  /** Jobs put on the queue so far. */
  readonly arrived: () => number;
  /** Jobs finished so far. */
  readonly completed: () => number;
}

export interface LocalAutoscalerOptions {
  readonly policy: Ec2ScalingPolicy;
  readonly bounds: FleetBounds;
}

/**
 * Auto Scaling on this machine: each `tick` is one metric publication and alarm evaluation, as the
 * simulator has them. It samples the queue's visible messages and the group's in-service count,
 * applies the core's pure policy to the samples so far, and moves the group's desired capacity. The
 * same decisions, the same cooldown bookkeeping and the same timeline shape as the simulator's EC2
 * model: only the queue and the workers are real.
 */
export class LocalAutoscaler {
  private readonly sampleList: MetricSample[] = [];
  private readonly eventList: ScalingEvent[] = [];
  private readonly points: TimelinePoint[] = [];
  private lastDepth: QueueDepth = { visible: 0, inFlight: 0 };
  private lastScaleOutAt: number | undefined;
  private lastScaleInAt: number | undefined;

  constructor(
    private readonly deps: LocalAutoscalerDeps,
    private readonly options: LocalAutoscalerOptions,
  ) {}

  get samples(): readonly MetricSample[] {
    return this.sampleList;
  }

  get events(): readonly ScalingEvent[] {
    return this.eventList;
  }

  get timeline(): readonly TimelinePoint[] {
    return this.points;
  }

  /** Samples the queue at `now` (run seconds), evaluates the policy and applies its decision. */
  async tick(now: number): Promise<ScalingEvent | undefined> {
    this.lastDepth = await this.deps.depth();
    const group = this.deps.group.counts();
    this.sampleList.push({ t: now, visible: this.lastDepth.visible, inService: group.inService });
    const decision = decideEc2(this.options.policy, {
      now,
      samples: this.sampleList,
      metricsEnd: now,
      desired: group.desired,
      inService: group.inService,
      bounds: this.options.bounds,
      lastScaleOutAt: this.lastScaleOutAt,
      lastScaleInAt: this.lastScaleInAt,
    });
    let event: ScalingEvent | undefined;
    if (decision.action !== 'none') {
      event = { t: now, action: decision.action, from: group.desired, to: decision.desired, reason: decision.reason };
      if (decision.action === 'scale-out') this.lastScaleOutAt = now;
      else this.lastScaleInAt = now;
      this.eventList.push(event);
      this.deps.group.setDesired(decision.desired);
    }
    this.record(now);
    return event;
  }

  /**
   * Adds a timeline point at `now` with the group's and the job counters' current values and the
   * queue depth last read (the queue is only read on ticks, as a policy would see it).
   */
  record(now: number): void {
    const group = this.deps.group.counts();
    const point: TimelinePoint = {
      t: now,
      arrived: this.deps.arrived(),
      visible: this.lastDepth.visible,
      inFlight: this.lastDepth.inFlight,
      completed: this.deps.completed(),
      ...group,
    };
    const last = this.points[this.points.length - 1];
    if (last !== undefined && last.t === now) this.points[this.points.length - 1] = point;
    else this.points.push(point);
  }

  /** Whether the group is back at its minimum with nothing booting or draining (the simulator's `settled`). */
  settled(): boolean {
    const { desired, pending, draining } = this.deps.group.counts();
    return desired === this.options.bounds.min && pending === 0 && draining === 0;
  }
}
