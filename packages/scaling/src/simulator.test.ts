import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, lambdaBounds, lambdaConfig, lambdaScalingIntervalSeconds, seedFleet, seedStepPolicy, targetTrackingPolicy, type Deployment } from '@wordfreq/core';
import { deploymentArb, metricsArb, workloadArb } from './scaling.arbitraries.js';
import { seedWorkload } from './seed-scenario.js';
import { simulate, type SimulationResult } from './simulator.js';
import { conserves } from './timeline.js';
import { generateJobs } from './workload.js';

const scenarioArb = fc.record({ seed: fc.integer(), workload: workloadArb, deployment: deploymentArb, metrics: metricsArb });

/** The gaps a policy must leave between two of its actions, checked from the events alone. */
function cooldownViolations(result: SimulationResult, deployment: Deployment): string[] {
  const violations: string[] = [];
  result.events.forEach((event, i) => {
    const before = result.events.slice(0, i);
    const lastOf = (action?: 'scale-out' | 'scale-in') => Math.max(-Infinity, ...before.filter((e) => !action || e.action === action).map((e) => e.t));
    let gap: number;
    let since: number;
    if (deployment.kind === 'lambda') [gap, since] = [lambdaScalingIntervalSeconds, event.t - lastOf()];
    else if (deployment.policy.kind === 'step') [gap, since] = [deployment.policy.cooldownSeconds, event.t - lastOf()];
    else if (event.action === 'scale-out') [gap, since] = [deployment.policy.scaleOutCooldownSeconds, event.t - lastOf('scale-out')];
    else [gap, since] = [deployment.policy.scaleInCooldownSeconds, event.t - lastOf()];
    if (since < gap) violations.push(`${event.action} at ${event.t} only ${since} s after the previous action (cooldown ${gap} s)`);
  });
  return violations;
}

describe('simulate: laws over any scenario', () => {
  it('keeps every group size within [min, max]', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, workload, deployment, metrics }) => {
        const result = simulate({ seed, workload, deployment, metrics });
        const { min, max } = deployment.kind === 'ec2' ? deployment.fleet : lambdaBounds(deployment.lambda);
        for (const point of result.timeline) {
          expect(point.desired).toBeGreaterThanOrEqual(min);
          expect(point.desired).toBeLessThanOrEqual(max);
          if (deployment.kind === 'ec2') expect(point.pending + point.inService).toBe(point.desired);
          else expect(point.pending + point.inService).toBe(point.inFlight);
        }
        for (const event of result.events) {
          expect(event.to).toBeGreaterThanOrEqual(min);
          expect(event.to).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('never takes a scaling action inside a cooldown', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, workload, deployment, metrics }) => {
        expect(cooldownViolations(simulate({ seed, workload, deployment, metrics }), deployment)).toEqual([]);
      }),
    );
  });

  it('completes every job exactly once, first come first served, never before it arrived', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, workload, deployment, metrics }) => {
        const result = simulate({ seed, workload, deployment, metrics });
        const expected = generateJobs(workload, seed);
        expect(result.summary.drained).toBe(true);
        expect(result.jobs.map((j) => j.id).sort((a, b) => a - b)).toEqual(expected.map((j) => j.id));
        const byArrival = [...result.jobs].sort((a, b) => a.arrivalSeconds - b.arrivalSeconds || a.id - b.id);
        for (let i = 0; i < byArrival.length; i += 1) {
          const job = byArrival[i];
          expect(job.startSeconds).toBeGreaterThanOrEqual(job.arrivalSeconds);
          expect(job.finishSeconds).toBeCloseTo(job.startSeconds + job.coldStartSeconds + job.serviceSeconds, 9);
          if (i > 0) expect(job.startSeconds).toBeGreaterThanOrEqual(byArrival[i - 1].startSeconds);
        }
      }),
    );
  });

  it('accounts for every arrival as waiting, in flight or completed at every step', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, workload, deployment, metrics }) => {
        const { timeline, summary } = simulate({ seed, workload, deployment, metrics });
        for (const point of timeline) expect(conserves(point), JSON.stringify(point)).toBe(true);
        for (let i = 1; i < timeline.length; i += 1) expect(timeline[i].t).toBeGreaterThan(timeline[i - 1].t);
        const last = timeline[timeline.length - 1];
        expect(last).toMatchObject({ arrived: summary.jobs, completed: summary.jobs, visible: 0, inFlight: 0 });
      }),
    );
  });

  it('gives the same timeline, events and summary for the same seed', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, workload, deployment, metrics }) => {
        expect(simulate({ seed, workload, deployment, metrics })).toEqual(simulate({ seed, workload, deployment, metrics }));
      }),
      { numRuns: 50 },
    );
  });
});

