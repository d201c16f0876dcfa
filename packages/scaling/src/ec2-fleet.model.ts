import { decideEc2, type Ec2Fleet, type Ec2ScalingPolicy } from '@wordfreq/core';
import type { EvaluationContext, FleetCounts, FleetModel, StartedJob } from './fleet-model.js';
import type { InstanceRecord, ScalingEvent } from './timeline.js';

interface Instance {
  readonly id: number;
  readonly launchedAt: number;
  readonly initial: boolean;
  readyAt?: number;
  terminatedAt?: number;
  state: 'pending' | 'in-service' | 'draining' | 'terminated';
  busy: number;
}

/**
 * An Auto Scaling group of queue workers. Scale-in terminates the newest instances first (EC2's default
 * policy cannot see which ones are busy); a busy one drains: it takes no new job and terminates when its
 * jobs are done, as the worker does on SIGTERM, so no job is lost or run twice.
 */
export class Ec2FleetModel implements FleetModel {
  private readonly instances: Instance[] = [];
  private desired: number;
  private lastScaleOutAt: number | undefined;
  private lastScaleInAt: number | undefined;

  constructor(
    private readonly fleet: Ec2Fleet,
    private readonly policy: Ec2ScalingPolicy,
  ) {
    this.desired = fleet.desired;
    for (let i = 0; i < fleet.desired; i += 1) {
      this.instances.push({ id: i, launchedAt: 0, readyAt: 0, initial: true, state: 'in-service', busy: 0 });
    }
  }

  hasFreeSlot(): boolean {
    return this.instances.some((i) => i.state === 'in-service' && i.busy < this.fleet.concurrencyPerInstance);
  }

  start(): StartedJob {
    const instance = this.instances.find((i) => i.state === 'in-service' && i.busy < this.fleet.concurrencyPerInstance);
    if (!instance) throw new Error('Ec2FleetModel.start: no free slot; check hasFreeSlot first');
    instance.busy += 1;
    return { worker: instance.id, coldStartSeconds: 0 };
  }

  ready(worker: number, now: number): void {
    const instance = this.instances[worker];
    // A launch cancelled by a scale-in before it booted never comes into service.
    if (instance.state !== 'pending') return;
    instance.state = 'in-service';
    instance.readyAt = now;
  }

  finish(worker: number, now: number): void {
    const instance = this.instances[worker];
    instance.busy -= 1;
    if (instance.state === 'draining' && instance.busy === 0) this.terminate(instance, now);
  }

  evaluate(context: EvaluationContext): { event?: ScalingEvent; launched: { worker: number; readyAt: number }[] } {
    const counts = this.counts();
    const decision = decideEc2(this.policy, {
      now: context.now,
      samples: context.samples,
      metricsEnd: context.metricsEnd,
      desired: this.desired,
      inService: counts.inService,
      bounds: { min: this.fleet.min, max: this.fleet.max },
      lastScaleOutAt: this.lastScaleOutAt,
      lastScaleInAt: this.lastScaleInAt,
    });
    if (decision.action === 'none') return { launched: [] };
    const event: ScalingEvent = { t: context.now, action: decision.action, from: this.desired, to: decision.desired, reason: decision.reason };
    const launched: { worker: number; readyAt: number }[] = [];
    if (decision.action === 'scale-out') {
      this.lastScaleOutAt = context.now;
      for (let n = this.desired; n < decision.desired; n += 1) {
        const id = this.instances.length;
        this.instances.push({ id, launchedAt: context.now, initial: false, state: 'pending', busy: 0 });
        launched.push({ worker: id, readyAt: context.now + this.fleet.bootSeconds });
      }
    } else {
      this.lastScaleInAt = context.now;
      const leaving = this.instances.filter((i) => i.state === 'pending' || i.state === 'in-service').reverse();
      for (const instance of leaving.slice(0, this.desired - decision.desired)) {
        if (instance.busy > 0) instance.state = 'draining';
        else this.terminate(instance, context.now);
      }
    }
    this.desired = decision.desired;
    return { event, launched };
  }

  counts(): FleetCounts {
    let pending = 0;
    let inService = 0;
    let draining = 0;
    for (const instance of this.instances) {
      if (instance.state === 'pending') pending += 1;
      else if (instance.state === 'in-service') inService += 1;
      else if (instance.state === 'draining') draining += 1;
    }
    return { pending, inService, draining, desired: this.desired };
  }

  settled(): boolean {
    const { pending, draining } = this.counts();
    return this.desired === this.fleet.min && pending === 0 && draining === 0;
  }

  records(): InstanceRecord[] {
    return this.instances.map(({ id, launchedAt, readyAt, terminatedAt, initial }) => ({ id, launchedAt, readyAt, terminatedAt, initial }));
  }

  private terminate(instance: Instance, now: number): void {
    instance.state = 'terminated';
    instance.terminatedAt = now;
  }
}
