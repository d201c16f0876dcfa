import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import type { Delivery } from '@wordfreq/core';
import { handleJobMessageFrom, type CoreSettings } from '@wordfreq/core/di';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext, sqsEvent } from '../../test/events.js';
import { memoryContainer } from '../../test/memory-container.js';
import { wrapPort } from '../../test/wrap-port.js';
import { createJobsHandler, type JobsHandlerOptions } from './jobs.handler.js';

const job: CoreSettings = { count: {}, maxBytes: 1024 * 1024, workerId: 'lambda-test' };
let system: MemorySystem;

afterEach(() => system?.dispose());

async function setUp(files: Record<string, string>) {
  system = createMemorySystem({ bridgeUploads: false });
  for (const [key, text] of Object.entries(files)) {
    await system.store.put({ bucket: system.buckets.uploads, key }, text);
    await system.jobs.send(JSON.stringify({ bucket: system.buckets.uploads, key }));
  }
  const deliveries = await system.jobs.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 300 });
  const handler = ({ job: settings = job, ...options }: Partial<JobsHandlerOptions> & { job?: CoreSettings } = {}) =>
    createJobsHandler(
      { handleJobMessage: handleJobMessageFrom(memoryContainer(system, settings)), queue: system.jobs, logger: system.logger, metrics: system.metrics },
      { concurrency: 4, marginMs: 1_000, ...options },
    );
  return { deliveries, handler };
}

function eventOf(deliveries: readonly Delivery[]) {
  return sqsEvent(
    deliveries.map((d) => ({ MessageId: d.id, ReceiptHandle: d.handle, Body: d.body, Attributes: { ApproximateReceiveCount: String(d.receiveCount) } })),
    'wordfreq-jobs',
  );
}

describe('jobs handler (memory adapters)', () => {
  it('releases every record, without starting it, when the invocation is already within its margin', async () => {
    const { deliveries, handler } = await setUp({ 'a.txt': 'alpha', 'b.txt': 'beta' });
    const response = await handler()(eventOf(deliveries), lambdaContext({ remainingMs: () => 999 }));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(deliveries.map((d) => d.id).sort());
    expect(await system.results.get(`${system.buckets.uploads}/a.txt`)).toBeUndefined();
    // Released means visible again at once, not after the 300 s visibility timeout.
    expect(await system.jobs.depth()).toEqual({ visible: 2, inFlight: 0 });
  });

  it('aborts and releases a job still running when the deadline comes', async () => {
    const { deliveries, handler } = await setUp({ 'slow.txt': 'slow words' });
    const remaining = Date.now() + 1_050;
    const response = await handler({ job: { ...job, delayMs: 600_000 } })(eventOf(deliveries), lambdaContext({ remainingMs: () => remaining - Date.now() }));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: deliveries[0]!.id }]);
    expect(await system.jobs.depth()).toEqual({ visible: 1, inFlight: 0 });
    expect(system.metrics.sum('JobsReleased')).toBe(1);
  });

  it('runs a message delivered twice in one batch once', async () => {
    const { deliveries, handler } = await setUp({ 'once.txt': 'one two two' });
    const twice = eventOf([deliveries[0]!, deliveries[0]!]);
    const response = await handler()(twice, lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    expect(await system.resultsQueue.depth()).toEqual({ visible: 1, inFlight: 0 });
    expect(system.metrics.sum('JobsSucceeded')).toBe(1);
  });

  it('reports a record whose dead-lettering failed, so the message is not lost', async () => {
    system = createMemorySystem({ bridgeUploads: false });
    await system.jobs.send('not a job');
    const deliveries = await system.jobs.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 300 });
    const queue = wrapPort(system.jobs, { deadLetter: async () => { throw new Error('SQS is down'); } });
    const handler = createJobsHandler(
      { handleJobMessage: handleJobMessageFrom(memoryContainer(system, job)), queue, logger: system.logger, metrics: system.metrics },
      { concurrency: 1, marginMs: 1_000 },
    );
    const response = await handler(eventOf(deliveries), lambdaContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: deliveries[0]!.id }]);
    expect(await system.deadLetters.depth()).toEqual({ visible: 0, inFlight: 0 });
  });
});
