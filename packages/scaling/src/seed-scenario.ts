import type { Workload } from './workload.js';

/** The course's load test: about 120 files uploaded at once, each job taking 10-20 s on purpose. */
export const seedWorkload: Workload = {
  arrivals: { kind: 'burst', count: 120 },
  service: { kind: 'uniform', minSeconds: 10, maxSeconds: 20 },
};

/** What people reported for the seed's group on t2.micro: the queue drains in about 12 minutes. */
export const seedReportedDrainSeconds = 12 * 60;
