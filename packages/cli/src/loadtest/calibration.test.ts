import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, handOffs, median, type MeasuredJob } from './calibration.js';

/** Jobs run back to back on `workers` workers: each takes delay + busy, then `handOff` until the next. */
function backToBack(options: { jobs: number; workers: number; delay: number; busy: (i: number) => number; handOff: number; count: number }): MeasuredJob[] {
  const clocks = new Array<number>(options.workers).fill(0);
  return Array.from({ length: options.jobs }, (_, id) => {
    const worker = id % options.workers;
    const startSeconds = clocks[worker];
    const serviceSeconds = options.delay + options.busy(id);
    const finishSeconds = startSeconds + serviceSeconds;
    clocks[worker] = finishSeconds + options.handOff;
    return { id, arrivalSeconds: 0, startSeconds, finishSeconds, serviceSeconds, worker, coldStartSeconds: 0, delaySeconds: options.delay, countSeconds: options.count };
  });
}

describe('calibrate', () => {
  it('splits a job into the configured delay and a measured overhead of counting, I/O and hand-off', () => {
    const jobs = backToBack({ jobs: 12, workers: 3, delay: 1, busy: () => 0.2, handOff: 0.05, count: 0.08 });
    const calibration = calibrate(jobs, [0.8, 1.0, 1.2]);
    expect(calibration.bootSeconds).toBeCloseTo(1.0, 9);
    expect(calibration.bootSamples).toBe(3);
    expect(calibration.countSeconds).toBeCloseTo(0.08, 9);
    expect(calibration.ioSeconds).toBeCloseTo(0.12, 9);
    expect(calibration.handOffSeconds).toBeCloseTo(0.05, 9);
    expect(calibration.overheadSeconds).toBeCloseTo(0.25, 9);
  });

  it('recovers the per-job time a worker really spends, whatever the delay and spread', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (workers, jobs, delay, busy, handOff) => {
          const measured = backToBack({ jobs: jobs * workers, workers, delay, busy: (i) => busy * (1 + (i % 3) / 10), handOff, count: 0 });
          const calibration = calibrate(measured, [1]);
          // Total slot time per worker over its jobs, as the simulator would schedule them.
          const meanBusy = measured.reduce((sum, job) => sum + job.serviceSeconds - delay, 0) / measured.length;
          expect(calibration.overheadSeconds).toBeCloseTo(meanBusy + handOff, 6);
        },
      ),
    );
  });

  it('keeps one slow redelivery from moving the hand-off (median, not mean)', () => {
    const jobs = backToBack({ jobs: 9, workers: 1, delay: 1, busy: () => 0.1, handOff: 0.02, count: 0 });
    const slow = jobs.map((job, i) => (i < 5 ? job : { ...job, startSeconds: job.startSeconds + 30, finishSeconds: job.finishSeconds + 30 }));
    expect(calibrate(slow, [1]).handOffSeconds).toBeCloseTo(0.02, 9);
  });

  it('refuses to calibrate from nothing', () => {
    expect(() => calibrate([], [1])).toThrow(/no finished job/);
    expect(() => calibrate(backToBack({ jobs: 1, workers: 1, delay: 1, busy: () => 0.1, handOff: 0, count: 0 }), [])).toThrow(/no worker start-up/);
  });
});

describe('handOffs', () => {
  it('measures gaps within each worker only, in start order', () => {
    const jobs = [
      { id: 0, arrivalSeconds: 0, startSeconds: 5, finishSeconds: 6, serviceSeconds: 1, worker: 0, coldStartSeconds: 0 },
      { id: 1, arrivalSeconds: 0, startSeconds: 0, finishSeconds: 1, serviceSeconds: 1, worker: 0, coldStartSeconds: 0 },
      { id: 2, arrivalSeconds: 0, startSeconds: 1.5, finishSeconds: 3, serviceSeconds: 1.5, worker: 1, coldStartSeconds: 0 },
      { id: 3, arrivalSeconds: 0, startSeconds: 3.25, finishSeconds: 4, serviceSeconds: 0.75, worker: 1, coldStartSeconds: 0 },
    ];
    expect(handOffs(jobs).sort()).toEqual([0.25, 4]);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
