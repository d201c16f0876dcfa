import type { CountOptions, JobResult, MessageOutcome } from '@wordfreq/core';
import { handleJobMessageFrom } from '@wordfreq/core/di';
import type { MemorySystem } from '@wordfreq/adapters-memory';
import { QueueWorker, workerPorts, type JobHandler } from '@wordfreq/runtime-ec2';
import { createDemoContainer } from './demo-container.js';

export interface DemoWorkersOptions {
  readonly workers: number;
  readonly count: CountOptions;
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
 * of the Auto Scaling group would run. The handler is the core's `handleJobMessage`, asked of the
 * worker's container (`createDemoContainer`), as the EC2 runtime asks its own.
 */
export function startDemoWorkers(system: MemorySystem, options: DemoWorkersOptions, observer: WorkerObserver): DemoWorkers {
  const workers = Array.from({ length: options.workers }, (_, index) => {
    const workerId = `worker-${index + 1}`;
    // Each worker is an instance of its own, with its own container over the shared system.
    const container = createDemoContainer(system, { count: options.count, workerId });
    const handleJobMessage = handleJobMessageFrom(container);
    const handle: JobHandler = async (delivery, signal) => {
      const outcome = await handleJobMessage(delivery, signal);
      observer.onOutcome(workerId, outcome);
      return outcome;
    };
    return new QueueWorker({ ...workerPorts(container), handle }, { concurrency: 1, visibilitySeconds: options.visibilitySeconds, waitSeconds }).start();
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
