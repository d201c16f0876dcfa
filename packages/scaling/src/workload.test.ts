import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workloadArb } from './scaling.arbitraries.js';
import { generateJobs, meanServiceSeconds } from './workload.js';

describe('generateJobs', () => {
  it('turns file sizes and a throughput into service times, repeating the sizes', () => {
    const jobs = generateJobs({ arrivals: { kind: 'burst', count: 3 }, service: { kind: 'sizes', bytes: [1_000_000, 4_000_000], megabytesPerSecond: 2, overheadSeconds: 10 } }, 1);
    expect(jobs.map((j) => j.serviceSeconds)).toEqual([10.5, 12, 10.5]);
  });

  it('spaces an even rate exactly', () => {
    const jobs = generateJobs({ arrivals: { kind: 'rate', count: 4, perMinute: 30, pattern: 'even', startSeconds: 5 }, service: { kind: 'fixed', seconds: 1 } }, 1);
    expect(jobs.map((j) => j.arrivalSeconds)).toEqual([5, 7, 9, 11]);
  });

  it('gives the same jobs for the same seed, in arrival order, within the service range', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer(), (workload, seed) => {
        const jobs = generateJobs(workload, seed);
        expect(generateJobs(workload, seed)).toEqual(jobs);
        expect(jobs).toHaveLength(workload.arrivals.count);
        for (let i = 1; i < jobs.length; i += 1) expect(jobs[i].arrivalSeconds).toBeGreaterThanOrEqual(jobs[i - 1].arrivalSeconds);
        if (workload.service.kind === 'uniform') {
          for (const job of jobs) {
            expect(job.serviceSeconds).toBeGreaterThanOrEqual(workload.service.minSeconds);
            expect(job.serviceSeconds).toBeLessThanOrEqual(workload.service.maxSeconds);
          }
        }
      }),
    );
  });

  it('reports the mean service time a backlog target is computed from', () => {
    expect(meanServiceSeconds({ kind: 'uniform', minSeconds: 10, maxSeconds: 20 })).toBe(15);
    expect(meanServiceSeconds({ kind: 'sizes', bytes: [1_000_000, 3_000_000], megabytesPerSecond: 1, overheadSeconds: 10 })).toBe(12);
  });
});
