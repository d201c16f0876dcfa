import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import { ManualClock, parseResultMessage } from '@wordfreq/core';
import { succeededResult } from '@wordfreq/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { workerConfigFromEnv } from '../config/worker-config.from-env.js';
import { createContainer } from '../container.js';
import { startWorker, type RunningWorker } from '../start-worker.js';
import { settle, until } from '../worker/worker.test-support.js';

let running: RunningWorker | undefined;
let system: MemorySystem | undefined;
afterEach(async () => {
  await running?.stopNow();
  system?.dispose();
  running = undefined;
  system = undefined;
});

const env = { WORKER_ADAPTERS: 'memory', WORKER_COUNT: '1', WORKER_WAIT_SECONDS: '1', WORKER_METRICS_INTERVAL_SECONDS: '0', WORKER_MESSAGE_VISIBILITY: '60' };

/** The resultIds published since the last call (read and acked, as a consumer would). */
async function published(queue: MemorySystem['resultsQueue']): Promise<string[]> {
  const ids: string[] = [];
  for (let batch; (batch = await queue.receive({ max: 10, waitSeconds: 0, visibilitySeconds: 30 })).length > 0; ) {
    ids.push(...batch.map((d) => parseResultMessage(d.body).resultId));
    for (const delivery of batch) await queue.ack(delivery);
  }
  return ids;
}

describe('the worker’s outbox sweep', () => {
  it('publishes, on its interval and not only at start, a saved result whose publish failed', async () => {
    const clock = new ManualClock();
    system = createMemorySystem({ clock });
    const config = workerConfigFromEnv({ ...env, WORKER_REPUBLISH_SECONDS: '300' });
    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: () => {} }) });
    await settle(20);

    // After the start sweep: a job saved its row, then its publish failed on every receive (dead-lettered).
    const row = succeededResult(system.buckets.uploads, 'lost.txt', { finishedAt: clock.now().toISOString(), published: false });
    await system.results.save(row);
    clock.advance(60_000);
    await settle(20);
    expect(await published(system.resultsQueue)).toEqual([]);

    clock.advance(240_000);
    await until(async () => (await system!.results.get(row.filename))?.published === true, 'the next tick to publish the row');
    expect(await published(system.resultsQueue)).toEqual([row.resultId]);

    // Published rows are not sent again by later ticks.
    clock.advance(300_000);
    await settle(20);
    expect(await published(system.resultsQueue)).toEqual([]);
  });

  it('with WORKER_REPUBLISH_SECONDS=0 sweeps at start only', async () => {
    const clock = new ManualClock();
    system = createMemorySystem({ clock });
    const old = succeededResult(system.buckets.uploads, 'old.txt', { finishedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(), published: false });
    await system.results.save(old);
    const config = workerConfigFromEnv({ ...env, WORKER_REPUBLISH_SECONDS: '0' });
    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: () => {} }) });
    await until(async () => (await system!.results.get(old.filename))?.published === true, 'the start sweep');

    const later = succeededResult(system.buckets.uploads, 'later.txt', { finishedAt: clock.now().toISOString(), published: false });
    await system.results.save(later);
    clock.advance(3_600_000);
    await settle(20);
    expect((await system.results.get(later.filename))?.published).toBe(false);
    expect(await published(system.resultsQueue)).toEqual([old.resultId]);
  });
});
