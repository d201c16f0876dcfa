import type { Deployment, MetricSample } from '@wordfreq/core';
import { Ec2FleetModel } from './ec2-fleet.model.js';
import { EventQueue } from './event-queue.js';
import type { FleetModel } from './fleet-model.js';
import { LambdaFleetModel } from './lambda-fleet.model.js';
import { summarizeRun, type RunSummary } from './run-summary.js';
import { randomBetween, randomStream } from './seeded-random.js';
import { validateSimulation, type MetricClockSettings } from './simulation-input.validation.js';
import type { InstanceRecord, JobRecord, ScalingEvent, TimelinePoint } from './timeline.js';
import { generateJobs, type JobSpec, type Workload } from './workload.js';

export interface SimulationInput {
  readonly label?: string;
  /** Draws service times, Poisson arrivals and the metric clock's phase: same seed, same timeline. */
  readonly seed: number;
  /** A workload to generate jobs from, or the jobs themselves (e.g. those of a measured run). */
  readonly workload: Workload | readonly JobSpec[];
  readonly deployment: Deployment;
  /**
   * SQS publishes queue metrics once a minute and CloudWatch evaluates alarms once a minute. The phase
   * (where the first arrival falls within that minute) is drawn from the seed unless given; a delay
   * makes policies see metrics that much later.
   */
  readonly metrics?: MetricClockSettings;
  /** Stop here even with jobs left; default one day after the last arrival. */
  readonly horizonSeconds?: number;
  /** After the queue drains, how long to keep watching the fleet scale back in; default two hours. */
  readonly settleLimitSeconds?: number;
}

export interface SimulationResult {
  readonly label: string;
  readonly seed: number;
  readonly jobs: readonly JobRecord[];
  readonly timeline: readonly TimelinePoint[];
  readonly events: readonly ScalingEvent[];
  readonly instances: readonly InstanceRecord[];
  readonly summary: RunSummary;
}

type SimEvent =
  | { readonly t: number; readonly rank: 0; readonly kind: 'finish'; readonly job: JobSpec; readonly worker: number; readonly startedAt: number; readonly coldStartSeconds: number }
  | { readonly t: number; readonly rank: 1; readonly kind: 'ready'; readonly worker: number }
  | { readonly t: number; readonly rank: 2; readonly kind: 'arrival'; readonly job: JobSpec }
  | { readonly t: number; readonly rank: 3; readonly kind: 'sample'; readonly index: number }
  | { readonly t: number; readonly rank: 4; readonly kind: 'evaluate'; readonly index: number };

const day = 86_400;

/**
 * Runs the queue and the fleet as a discrete-event simulation. At one instant, finished jobs free their
 * slots first, then instances come into service, jobs arrive, the metric is sampled and the policy runs;
 * waiting jobs are handed to free slots (first come, first served) after every event.
 */
