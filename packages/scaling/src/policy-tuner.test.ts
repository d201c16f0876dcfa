import { describe, expect, it } from 'vitest';
import { ConfigError, seedFleet, seedStepPolicy, targetTrackingPolicy, type Ec2ScalingPolicy } from '@wordfreq/core';
import { policyChanges, tune, type TuneRequest, type TuningSpace } from './policy-tuner.js';
import { seedWorkload } from './seed-scenario.js';
import { simulate } from './simulator.js';

const resimulate = (request: TuneRequest, policy: Ec2ScalingPolicy, max: number, seed: number) =>
  simulate({ seed, workload: request.workload, deployment: { kind: 'ec2', fleet: { ...request.fleet, max }, policy } }).summary;

describe('tune', () => {
  // The full default grid is a few thousand simulations: seconds alone, longer on a busy machine.
  it('finds a policy that drains the seed scenario within 5 minutes, and the simulator agrees on every seed', { timeout: 60_000 }, () => {
    const request: TuneRequest = { workload: seedWorkload, fleet: seedFleet, goal: { maxDrainSeconds: 300 } };
    const result = tune(request);
    expect(result.winner).toBeDefined();
    const winner = result.winner!;
    for (const seed of result.seeds) {
      const summary = resimulate(request, winner.policy, winner.max, seed);
      expect(summary.drained).toBe(true);
      expect(summary.drainSeconds!).toBeLessThanOrEqual(300);
    }
    expect(result.baseline.meetsGoal).toBe(false);
    for (const other of result.runnersUp) expect(other.meanExtraUsd).toBeGreaterThanOrEqual(winner.meanExtraUsd);
    const text = result.explanation.join('\n');
    expect(text).toMatch(/Seed policy .*misses the goal \(drain by/);
    expect(text).toMatch(/Winner: /);
    expect(text).toContain(`1-${winner.max} instances`);
  });

  it('meets a p95 latency goal in the simulator too', { timeout: 60_000 }, () => {
    const request: TuneRequest = { workload: seedWorkload, fleet: seedFleet, goal: { maxP95LatencySeconds: 480 }, seeds: [4, 5] };
    const winner = tune(request).winner!;
    for (const seed of [4, 5]) expect(resimulate(request, winner.policy, winner.max, seed).latencySeconds!.p95).toBeLessThanOrEqual(480);
  });

  it('returns the cheapest candidate of the space that meets the goal, checked by brute force', () => {
    const space: TuningSpace = {
      maxInstances: [2, 3, 5],
      stepOutThresholds: [15],
      stepOutAdds: [1, 2],
      stepInThresholds: [2],
      stepCooldowns: [60, 300],
      stepPeriods: [60, 300],
      targets: [5, 20],
    };
    const request: TuneRequest = { workload: seedWorkload, fleet: seedFleet, goal: { maxDrainSeconds: 600 }, seeds: [1, 2], space };
    const result = tune(request);
    // Max 2 leaves room for one instance, so there "add 1" and "add 2" are one policy: 4 fewer runs.
    expect(result.evaluated).toBe(3 * (2 + 2 * 2 * 2) - 4);
    const winner = result.winner!;
    const cost = (policy: Ec2ScalingPolicy, max: number) =>
      [1, 2].map((seed) => resimulate(request, policy, max, seed)).reduce((sum, s) => sum + s.cost.extraUsd, 0) / 2;
    expect(cost(winner.policy, winner.max)).toBeCloseTo(winner.meanExtraUsd, 12);
    for (const other of [...result.runnersUp]) expect(cost(other.policy, other.max)).toBeGreaterThanOrEqual(winner.meanExtraUsd);
    for (const max of space.maxInstances) {
      for (const target of space.targets) {
        const policy = { kind: 'target-tracking', label: '', targetBacklogPerInstance: target, periodSeconds: 60, scaleOutDatapoints: 3, scaleInDatapoints: 15, scaleInThresholdRatio: 0.9, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 } as const;
        const runs = [1, 2].map((seed) => resimulate(request, policy, max, seed));
        if (runs.every((r) => r.drainSeconds! <= 600)) expect(cost(policy, max)).toBeGreaterThanOrEqual(winner.meanExtraUsd - 1e-12);
      }
    }
  });

  it('says so when no candidate can meet the goal, and what bounds it', () => {
    const result = tune({ workload: seedWorkload, fleet: seedFleet, goal: { maxDrainSeconds: 60 }, seeds: [1], space: { maxInstances: [3, 10] } });
    expect(result.winner).toBeUndefined();
    expect(result.meetingGoal).toBe(0);
    const text = result.explanation.join('\n');
    expect(text).toMatch(/No candidate meets the goal\. The fastest, .* with max 10, drains in/);
    expect(text).toMatch(/The jobs need \d+m \d\ds of work: even with all 3 instances busy from the start that takes/);
  });

  it('rejects a missing or meaningless goal', () => {
    expect(() => tune({ workload: seedWorkload, fleet: seedFleet, goal: {} })).toThrow(ConfigError);
    expect(() => tune({ workload: seedWorkload, fleet: seedFleet, goal: { maxDrainSeconds: -5 } })).toThrow(/goal\.maxDrainSeconds must be a positive number of seconds, got -5/);
    expect(() => tune({ workload: seedWorkload, fleet: seedFleet, goal: { maxDrainSeconds: 300 }, space: { maxInstances: [0] } })).toThrow(/space\.maxInstances has no size >= 1/);
  });
});

describe('policyChanges', () => {
  it('lists what to change in the console, one item per setting', () => {
    const faster = { ...seedStepPolicy, periodSeconds: 60, scaleOut: [{ atLeast: 15, add: 4 }] };
    expect(policyChanges(seedStepPolicy, 3, seedStepPolicy, 3)).toEqual([]);
    expect(policyChanges(seedStepPolicy, 3, faster, 8)).toEqual(['max 3 -> 8', 'alarm period 300 s -> 60 s', 'scale-out step +1 -> +4']);
    expect(policyChanges(seedStepPolicy, 3, targetTrackingPolicy(10), 3)).toEqual(['target tracking at 10 messages per instance instead of step alarms']);
  });
});
