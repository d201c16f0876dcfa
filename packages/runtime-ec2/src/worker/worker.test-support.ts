import type { Delivery, MessageOutcome } from '@wordfreq/core';
import { coreModule, handleJobMessageFrom } from '@wordfreq/core/di';
import { createMemorySystem, ManualClock, memoryAdapters, type MemorySystem } from '@wordfreq/adapters-memory';
import { Container } from 'inversify';
import { vi } from 'vitest';
import type { JobHandler } from './job-handler.js';
import { QueueWorker, type QueueWorkerOptions } from './queue-worker.js';

/** Lets promise continuations and I/O callbacks run (the manual clock wakes sleepers synchronously). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the manual clock in small steps, letting the code react between them. */
export async function advance(clock: ManualClock, ms: number, step = 250): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    clock.advance(Math.min(step, ms - done));
    await settle();
  }
}

export interface Harness {
  readonly clock: ManualClock;
  readonly system: MemorySystem;
  readonly worker: QueueWorker;
  readonly options: QueueWorkerOptions;
}

/** The real use case over the memory system's ports, from a container as the daemon gets it, minus SQS. */
export function realHandler(system: MemorySystem, extra: { delayMs?: number; maxBytes?: number } = {}): JobHandler {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule({ count: {}, maxBytes: extra.maxBytes ?? 1024 * 1024, workerId: 'test-worker', delayMs: extra.delayMs ?? 0 }), memoryAdapters({ system }));
  return handleJobMessageFrom(container);
}

export function makeHarness(
  options: Partial<QueueWorkerOptions> & { handler?: (system: MemorySystem) => JobHandler } = {},
): Harness {
  const clock = new ManualClock();
  const system = createMemorySystem({ clock, maxReceiveCount: 3 });
  const workerOptions: QueueWorkerOptions = { concurrency: 2, visibilitySeconds: 4, waitSeconds: 2, ...options };
  const handle = (options.handler ?? realHandler)(system);
  const worker = new QueueWorker({ queue: system.jobs, clock, logger: system.logger, metrics: system.metrics, handle }, workerOptions);
  return { clock, system, worker, options: workerOptions };
}

/** A handler under the test's control: each delivery waits until the test finishes it. */
export function gatedHandler() {
  const pending = new Map<string, { delivery: Delivery; signal: AbortSignal; finish: (outcome: MessageOutcome) => void; fail: (e: unknown) => void }>();
  let running = 0;
  let maxRunning = 0;
  const handler: JobHandler = (delivery, signal) =>
    new Promise<MessageOutcome>((resolve, reject) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const done = () => {
        running -= 1;
        pending.delete(delivery.id);
      };
      pending.set(delivery.id, {
        delivery,
        signal,
        finish: (outcome) => {
          done();
          resolve(outcome);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
    });
  return {
    handler,
    pending,
    get maxRunning() {
      return maxRunning;
    },
    /** Finishes every waiting delivery with an ack. */
    ackAll() {
      for (const p of [...pending.values()]) p.finish({ action: 'ack', results: [] });
    },
  };
}

export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`still waiting for: ${what}`);
    },
    { timeout: 5000, interval: 2 },
  );
}
