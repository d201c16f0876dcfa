import { succeededResult } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { measuredJobs } from './measured-jobs.js';

const wallStart = Date.parse('2024-05-01T12:00:00.000Z');

describe('measuredJobs', () => {
  it("puts each result on the run's clock: started by the worker, finished when its result was reported", () => {
    const rows = [
      succeededResult('b', 'one.txt', { startedAt: '2024-05-01T12:00:02.500Z', countMs: 40 }),
      succeededResult('b', 'two.txt', { startedAt: '2024-05-01T12:00:03.000Z', countMs: 10 }),
    ];
    const jobs = measuredJobs({
      rows,
      finishes: new Map([
        ['b/one.txt', { t: 3.75, worker: 1 }],
        ['b/two.txt', { t: 4.5, worker: 0 }],
      ]),
      arrivals: new Map([
        ['b/one.txt', 0.25],
        ['b/two.txt', 0.5],
      ]),
      workerDelays: [1, 1.5],
      secondsAt: (wallMs) => (wallMs - wallStart) / 1000,
    });
    expect(jobs).toEqual([
      { id: 0, arrivalSeconds: 0.25, startSeconds: 2.5, finishSeconds: 3.75, serviceSeconds: 1.25, worker: 1, coldStartSeconds: 0, delaySeconds: 1.5, countSeconds: 0.04 },
      { id: 1, arrivalSeconds: 0.5, startSeconds: 3, finishSeconds: 4.5, serviceSeconds: 1.5, worker: 0, coldStartSeconds: 0, delaySeconds: 1, countSeconds: 0.01 },
    ]);
  });

  it('leaves out rows the run never saw finish or never uploaded', () => {
    const rows = [succeededResult('b', 'seen.txt'), succeededResult('b', 'unseen.txt'), succeededResult('other', 'seen.txt')];
    const jobs = measuredJobs({
      rows,
      finishes: new Map([
        ['b/seen.txt', { t: 2, worker: 0 }],
        ['other/seen.txt', { t: 2, worker: 0 }],
      ]),
      arrivals: new Map([
        ['b/seen.txt', 0],
        ['b/unseen.txt', 0],
      ]),
      workerDelays: [1],
      secondsAt: () => 1,
    });
    expect(jobs.map((job) => job.id)).toEqual([0]);
  });
});
