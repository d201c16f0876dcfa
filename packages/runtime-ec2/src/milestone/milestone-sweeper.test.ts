import { createMemorySystem, type MemorySystem } from '@wordfreq/adapters-memory';
import { ManualClock, recordVisit } from '@wordfreq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { workerConfigFromEnv } from '../config/worker-config.from-env.js';
import { createContainer } from '../container.js';
import { startWorker, type RunningWorker } from '../start-worker.js';
import { until } from '../worker/worker.test-support.js';

let running: RunningWorker | undefined;
let system: MemorySystem | undefined;
afterEach(async () => {
  await running?.stopNow();
  system?.dispose();
  running = undefined;
  system = undefined;
});

const env = {
  WORKER_ADAPTERS: 'memory',
  WORKER_COUNT: '1',
  WORKER_WAIT_SECONDS: '1',
  WORKER_METRICS_INTERVAL_SECONDS: '0',
  WORKER_MAIL_FROM: 'forum@mytravel.example',
  WORKER_MAIL_TO: 'team@mytravel.example',
  WORKER_MILESTONES: '2,3',
  WORKER_MAIL_RESUME_SECONDS: '60',
  WORKER_MILESTONE_SWEEP_SECONDS: '300',
};

describe('the worker’s milestone sweep', () => {
  it('sends at start, then on its interval, the congratulations a crashed or failed send left behind', async () => {
    const clock = new ManualClock();
    system = createMemorySystem({ clock });
    const config = workerConfigFromEnv(env);
    const mail = config.milestones!.mail;
    // Another process crossed 2 and died before sending (SES refused): the claim stays unsent.
    const dead = { ...system, mailer: { send: async () => Promise.reject(new Error('process died')) } };
    await recordVisit('/a', dead, { thresholds: [2, 3], mail });
    await recordVisit('/a', dead, { thresholds: [2, 3], mail });
    expect((await system.claims.listUnsent()).map((c) => c.threshold)).toEqual([2]);
    clock.advance(60_000);

    running = await startWorker(config, { container: createContainer(config, { memory: { system }, writeLine: () => {} }) });
    await until(() => system!.mailer.outbox.length === 1, 'the start sweep to send 2');
    expect(system.mailer.outbox[0].subject).toContain('passed 2 visits');

    // A third visit whose process died between the increment and the claim: the next tick announces it.
    await system.counters.increment('/a');
    clock.advance(300_000);
    await until(() => system!.mailer.outbox.length === 2, 'the next tick to send 3');
    expect(system.mailer.outbox[1].subject).toContain('passed 3 visits');
    expect(await system.claims.listUnsent()).toEqual([]);
  });

  it('is off without WORKER_MAIL_FROM and needs the rest with it', () => {
    expect(workerConfigFromEnv({ WORKER_ADAPTERS: 'memory' }).milestones).toBeUndefined();
    expect(() => workerConfigFromEnv({ WORKER_ADAPTERS: 'memory', WORKER_MAIL_FROM: 'forum@mytravel.example' })).toThrow(/WORKER_MAIL_TO[\s\S]*WORKER_MILESTONES|WORKER_MILESTONES[\s\S]*WORKER_MAIL_TO/);
  });
});