export function simulate(input: SimulationInput): SimulationResult {
  validateSimulation(input.workload, input.deployment, input.metrics);
  const jobs: readonly JobSpec[] = Array.isArray(input.workload)
    ? [...(input.workload as readonly JobSpec[])].sort((a, b) => a.arrivalSeconds - b.arrivalSeconds || a.id - b.id)
    : generateJobs(input.workload as Workload, input.seed);
  const sampleSeconds = input.metrics?.sampleSeconds ?? 60;
  const evaluationSeconds = input.metrics?.evaluationSeconds ?? 60;
  const delaySeconds = input.metrics?.delaySeconds ?? 0;
  const phase = input.metrics?.phaseSeconds ?? randomBetween(randomStream(input.seed, 'phase'), 0, sampleSeconds);
  const lastArrival = jobs[jobs.length - 1].arrivalSeconds;
  const horizon = input.horizonSeconds ?? lastArrival + day;
  const settleLimit = input.settleLimitSeconds ?? 2 * 3600;

  const fleet: FleetModel = input.deployment.kind === 'ec2' ? new Ec2FleetModel(input.deployment.fleet, input.deployment.policy) : new LambdaFleetModel(input.deployment.lambda);
  const queue = new EventQueue<SimEvent>();
  for (const job of jobs) queue.push({ t: job.arrivalSeconds, rank: 2, kind: 'arrival', job });
  queue.push({ t: phase, rank: 3, kind: 'sample', index: 0 });
  queue.push({ t: phase, rank: 4, kind: 'evaluate', index: 0 });

  const waiting: JobSpec[] = [];
  let waitingHead = 0;
  let arrived = 0;
  let inFlight = 0;
  const done: JobRecord[] = [];
  const samples: MetricSample[] = [];
  const events: ScalingEvent[] = [];
  const timeline: TimelinePoint[] = [];
  let drainAt: number | undefined;
  let end = 0;
  let settled = false;

  const record = (t: number, force = false) => {
    const point: TimelinePoint = { t, arrived, visible: waiting.length - waitingHead, inFlight, completed: done.length, ...fleet.counts() };
    const last = timeline[timeline.length - 1];
    if (last && last.t === t) timeline[timeline.length - 1] = point;
    else if (force || !last || !sameState(last, point)) timeline.push(point);
  };
  record(0);

  for (let event = queue.pop(); event !== undefined; event = queue.pop()) {
    if (event.t > horizon) {
      end = horizon;
      break;
    }
    const now = event.t;
    switch (event.kind) {
      case 'arrival':
        waiting.push(event.job);
        arrived += 1;
        break;
      case 'finish':
        fleet.finish(event.worker, now);
        inFlight -= 1;
        // Fields spelled out: spreading the job here was most of a run's time in V8.
        done.push({
          id: event.job.id,
          arrivalSeconds: event.job.arrivalSeconds,
          serviceSeconds: event.job.serviceSeconds,
          startSeconds: event.startedAt,
          finishSeconds: now,
          worker: event.worker,
          coldStartSeconds: event.coldStartSeconds,
        });
        if (done.length === jobs.length) drainAt = now;
        break;
      case 'ready':
        fleet.ready(event.worker, now);
        break;
      case 'sample': {
        samples.push({ t: now, visible: waiting.length - waitingHead, inService: fleet.counts().inService });
        const index = event.index + 1;
        queue.push({ t: phase + index * sampleSeconds, rank: 3, kind: 'sample', index });
        break;
      }
      case 'evaluate': {
        const { event: action, launched } = fleet.evaluate({ now, samples, metricsEnd: now - delaySeconds, visible: waiting.length - waitingHead, inFlight });
        if (action) events.push(action);
        for (const { worker, readyAt } of launched) queue.push({ t: readyAt, rank: 1, kind: 'ready', worker });
        const index = event.index + 1;
        queue.push({ t: phase + index * evaluationSeconds, rank: 4, kind: 'evaluate', index });
        break;
      }
    }
    while (waitingHead < waiting.length && fleet.hasFreeSlot(now)) {
      const job = waiting[waitingHead++];
      const started = fleet.start(now);
      inFlight += 1;
      if (started.coldStartSeconds > 0) queue.push({ t: now + started.coldStartSeconds, rank: 1, kind: 'ready', worker: started.worker });
      queue.push({ t: now + started.coldStartSeconds + job.serviceSeconds, rank: 0, kind: 'finish', job, worker: started.worker, startedAt: now, coldStartSeconds: started.coldStartSeconds });
    }
    if (queue.peek()?.t !== now) record(now);
    if (drainAt !== undefined && fleet.settled()) {
      end = now;
      settled = true;
      break;
    }
    if (drainAt !== undefined && now - drainAt >= settleLimit) {
      end = now;
      break;
    }
  }
  record(end, true);

  const label = input.label ?? undefined;
  const run = { label, deployment: input.deployment, totalJobs: jobs.length, jobs: done, timeline, instances: fleet.records(), events, endSeconds: end, settled };
  const summary = summarizeRun(run);
  return { label: summary.label, seed: input.seed, jobs: done, timeline, events, instances: run.instances, summary };
}

function sameState(a: TimelinePoint, b: TimelinePoint): boolean {
  return (
    a.arrived === b.arrived &&
    a.visible === b.visible &&
    a.inFlight === b.inFlight &&
    a.completed === b.completed &&
    a.pending === b.pending &&
    a.inService === b.inService &&
    a.draining === b.draining &&
    a.desired === b.desired
  );
}
