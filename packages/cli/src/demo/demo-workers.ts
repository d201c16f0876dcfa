import { handleJobMessage, type CountOptions, type JobResult, type MessageOutcome } from '@wordfreq/core';
import type { MemorySystem } from '@wordfreq/adapters-memory';
import { QueueWorker } from '@wordfreq/runtime-ec2';

export interface DemoWorkersOptions {
  readonly workers: number;
  readonly count: CountOptions;
  readonly maxBytes: number;
  /** Seconds a job stays invisible; the runtime's heartbeat extends it for long jobs. */
  readonly visibilitySeconds: number;
}

export interface WorkerObserver {
  /** After each handled message, with its outcome. */
  onOutcome(workerId: string, outcome: MessageOutcome): void;
}

export interface DemoWorkers {
  /** Graceful stop of every worker (no new receives; running jobs finish). */
  stop(): Promise<void>;
}

// Short long polls: stopping waits for the open poll, and an empty in-process queue needs no patience.
const waitSeconds = 1;
const graceMs = 10_000;

/**
 * N workers over the jobs queue, each the EC2 runtime's own worker loop (`QueueWorker`: receive,
 * heartbeat, outcome applied to the queue) with concurrency 1 and its own worker id, as N instances
 * of the Auto Scaling group would run. The handler is the core's `handleJobMessage`.
 */
export function startDemoWorkers(system: MemorySystem, options: DemoWorkersOptions, observer: WorkerObserver): DemoWorkers {
  const { store, results, publisher, clock, logger, metrics, jobs } = system;
  const workers = Array.from({ length: options.workers }, (_, index) => {
    const workerId = `worker-${index + 1}`;
    const handle = async (delivery: Parameters<typeof handleJobMessage>[0], signal: AbortSignal) => {
      const outcome = await handleJobMessage(
        delivery,
        { storage: store, results, publisher, clock, logger },
        { count: options.count, maxBytes: options.maxBytes, workerId, signal },
      );
      observer.onOutcome(workerId, outcome);
      return outcome;
    };
    return new QueueWorker(
      { queue: jobs, clock, logger, metrics, handle },
      { concurrency: 1, visibilitySeconds: options.visibilitySeconds, waitSeconds },
    ).start();
  });
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.drain(graceMs)));
    },
  };
}

/** Results of an `ack` outcome (a `retry` is redone later and reported then). */
export function resultsOf(outcome: MessageOutcome): readonly JobResult[] {
  return outcome.action === 'ack' ? outcome.results : [];
}
