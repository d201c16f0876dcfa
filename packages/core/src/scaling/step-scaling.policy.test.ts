import { describe, expect, it } from 'vitest';
import type { MetricSample } from './metric-datapoints.js';
import type { PolicyObservation } from './scaling-decision.js';
import { decideStep, seedStepPolicy, type StepScalingPolicy } from './step-scaling.policy.js';

/** Five one-minute samples ending at `now`, all with the same visible count. */
function observe(visible: number, overrides: Partial<PolicyObservation> = {}): PolicyObservation {
  const now = overrides.now ?? 1000;
  const samples: MetricSample[] = [4, 3, 2, 1, 0].map((k) => ({ t: now - k * 60, visible, inService: 1 }));
  return { now, samples, metricsEnd: now, desired: 2, inService: 2, bounds: { min: 1, max: 3 }, ...overrides };
}

describe("the seed's step policy", () => {
  it('adds one instance at 15 visible messages and none at 14', () => {
    expect(decideStep(seedStepPolicy, observe(15))).toMatchObject({ action: 'scale-out', desired: 3 });
    expect(decideStep(seedStepPolicy, observe(14))).toMatchObject({ action: 'none' });
  });

  it('removes one at 2 visible messages and none at 3', () => {
    expect(decideStep(seedStepPolicy, observe(2))).toMatchObject({ action: 'scale-in', desired: 1 });
    expect(decideStep(seedStepPolicy, observe(3))).toMatchObject({ action: 'none' });
  });

  it('averages the whole 5-minute period', () => {
    const now = 1000;
    const samples = [0, 0, 0, 0, 80].map((visible, i) => ({ t: now - (4 - i) * 60, visible, inService: 1 }));
    expect(decideStep(seedStepPolicy, observe(0, { samples }))).toMatchObject({ action: 'scale-out' }); // average 16
    const fewer = samples.map((s, i) => (i === 4 ? { ...s, visible: 70 } : s));
    expect(decideStep(seedStepPolicy, observe(0, { samples: fewer }))).toMatchObject({ action: 'none' }); // average 14
  });

  it('waits out the 300 s cooldown after any action, then acts again', () => {
    expect(decideStep(seedStepPolicy, observe(50, { lastScaleOutAt: 701 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/cooldown/) });
    expect(decideStep(seedStepPolicy, observe(50, { lastScaleInAt: 701 }))).toMatchObject({ action: 'none' });
    expect(decideStep(seedStepPolicy, observe(50, { lastScaleOutAt: 700 }))).toMatchObject({ action: 'scale-out' });
  });

  it('stays within 1..3 instances', () => {
    expect(decideStep(seedStepPolicy, observe(100, { desired: 3 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/max 3/) });
    expect(decideStep(seedStepPolicy, observe(0, { desired: 1 }))).toMatchObject({ action: 'none', reason: expect.stringMatching(/min 1/) });
  });

  it('does nothing before the first datapoint', () => {
    expect(decideStep(seedStepPolicy, observe(100, { samples: [] }))).toMatchObject({ action: 'none', reason: 'no datapoints yet' });
  });
});

describe('step policies given as data', () => {
  const stepped: StepScalingPolicy = {
    ...seedStepPolicy,
    periodSeconds: 60,
    scaleOut: [
      { atLeast: 10, add: 1 },
      { atLeast: 50, add: 3 },
    ],
    scaleIn: [
      { atMost: 0, remove: 2 },
      { atMost: 4, remove: 1 },
    ],
    cooldownSeconds: 60,
  };
  const bounds = { min: 0, max: 10 };

  it('picks the step the newest datapoint falls in', () => {
    expect(decideStep(stepped, observe(20, { desired: 4, bounds }))).toMatchObject({ action: 'scale-out', desired: 5 });
    expect(decideStep(stepped, observe(80, { desired: 4, bounds }))).toMatchObject({ action: 'scale-out', desired: 7 });
    expect(decideStep(stepped, observe(3, { desired: 4, bounds }))).toMatchObject({ action: 'scale-in', desired: 3 });
    expect(decideStep(stepped, observe(0, { desired: 4, bounds }))).toMatchObject({ action: 'scale-in', desired: 2 });
  });

  it('needs datapointsToAlarm breaching datapoints out of evaluationPeriods', () => {
    const twoOfThree: StepScalingPolicy = { ...stepped, evaluationPeriods: 3, datapointsToAlarm: 2 };
    const now = 1000;
    const history = (values: number[]) => values.map((visible, i) => ({ t: now - (values.length - 1 - i) * 60, visible, inService: 1 }));
    expect(decideStep(twoOfThree, observe(0, { samples: history([5, 20, 30]), desired: 4, bounds }))).toMatchObject({ action: 'scale-out' });
    expect(decideStep(twoOfThree, observe(0, { samples: history([5, 5, 30]), desired: 4, bounds }))).toMatchObject({ action: 'none' });
  });
});
