import { randomBetween, randomExponential, randomStream, type Random } from './seeded-random.js';

/** When jobs land on the queue: all at once (the load test's upload burst) or at a steady rate. */
export type Arrivals =
  | { readonly kind: 'burst'; readonly count: number; readonly atSeconds?: number }
  | {
      readonly kind: 'rate';
      readonly count: number;
      readonly perMinute: number;
      readonly startSeconds?: number;
      /** `poisson` (default) draws random gaps with the given mean; `even` spaces jobs exactly. */
      readonly pattern?: 'poisson' | 'even';
    };

/** How long one job keeps a worker slot busy. */
export type ServiceTime =
  | { readonly kind: 'fixed'; readonly seconds: number }
  | { readonly kind: 'uniform'; readonly minSeconds: number; readonly maxSeconds: number }
  | {
      /** Per file: size / throughput + a fixed overhead (the course's artificial 10 s delay). Sizes are
       *  used in order and repeat when there are more jobs than sizes. */
      readonly kind: 'sizes';
      readonly bytes: readonly number[];
      readonly megabytesPerSecond: number;
      readonly overheadSeconds?: number;
    };

export interface Workload {
  readonly arrivals: Arrivals;
  readonly service: ServiceTime;
}

/** One job as the simulator sees it; a measured run can supply its own list instead of a `Workload`. */
export interface JobSpec {
  readonly id: number;
  readonly arrivalSeconds: number;
  readonly serviceSeconds: number;
}

/** The concrete jobs a workload describes for a seed; the same seed gives the same jobs. */
export function generateJobs(workload: Workload, seed: number): JobSpec[] {
  const arrivals = arrivalTimes(workload.arrivals, seed);
  const service = randomStream(seed, 'service');
  return arrivals.map((arrivalSeconds, id) => ({ id, arrivalSeconds, serviceSeconds: serviceSeconds(workload.service, id, service) }));
}

/** The mean service time a workload implies, for turning an acceptable latency into a backlog target. */
export function meanServiceSeconds(service: ServiceTime): number {
  switch (service.kind) {
    case 'fixed':
      return service.seconds;
    case 'uniform':
      return (service.minSeconds + service.maxSeconds) / 2;
    case 'sizes': {
      const total = service.bytes.reduce((sum, bytes) => sum + bytes, 0);
      return total / service.bytes.length / 1e6 / service.megabytesPerSecond + (service.overheadSeconds ?? 0);
    }
  }
}

function arrivalTimes(arrivals: Arrivals, seed: number): number[] {
  if (arrivals.kind === 'burst') return Array.from({ length: arrivals.count }, () => arrivals.atSeconds ?? 0);
  const gap = 60 / arrivals.perMinute;
  const start = arrivals.startSeconds ?? 0;
  if (arrivals.pattern === 'even') return Array.from({ length: arrivals.count }, (_, i) => start + i * gap);
  const random = randomStream(seed, 'arrivals');
  const times: number[] = [];
  let t = start;
  for (let i = 0; i < arrivals.count; i += 1) {
    times.push(t);
    t += randomExponential(random, gap);
  }
  return times;
}

function serviceSeconds(service: ServiceTime, index: number, random: Random): number {
  switch (service.kind) {
    case 'fixed':
      return service.seconds;
    case 'uniform':
      return randomBetween(random, service.minSeconds, service.maxSeconds);
    case 'sizes':
      return service.bytes[index % service.bytes.length] / 1e6 / service.megabytesPerSecond + (service.overheadSeconds ?? 0);
  }
}
