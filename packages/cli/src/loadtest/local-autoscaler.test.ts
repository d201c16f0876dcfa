import fc from 'fast-check';
import { seedStepPolicy, targetTrackingPolicy, type Ec2ScalingPolicy, type QueueDepth } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { LocalAutoscaler } from './local-autoscaler.js';
import type { GroupCounts, ScalingGroup } from './worker-group.js';

/** A group whose instances come into service at once and leave at once: only the decisions matter. */
class InstantGroup implements ScalingGroup {
  readonly moves: number[] = [];
  constructor(public desired = 1) {}
  counts(): GroupCounts {
    return { pending: 0, inService: this.desired, draining: 0, desired: this.desired };
  }
  setDesired(desired: number): void {
    this.moves.push(desired);
    this.desired = desired;
  }
}

function scaler(policy: Ec2ScalingPolicy, depths: readonly number[], group = new InstantGroup(), bounds = { min: 1, max: 3 }) {
  let reading = 0;
  const depth = async (): Promise<QueueDepth> => ({ visible: depths[Math.min(reading++, depths.length - 1)], inFlight: group.desired });
  return { group, autoscaler: new LocalAutoscaler({ depth, group, arrived: () => 30, completed: () => 0 }, { policy, bounds }) };
}

const step: Ec2ScalingPolicy = { ...seedStepPolicy, periodSeconds: 3, cooldownSeconds: 3 };

describe('LocalAutoscaler', () => {
  it("applies the seed's step policy to the readings: out while deep, once per cooldown, up to the maximum", async () => {
    const { group, autoscaler } = scaler(step, new Array(20).fill(30));
    for (let k = 0; k < 20; k += 1) await autoscaler.tick(0.3 + k * 0.6);
    expect(autoscaler.events.map((e) => [e.action, e.from, e.to, Math.round(e.t * 10) / 10])).toEqual([
      ['scale-out', 1, 2, 0.3],
      ['scale-out', 2, 3, 3.3],
    ]);
    expect(group.desired).toBe(3);
    expect(autoscaler.events[0].reason).toBe('visible 30 >= 15: add 1');
  });

  it('scales in once the readings stay low, and reports itself settled at the minimum', async () => {
    const { group, autoscaler } = scaler(step, [0], new InstantGroup(3));
    expect(autoscaler.settled()).toBe(false);
    for (let k = 0; k < 20; k += 1) await autoscaler.tick(k * 0.6);
    expect(autoscaler.events.map((e) => e.action)).toEqual(['scale-in', 'scale-in']);
    expect(group.desired).toBe(1);
    expect(autoscaler.settled()).toBe(true);
  });

  it('records a timeline point per tick with the reading, the counters and the group', async () => {
    const { autoscaler } = scaler(step, [17, 9]);
    await autoscaler.tick(0.5);
    await autoscaler.tick(1.1);
    autoscaler.record(1.1);
    expect(autoscaler.timeline).toEqual([
      { t: 0.5, arrived: 30, visible: 17, inFlight: 1, completed: 0, pending: 0, inService: 2, draining: 0, desired: 2 },
      { t: 1.1, arrived: 30, visible: 9, inFlight: 2, completed: 0, pending: 0, inService: 2, draining: 0, desired: 2 },
    ]);
    expect(autoscaler.samples).toEqual([
      { t: 0.5, visible: 17, inService: 1 },
      { t: 1.1, visible: 9, inService: 2 },
    ]);
  });

  it('keeps the group within its bounds and never acts inside a cooldown, whatever the readings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (depths, max, target) => {
          const policy = target ? targetTrackingPolicy(5, { periodSeconds: 1, scaleOutCooldownSeconds: 1, scaleInCooldownSeconds: 4 }) : step;
          const { group, autoscaler } = scaler(policy, depths, new InstantGroup(1), { min: 1, max });
          for (let k = 0; k < depths.length; k += 1) await autoscaler.tick(k * 0.5);
          expect(group.moves.every((d) => d >= 1 && d <= max)).toBe(true);
          const events = autoscaler.events;
          for (let i = 1; i < events.length; i += 1) {
            expect(events[i].from).toBe(events[i - 1].to);
            const gap = events[i].t - events[i - 1].t;
            if (policy.kind === 'step') expect(gap).toBeGreaterThanOrEqual(policy.cooldownSeconds);
            else if (events[i].action === 'scale-in') expect(gap).toBeGreaterThanOrEqual(policy.scaleInCooldownSeconds);
            else if (events[i - 1].action === 'scale-out') expect(gap).toBeGreaterThanOrEqual(policy.scaleOutCooldownSeconds);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
