import { describe, expect, it } from 'vitest';
import type { Calibration } from './calibration.js';
import { loadtestDefaults } from './loadtest-options.js';
import { predictLoadtest } from './loadtest-prediction.js';
import { loadtestScenario } from './loadtest-scenario.js';

const calibration = (bootSeconds: number, overheadSeconds: number): Calibration => ({
  bootSeconds,
  bootSamples: 3,
  overheadSeconds,
  countSeconds: overheadSeconds / 2,
  ioSeconds: overheadSeconds / 2,
  handOffSeconds: 0,
});
const burst = (count: number) => new Array<number>(count).fill(0);

describe('predictLoadtest', () => {
  const scenario = loadtestScenario({ ...loadtestDefaults, files: 30, jobSeconds: { min: 1, max: 1 }, maxWorkers: 3 });

  it('serves every job in the configured delay plus the measured overhead', () => {
    const predicted = predictLoadtest({ scenario, calibration: calibration(1, 0.5), arrivals: burst(30), phaseSeconds: 0.3 });
    expect(predicted.jobs).toHaveLength(30);
    expect(new Set(predicted.jobs.map((job) => job.serviceSeconds))).toEqual(new Set([1.5]));
  });

  it('uses the measured boot time: workers that boot slower than the drain leave it to the first one', () => {
    const slow = predictLoadtest({ scenario, calibration: calibration(10_000, 0.5), arrivals: burst(30), phaseSeconds: 0.3 });
    expect(slow.summary.drainSeconds).toBeCloseTo(30 * 1.5, 9);
    const quick = predictLoadtest({ scenario, calibration: calibration(1, 0.5), arrivals: burst(30), phaseSeconds: 0.3 });
    expect(quick.summary.drainSeconds!).toBeLessThan(30 * 1.5);
    expect(quick.summary.peakInService).toBe(3);
  });

  it('keeps the measured arrival times', () => {
    const arrivals = Array.from({ length: 12 }, (_, i) => i * 0.05);
    const predicted = predictLoadtest({ scenario, calibration: calibration(1, 0.2), arrivals, phaseSeconds: 0.1 });
    expect(predicted.jobs.map((job) => job.arrivalSeconds).sort((a, b) => a - b)).toEqual(arrivals);
  });

  it('draws service times within the delay range shifted by the overhead', () => {
    const ranged = loadtestScenario({ ...loadtestDefaults, jobSeconds: { min: 1, max: 3 } });
    const predicted = predictLoadtest({ scenario: ranged, calibration: calibration(1, 0.25), arrivals: burst(40), phaseSeconds: 0 });
    for (const job of predicted.jobs) {
      expect(job.serviceSeconds).toBeGreaterThanOrEqual(1.25);
      expect(job.serviceSeconds).toBeLessThan(3.25);
    }
    expect(new Set(predicted.jobs.map((job) => job.serviceSeconds)).size).toBeGreaterThan(1);
  });
});
