import { decideLambdaConcurrency, lambdaBounds, type LambdaConfig } from '@wordfreq/core';
import type { EvaluationContext, FleetCounts, FleetModel, StartedJob } from './fleet-model.js';
import type { InstanceRecord, ScalingEvent } from './timeline.js';

interface Environment {
  readonly id: number;
  readonly createdAt: number;
  busy: boolean;
  starting: boolean;
  idleSince: number;
}

/**
 * Lambda behind an SQS event source mapping, one message per invocation. Idle environments cost
 * nothing; a job reuses the most recently idle warm one, or pays a cold start in a new one.
 */
export class LambdaFleetModel implements FleetModel {
  private readonly environments: Environment[] = [];
  private concurrency: number;
  private running = 0;
  private lastChangeAt: number | undefined;

  constructor(private readonly config: LambdaConfig) {
    this.concurrency = lambdaBounds(config).min;
  }

  hasFreeSlot(): boolean {
    return this.running < this.concurrency;
  }

  start(now: number): StartedJob {
    if (!this.hasFreeSlot()) throw new Error('LambdaFleetModel.start: concurrency exhausted; check hasFreeSlot first');
    this.running += 1;
    let warm: Environment | undefined;
    for (const environment of this.environments) {
      if (environment.busy || now - environment.idleSince > this.config.keepWarmSeconds) continue;
      if (!warm || environment.idleSince > warm.idleSince) warm = environment;
    }
    if (warm) {
      warm.busy = true;
      return { worker: warm.id, coldStartSeconds: 0 };
    }
    const cold = this.config.coldStartSeconds > 0;
    const created: Environment = { id: this.environments.length, createdAt: now, busy: true, starting: cold, idleSince: now };
    this.environments.push(created);
    return { worker: created.id, coldStartSeconds: this.config.coldStartSeconds };
  }

  ready(worker: number): void {
    this.environments[worker].starting = false;
  }

  finish(worker: number, now: number): void {
    const environment = this.environments[worker];
    environment.busy = false;
    environment.idleSince = now;
    this.running -= 1;
  }

  evaluate(context: EvaluationContext): { event?: ScalingEvent; launched: { worker: number; readyAt: number }[] } {
    const decision = decideLambdaConcurrency(this.config, {
      now: context.now,
      visible: context.visible,
      inFlight: context.inFlight,
      concurrency: this.concurrency,
      lastChangeAt: this.lastChangeAt,
    });
    if (decision.action === 'none') return { launched: [] };
    const event: ScalingEvent = { t: context.now, action: decision.action, from: this.concurrency, to: decision.desired, reason: decision.reason };
    this.concurrency = decision.desired;
    this.lastChangeAt = context.now;
    return { event, launched: [] };
  }

  counts(): FleetCounts {
    let pending = 0;
    let inService = 0;
    for (const environment of this.environments) {
      if (!environment.busy) continue;
      if (environment.starting) pending += 1;
      else inService += 1;
    }
    return { pending, inService, draining: 0, desired: this.concurrency };
  }

  settled(): boolean {
    return this.running === 0;
  }

  records(): InstanceRecord[] {
    return this.environments.map((e) => ({ id: e.id, launchedAt: e.createdAt, initial: false }));
  }
}
