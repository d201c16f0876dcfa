import { describe, expect, it } from 'vitest';
import type { MetricSample } from './metric-datapoints.js';
import type { PolicyObservation } from './scaling-decision.js';
import { backlogTarget, decideTargetTracking, targetTrackingPolicy } from './target-tracking.policy.js';

const policy = targetTrackingPolicy(20);

/** One-minute samples ending at `now`, oldest first. */
function observe(visible: readonly number[], inService: number, overrides: Partial<PolicyObservation> = {}): PolicyObservation {
  const now = 3600;
  const samples: MetricSample[] = visible.map((v, i) => ({ t: now - (visible.length - 1 - i) * 60, visible: v, inService }));
  return { now, samples, metricsEnd: now, desired: inService, inService, bounds: { min: 1, max: 10 }, ...overrides };
}

describe('backlogTarget', () => {
  it("is AWS's acceptable latency / seconds per job, times the jobs an instance runs at once", () => {
    expect(backlogTarget(300, 15)).toBe(20);
    expect(backlogTarget(300, 15, 2)).toBe(40);
  });
});

describe('target tracking on backlog per instance', () => {
  it('scales out in proportion once three datapoints are above the target', () => {
    expect(decideTargetTracking(policy, observe([100, 100, 100], 1))).toMatchObject({ action: 'scale-out', desired: 5 });
    expect(decideTargetTracking(policy, observe([10, 100, 100], 1))).toMatchObject({ action: 'none' });
    expect(decideTargetTracking(policy, observe([100, 100], 1))).toMatchObject({ action: 'none' });
  });

  it('counts booting instances: no second launch for the same backlog', () => {
    expect(decideTargetTracking(policy, observe([100, 100, 100], 1, { desired: 5 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/already/) });
  });

  it('caps at max', () => {
    expect(decideTargetTracking(policy, observe([1000, 1000, 1000], 1))).toMatchObject({ action: 'scale-out', desired: 10 });
  });

  it('scales in only after fifteen datapoints below 90% of the target', () => {
    const quiet = Array.from({ length: 15 }, () => 30); // 30 / 3 = 10 per instance < 18
    expect(decideTargetTracking(policy, observe(quiet, 3))).toMatchObject({ action: 'scale-in', desired: 2 });
    expect(decideTargetTracking(policy, observe(quiet.slice(1), 3))).toMatchObject({ action: 'none' });
    const nearTarget = Array.from({ length: 15 }, () => 57); // 19 per instance: not below 18
    expect(decideTargetTracking(policy, observe(nearTarget, 3))).toMatchObject({ action: 'none' });
  });

  it('respects its cooldowns: short for scale-out, long for scale-in after any action', () => {
    expect(decideTargetTracking(policy, observe([100, 100, 100], 1, { lastScaleOutAt: 3570 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/cooldown/) });
    const quiet = Array.from({ length: 15 }, () => 0);
    expect(decideTargetTracking(policy, observe(quiet, 3, { lastScaleOutAt: 3400 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/cooldown/) });
    expect(decideTargetTracking(policy, observe(quiet, 3, { lastScaleOutAt: 3300 }))).toMatchObject({ action: 'scale-in', desired: 1 });
  });

  it('never scales in when scale-in is disabled', () => {
    const noIn = targetTrackingPolicy(20, { disableScaleIn: true });
    expect(decideTargetTracking(noIn, observe(Array.from({ length: 15 }, () => 0), 3))).toMatchObject({ action: 'none' });
  });
});
