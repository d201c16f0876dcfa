import { seedStepPolicy, targetTrackingPolicy } from '@wordfreq/core';
import { describe, expect, it } from 'vitest';
import { loadtestDefaults } from './loadtest-options.js';
import { loadtestFleet, loadtestScenario } from './loadtest-scenario.js';

describe('loadtestScenario', () => {
  it("keeps the seed's step thresholds and shortens only its clock", () => {
    const scenario = loadtestScenario({ ...loadtestDefaults, policy: 'step', periodSeconds: 5, cooldownSeconds: 4, maxWorkers: 4 });
    expect(scenario.policy).toEqual({ ...seedStepPolicy, label: 'step (seed thresholds)', periodSeconds: 5, cooldownSeconds: 4 });
    // Five samples per alarm period, as SQS's one-minute metrics in the seed's five-minute period.
    expect(scenario.sampleSeconds).toBe(1);
    expect(scenario.bounds).toEqual({ min: 1, max: 4 });
    // Room for one scale-in per cooldown from the maximum back to one.
    expect(scenario.settleLimitSeconds).toBeGreaterThan(3 * (5 + 4));
  });

  it("uses target tracking's own datapoint counts and AWS's out/in cooldown ratio", () => {
    const scenario = loadtestScenario({ ...loadtestDefaults, policy: 'target', periodSeconds: 2, cooldownSeconds: 10, targetBacklog: 4 });
    expect(scenario.policy).toEqual(targetTrackingPolicy(4, { periodSeconds: 2, scaleOutCooldownSeconds: 2, scaleInCooldownSeconds: 10 }));
    expect(scenario.sampleSeconds).toBe(2);
    // Scale-in needs 15 datapoints below target: the settle limit must outlast them and the cooldown.
    expect(scenario.settleLimitSeconds).toBeGreaterThan(15 * 2 + 10);
  });
});

describe('loadtestFleet', () => {
  it('is the scenario group with the measured boot time, one job per worker, no billing minimum', () => {
    const scenario = loadtestScenario({ ...loadtestDefaults, maxWorkers: 3 });
    expect(loadtestFleet(scenario, 1.25)).toMatchObject({ min: 1, max: 3, desired: 1, bootSeconds: 1.25, concurrencyPerInstance: 1, minimumBilledSeconds: 0 });
  });
});
