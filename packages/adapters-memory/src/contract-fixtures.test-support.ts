// Fixtures that run the shared contract suites (@wordfreq/testing) against the memory adapters.
import { systemClock } from '@wordfreq/core';
import type { Clock } from '@wordfreq/core';
import type { JobQueueFixture } from '@wordfreq/testing';
import { ManualClock } from './manual-clock.js';
import { MemoryJobQueue } from './memory-job-queue.js';

/** Lets the event loop run (woken long polls, then their continuations) after a manual clock moved. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A jobs queue with a dead-letter queue on a manual clock (fast) or on real time (the default runtime path). */
export function makeQueueFixture(time: 'manual' | 'real', maxReceiveCount = 3): JobQueueFixture {
  const manual = time === 'manual' ? new ManualClock() : undefined;
  const clock: Clock = manual ?? systemClock;
  const deadLetters = new MemoryJobQueue({ name: 'contract-dlq', clock });
  const queue = new MemoryJobQueue({ name: 'contract-jobs', clock, deadLetterQueue: deadLetters, maxReceiveCount });
  return {
    queue,
    deadLetters,
    maxReceiveCount,
    async elapse(ms) {
      if (manual) {
        manual.advance(ms);
        await settle();
      } else {
        await systemClock.sleep(ms);
      }
    },
    async dispose() {
      queue.close();
      deadLetters.close();
    },
  };
}