describe('simulate: mechanics', () => {
  const fixed = { arrivals: { kind: 'burst' as const, count: 12 }, service: { kind: 'fixed' as const, seconds: 10 } };

  it('runs a fixed fleet at its concurrency: 12 jobs of 10 s on 2 instances x 3 slots take 20 s', () => {
    const fleet = { ...seedFleet, min: 2, max: 2, desired: 2, concurrencyPerInstance: 3 };
    const { summary } = simulate({ seed: 1, workload: fixed, deployment: { kind: 'ec2', fleet, policy: targetTrackingPolicy(5) } });
    expect(summary).toMatchObject({ drained: true, drainSeconds: 20, peakInService: 2, scalingEvents: 0, settled: true });
    expect(summary.latencySeconds).toEqual({ p50: 10, p95: 20, max: 20 });
    expect(summary.instanceSeconds).toBe(40);
    expect(summary.extraInstanceSeconds).toBe(0);
  });

  it('boots a launched instance for bootSeconds before it takes jobs, and bills it from launch', () => {
    const fleet = { ...seedFleet, min: 1, max: 2, desired: 1, bootSeconds: 100 };
    const result = simulate({ seed: 1, workload: { ...fixed, arrivals: { kind: 'burst', count: 40 } }, deployment: { kind: 'ec2', fleet, policy: targetTrackingPolicy(5) }, metrics: { phaseSeconds: 0 } });
    const [launch] = result.events;
    expect(launch).toMatchObject({ action: 'scale-out', from: 1, to: 2 });
    const second = result.instances[1];
    expect(second.readyAt! - second.launchedAt).toBe(100);
    expect(Math.min(...result.jobs.filter((j) => j.worker === 1).map((j) => j.startSeconds))).toBe(second.readyAt);
  });

  it('lets a draining instance finish its job instead of losing it', () => {
    const long = { arrivals: { kind: 'burst' as const, count: 6 }, service: { kind: 'fixed' as const, seconds: 900 } };
    const fleet = { ...seedFleet, min: 1, max: 3, desired: 3, bootSeconds: 0 };
    const policy = { ...seedStepPolicy, periodSeconds: 60, cooldownSeconds: 60 } as const;
    const result = simulate({ seed: 1, workload: long, deployment: { kind: 'ec2', fleet, policy }, metrics: { phaseSeconds: 0 } });
    expect(result.events[0]).toMatchObject({ action: 'scale-in' });
    expect(result.timeline.some((p) => p.draining > 0)).toBe(true);
    expect(result.summary.completed).toBe(6);
    const drained = result.instances.filter((i) => i.terminatedAt !== undefined);
    for (const instance of drained) {
      const lastJob = Math.max(...result.jobs.filter((j) => j.worker === instance.id).map((j) => j.finishSeconds));
      expect(instance.terminatedAt).toBe(lastJob);
    }
  });

  it('charges Lambda a cold start per new environment and bills GB-seconds', () => {
    const lambda = lambdaConfig({ concurrencyLimit: 4, initialConcurrency: 4, coldStartSeconds: 2, memoryMb: 1024, pricePerGbSecond: 0.00001, pricePerMillionRequests: 0 });
    const { summary, jobs } = simulate({ seed: 1, workload: fixed, deployment: { kind: 'lambda', lambda } });
    expect(summary.coldStarts).toBe(4);
    expect(jobs.filter((j) => j.coldStartSeconds > 0).map((j) => j.id)).toEqual([0, 1, 2, 3]);
    expect(summary.drainSeconds).toBe(32);
    expect(summary.cost.billedUnits).toBe(12 * 10 + 4 * 2);
    expect(summary.cost.usd).toBeCloseTo(128 * 0.00001, 12);
  });

  it('simulates a list of jobs given directly, as a measured run would supply them', () => {
    const jobs = [
      { id: 7, arrivalSeconds: 5, serviceSeconds: 10 },
      { id: 3, arrivalSeconds: 0, serviceSeconds: 10 },
    ];
    const fleet = { ...seedFleet, min: 1, max: 1, desired: 1 };
    const result = simulate({ seed: 1, workload: jobs, deployment: { kind: 'ec2', fleet, policy: seedStepPolicy } });
    expect(result.jobs.map((j) => [j.id, j.startSeconds, j.finishSeconds])).toEqual([
      [3, 0, 10],
      [7, 10, 20],
    ]);
  });

  it('stops at the horizon and says the queue did not drain', () => {
    const fleet = { ...seedFleet, min: 0, max: 1, desired: 0 };
    const never = { ...seedStepPolicy, scaleOut: [{ atLeast: 1000, add: 1 }] };
    const { summary } = simulate({ seed: 1, workload: fixed, deployment: { kind: 'ec2', fleet, policy: never }, horizonSeconds: 3600 });
    expect(summary).toMatchObject({ drained: false, completed: 0, endSeconds: 3600, drainSeconds: undefined, latencySeconds: undefined });
  });

  it('rejects an impossible scenario with every problem named', () => {
    const fleet = { ...seedFleet, min: 4, max: 2, bootSeconds: -1 };
    const run = () => simulate({ seed: 1, workload: { arrivals: { kind: 'burst', count: 0 }, service: { kind: 'uniform', minSeconds: 20, maxSeconds: 10 } }, deployment: { kind: 'ec2', fleet, policy: seedStepPolicy } });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/arrivals\.count must be at least 1/);
      expect(problems).toMatch(/service\.minSeconds \(20\) must not exceed service\.maxSeconds \(10\)/);
      expect(problems).toMatch(/fleet\.min \(4\) must not exceed fleet\.max \(2\)/);
      expect(problems).toMatch(/fleet\.bootSeconds must be at least 0/);
    }
  });

  it('rejects a step policy whose scale-in threshold overlaps its scale-out threshold', () => {
    const policy = { ...seedStepPolicy, scaleIn: [{ atMost: 20, remove: 1 }] };
    expect(() => simulate({ seed: 1, workload: seedWorkload, deployment: { kind: 'ec2', fleet: seedFleet, policy } })).toThrow(/scale-in threshold \(<= 20\) must be below the scale-out threshold \(>= 15\)/);
  });
});
